package dev.kfsck.core.format.segment;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A producer-state snapshot ({@code <offset>.snapshot}, version 1), as Kafka writes it: a header, then one 46-byte
 * entry per producer. Kafka deletes a snapshot it cannot read (bad version, short, bad CRC) and rebuilds the state.
 *
 * <pre>
 *  offset  size  field
 *       0     2  version                int16   1
 *       2     4  crc                    uint32  CRC-32C of bytes [6, end)
 *       6     4  count                  int32
 *      10  46×n  entries: producerId int64, epoch int16, lastSequence int32, lastOffset int64, offsetDelta int32,
 *                timestamp int64, coordinatorEpoch int32, currentTxnFirstOffset int64 (-1 = none)
 * </pre>
 *
 * @param version     the version field
 * @param storedCrc   the CRC in the header
 * @param computedCrc the CRC of the bytes
 * @param count       the entry count in the header
 * @param entries     the entries present (never more than the bytes hold, whatever the count says)
 */
public record ProducerSnapshot(int version, long storedCrc, long computedCrc, int count, List<Entry> entries) {

    public static final int VERSION = 0;
    public static final int CRC = 2;
    public static final int COUNT = 6;
    public static final int ENTRIES = 10;
    public static final int ENTRY_SIZE = 46;

    /** One producer's state. */
    public record Entry(long producerId, short epoch, int lastSequence, long lastOffset, int offsetDelta, long timestamp,
                        int coordinatorEpoch, long currentTxnFirstOffset) {
    }

    public ProducerSnapshot {
        entries = List.copyOf(entries);
    }

    public boolean crcMatches() {
        return storedCrc == computedCrc;
    }

    /** Parses a snapshot's bytes (read them with {@code BoundedRead}); never throws on bad data. */
    public static Parsed<ProducerSnapshot> parse(String file, byte[] bytes) {
        List<Finding> findings = new ArrayList<>();
        if (bytes.length < ENTRIES) {
            findings.add(ProducerSnapshotCodes.TRUNCATED.at(Location.at(file, 0, bytes.length),
                    "snapshot is " + bytes.length + " bytes", Evidence.of(Evidence.hex(bytes, 0, bytes.length), ">= 10 bytes")));
            return Parsed.failed(findings);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.getShort(VERSION);
        long stored = b.getInt(CRC) & 0xFFFFFFFFL;
        int count = b.getInt(COUNT);
        CRC32C crc = new CRC32C();
        crc.update(bytes, COUNT, bytes.length - COUNT);
        long computed = crc.getValue();
        if (version != 1) {
            findings.add(ProducerSnapshotCodes.UNKNOWN_VERSION.at(Location.at(file, VERSION, 2), "snapshot version " + version,
                    Evidence.of(version, 1)));
        }
        long room = (bytes.length - ENTRIES) / ENTRY_SIZE;
        long needed = ENTRIES + (long) count * ENTRY_SIZE;
        if (count < 0 || count > room) {
            findings.add(ProducerSnapshotCodes.COUNT_MISMATCH.at(Location.at(file, COUNT, 4), "count " + count + " needs "
                    + needed + " bytes, the file has " + bytes.length, Evidence.of(count, "0.." + room)));
        } else if (needed < bytes.length) {
            findings.add(ProducerSnapshotCodes.TRAILING_BYTES.at(Location.at(file, needed, bytes.length - needed),
                    (bytes.length - needed) + " bytes after " + count + " entries", Evidence.of(bytes.length, needed)));
        }
        if (stored != computed) {
            findings.add(ProducerSnapshotCodes.CRC_MISMATCH.at(Location.at(file, CRC, 4),
                    String.format("stored crc 0x%08x, computed 0x%08x", stored, computed),
                    Evidence.of(String.format("0x%08x", stored), String.format("0x%08x", computed))));
        }
        int n = (int) Math.max(0, Math.min(count, room));
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = ENTRIES + i * ENTRY_SIZE;
            entries.add(new Entry(b.getLong(p), b.getShort(p + 8), b.getInt(p + 10), b.getLong(p + 14), b.getInt(p + 22),
                    b.getLong(p + 26), b.getInt(p + 34), b.getLong(p + 38)));
        }
        return Parsed.of(new ProducerSnapshot(version, stored, computed, count, entries), findings);
    }

    /** The bytes Kafka writes for these entries (version 1, CRC computed). */
    public static byte[] write(List<Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(ENTRIES + entries.size() * ENTRY_SIZE);
        b.putShort((short) 1).putInt(0).putInt(entries.size());
        for (Entry e : entries) {
            b.putLong(e.producerId()).putShort(e.epoch()).putInt(e.lastSequence()).putLong(e.lastOffset())
                    .putInt(e.offsetDelta()).putLong(e.timestamp()).putInt(e.coordinatorEpoch()).putLong(e.currentTxnFirstOffset());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), COUNT, b.capacity() - COUNT);
        b.putInt(CRC, (int) crc.getValue());
        return b.array();
    }
}
