package dev.kfsck.core.format.metadata;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Kafka reads a snapshot file name ({@code Snapshots.parse}): the name must end in {@code .checkpoint},
 * {@code .checkpoint.part} or {@code .checkpoint.deleted}; the end offset is characters 0–19 and the epoch
 * characters 21–30, whatever surrounds them.
 *
 * @param name       the bare file name
 * @param kind       which suffix it has, or NOT_A_SNAPSHOT
 * @param id         the id Kafka reads from it, when it can read one
 * @param canonical  true when the name is exactly what Kafka writes
 * @param problem    why Kafka cannot read the name (empty when it can)
 */
public record SnapshotName(String name, Kind kind, Optional<SnapshotId> id, boolean canonical, String problem) {

    /** What the suffix says about the file. */
    public enum Kind { SNAPSHOT, PARTIAL, DELETED, NOT_A_SNAPSHOT }

    private static final Pattern CANONICAL = Pattern.compile("\\d{20}-\\d{10}\\.checkpoint");
    private static final int OFFSET_WIDTH = 20;
    private static final int EPOCH_WIDTH = 10;

    /** Parses a bare file name the way Kafka does, without throwing. */
    public static SnapshotName parse(String name) {
        Kind kind;
        if (name.endsWith(".checkpoint.part")) kind = Kind.PARTIAL;
        else if (name.endsWith(".checkpoint.deleted")) kind = Kind.DELETED;
        else if (name.endsWith(".checkpoint")) kind = Kind.SNAPSHOT;
        else return new SnapshotName(name, Kind.NOT_A_SNAPSHOT, Optional.empty(), false, "not a snapshot file name");

        if (name.length() < OFFSET_WIDTH + 1 + EPOCH_WIDTH) {
            return new SnapshotName(name, kind, Optional.empty(), false,
                    "name shorter than " + (OFFSET_WIDTH + 1 + EPOCH_WIDTH) + " characters");
        }
        String offsetText = name.substring(0, OFFSET_WIDTH);
        String epochText = name.substring(OFFSET_WIDTH + 1, OFFSET_WIDTH + 1 + EPOCH_WIDTH);
        long offset;
        int epoch;
        try {
            offset = Long.parseLong(offsetText);
        } catch (NumberFormatException e) {
            return new SnapshotName(name, kind, Optional.empty(), false, "end offset '" + offsetText + "' is not a number");
        }
        try {
            epoch = Integer.parseInt(epochText);
        } catch (NumberFormatException e) {
            return new SnapshotName(name, kind, Optional.empty(), false, "epoch '" + epochText + "' is not a number");
        }
        boolean canonical = kind == Kind.SNAPSHOT && CANONICAL.matcher(name).matches();
        return new SnapshotName(name, kind, Optional.of(new SnapshotId(offset, epoch)), canonical, "");
    }

    /** True when Kafka would throw on this name at startup. */
    public boolean unreadable() {
        return kind != Kind.NOT_A_SNAPSHOT && id.isEmpty();
    }
}
