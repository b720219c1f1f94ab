package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Applied;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * A segment as a partition written before Kafka 3.0 with {@code message.format.version} 0.10 keeps it: the same
 * records at the same offsets, as uncompressed magic-1 messages written by Kafka's own {@link MemoryRecordsBuilder}.
 * A 4.x broker never writes them (KRaft needs inter.broker.protocol 3.0 or later, which writes v2 only) but still
 * reads them from a log upgraded across versions.
 */
final class LegacySegment {

    private LegacySegment() {
    }

    /** One message of the rewritten segment: where it lies and its offset. */
    record Message(long position, int size, long offset) {
    }

    /**
     * Rewrites {@code file} (relative to {@code logDir}) as magic-1 messages with the same offsets, timestamps, keys
     * and values, removes its indexes (they describe the v2 layout), and returns the messages.
     */
    static List<Message> rewriteAsMagic1(Path logDir, String file) throws IOException {
        Path log = logDir.resolve(file);
        List<Record> records = new ArrayList<>();
        long base;
        try (FileRecords fr = FileRecords.open(new File(log.toString()), false)) {
            base = -1;
            for (RecordBatch b : fr.batches()) {
                if (b.isControlBatch()) throw new IllegalStateException(file + " holds control batches; magic 1 has none");
                if (base < 0) base = b.baseOffset();
                for (Record r : b) {
                    if (r.headers().length > 0) throw new IllegalStateException(file + " holds record headers; magic 1 has none");
                    records.add(r);
                }
            }
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Files.size(log) * 4 + 1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buf, RecordBatch.MAGIC_VALUE_V1, Compression.NONE,
                TimestampType.CREATE_TIME, base);
        for (Record r : records) builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value());
        MemoryRecords built = builder.build();
        byte[] bytes = new byte[built.sizeInBytes()];
        built.buffer().duplicate().get(bytes);
        Files.write(log, bytes);
        String stem = file.substring(0, file.length() - ".log".length());
        for (String suffix : List.of(".index", ".timeindex", ".txnindex")) Files.deleteIfExists(logDir.resolve(stem + suffix));
        List<Message> out = new ArrayList<>();
        for (var b : built.batches()) {
            out.add(new Message(out.isEmpty() ? 0 : out.get(out.size() - 1).position() + out.get(out.size() - 1).size(),
                    b.sizeInBytes(), b.baseOffset()));
        }
        return out;
    }

    /**
     * A legacy partition's segment (see {@link #rewriteAsMagic1}) then hit by bit rot inside message {@code k}: its
     * CRC-32 no longer matches.
     */
    static Applied withBitRot(Path logDir, String file, int k) throws IOException {
        List<Message> messages = rewriteAsMagic1(logDir, file);
        Message m = messages.get(k);
        Applied a = dev.kfsck.testdata.corrupt.Damage.flipBit(logDir, file, m.position() + m.size() - 3, 2);
        return new Applied("legacy-bit-rot", a.kind(), a.file(), a.path(), a.offset(), a.length(),
                "rewrote " + file + " as " + messages.size() + " magic-1 messages (same offsets, keys and values), then "
                        + a.description() + " (inside the value of the message at offset " + m.offset() + ")");
    }
}
