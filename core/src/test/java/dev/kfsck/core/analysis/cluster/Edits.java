package dev.kfsck.core.analysis.cluster;

import dev.kfsck.testdata.corrupt.Targets;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/** Hand edits of a fixture copy that model what happens across brokers (a copied file, a lost tail, a rogue leader). */
final class Edits {

    private Edits() {
    }

    /** The batches of a partition's last segment. */
    static List<Targets.Batch> lastSegmentBatches(Path logDir, String partition) {
        return Targets.batches(logDir.resolve(Targets.activeSegment(logDir, partition)));
    }

    static Path lastSegment(Path logDir, String partition) {
        return logDir.resolve(Targets.activeSegment(logDir, partition));
    }

    /** Cuts a file at a byte position (a batch boundary: a clean, shorter log). */
    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** Sets a batch's partitionLeaderEpoch; the CRC does not cover it, so the batch stays valid. */
    static void setBatchEpoch(Path segment, long batchPosition, int epoch) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(batchPosition + 12);
            f.writeInt(epoch);
        }
    }

    /** Changes one byte of a batch's records and stores the new CRC-32C: a valid batch with other content. */
    static void rewriteBatchContent(Path segment, Targets.Batch b) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int last = (int) (b.position() + b.size() - 1);
        bytes[last] ^= 0x01;
        CRC32C crc = new CRC32C();
        int from = (int) b.position() + 21;
        crc.update(bytes, from, last + 1 - from);
        ByteBuffer.wrap(bytes).putInt((int) b.position() + 17, (int) crc.getValue());
        Files.write(segment, bytes);
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Replaces one entry of an offset checkpoint ({@code topic partition offset}). */
    static void setCheckpointEntry(Path file, String topic, int partition, long offset) throws IOException {
        String prefix = topic + " " + partition + " ";
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            sb.append(line.startsWith(prefix) ? prefix + offset : line).append('\n');
        }
        write(file, sb.toString());
    }

    /** Replaces a key's value in a properties file such as meta.properties. */
    static void setProperty(Path file, String key, String value) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            sb.append(line.startsWith(key + "=") ? key + "=" + value : line).append('\n');
        }
        write(file, sb.toString());
    }
}
