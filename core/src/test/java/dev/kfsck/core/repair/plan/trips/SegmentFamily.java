package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.core.repair.plan.LossPolicy;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Damage;
import dev.kfsck.testdata.corrupt.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * SEG-* codes: segment files. Each partition of {@code single-4.3-kill} carries its own damage, so one broker start
 * proves several codes: one trip truncates (every damage cut after the last valid batch, later segments moved out),
 * one excises (only the damaged bytes cut out, an offset gap left) and carries the lossless repairs (magic byte, segment
 * names). Damage below the recovery point is what Kafka would not check and would serve; damage in an active segment
 * is what Kafka's recovery would cut itself.
 */
final class SegmentFamily implements CodeFamily {

    static final String FIXTURE = "single-4.3-kill";
    static final String ORDERS_0_FIRST = "orders-0/00000000000000000000.log";
    static final String ORDERS_1_ACTIVE = "orders-1/00000000000000000636.log";
    static final String ORDERS_1_MIDDLE = "orders-1/00000000000000000164.log";
    static final String ORDERS_2_MIDDLE = "orders-2/00000000000000000183.log";
    static final String ORDERS_2_ACTIVE = "orders-2/00000000000000000655.log";
    static final String PAYMENTS_0_FIRST = "payments-0/00000000000000000000.log";
    static final String PAYMENTS_1_MIDDLE = "payments-1/00000000000000000085.log";
    static final String PAYMENTS_1_ACTIVE = "payments-1/00000000000000000165.log";
    static final String CUSTOMERS_0_ACTIVE = "customers-0/00000000000000000800.log";
    static final String OFFSETS_2_ACTIVE = "__consumer_offsets-2/00000000000000000000.log";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(
                BrokerTrip.losing("damaged batches cut after the last valid batch", FIXTURE, LossPolicy.TRUNCATE,
                        CodeCase.of("SEG-CRC-MISMATCH", d -> bitRotInBatch(d, ORDERS_0_FIRST, 5)),
                        CodeCase.of("SEG-BATCH-TOO-SMALL", d -> zeroedLength(d, ORDERS_2_MIDDLE, 13)),
                        CodeCase.of("SEG-BATCH-PAST-END", d -> flippedLengthBit(d, PAYMENTS_0_FIRST, 4)),
                        CodeCase.of("SEG-DATA-AFTER-DAMAGE", d -> garbageInBatch(d, PAYMENTS_1_MIDDLE, 2)),
                        CodeCase.of("SEG-TORN-TAIL", d -> tornLastBatch(d, CUSTOMERS_0_ACTIVE)),
                        CodeCase.of("SEG-ZERO-TAIL", d -> Damage.zeroTail(d, OFFSETS_2_ACTIVE, 4096)),
                        CodeCase.of("SEG-LEGACY-CRC-MISMATCH", d -> LegacySegment.withBitRot(d, ORDERS_1_ACTIVE, 20))),
                BrokerTrip.losing("damaged batches cut out, the valid batches after them kept", FIXTURE, LossPolicy.EXCISE,
                        CodeCase.of("SEG-CRC-MISMATCH", d -> bitRotInBatch(d, ORDERS_0_FIRST, 5)),
                        CodeCase.of("SEG-BATCH-TOO-SMALL", d -> zeroedLength(d, ORDERS_2_MIDDLE, 13)),
                        CodeCase.of("SEG-BATCH-PAST-END", d -> flippedLengthBit(d, PAYMENTS_0_FIRST, 4)),
                        CodeCase.of("SEG-DATA-AFTER-DAMAGE", d -> garbageInBatch(d, PAYMENTS_1_MIDDLE, 2)),
                        CodeCase.of("SEG-UNKNOWN-MAGIC", d -> magicBitRot(d, ORDERS_1_MIDDLE, 10)),
                        CodeCase.of("SEG-FIRST-OFFSET-BELOW-BASE", d -> renamedSegment(d, CUSTOMERS_0_ACTIVE, 801)),
                        CodeCase.of("SEG-BAD-FILE-NAME", d -> unpaddedName(d, ORDERS_2_ACTIVE)),
                        CodeCase.of("SEG-BAD-FILE-NAME", d -> strayCopy(d, PAYMENTS_1_ACTIVE))));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.ofEntries(
                Map.entry("SEG-OFFSETS-BACKWARDS", "the offsets lie inside CRC-verified batches that disagree with each other:"
                        + " nothing on disk says which batch is right, so no cut is safe to choose; recovery (if it runs)"
                        + " empties the segment"),
                Map.entry("SEG-OVERLAPS-NEXT", "two segments hold copies of the same offsets and both verify: nothing on disk"
                        + " says which copy is right; the operator decides"),
                Map.entry("SEG-EPOCH-BACKWARDS", "tolerated by Kafka; the epochs lie inside CRC-protected batches (nothing to"
                        + " rewrite there) and the leader-epoch-checkpoint is rebuilt by the LEC-* repairs"),
                Map.entry("SEG-FIRST-OFFSET-GAP", "INFO: a first batch above the name's base offset is what compaction leaves"),
                Map.entry("SEG-OFFSET-OUT-OF-RANGE", "Kafka's recovery splits such a segment itself at startup; kfsck does not"
                        + " split segments offline"),
                Map.entry("SEG-INVALID-COMPRESSION", "the codec bits lie inside the CRC: a batch that verifies was written so,"
                        + " and no other codec is proven; one whose CRC fails is cut as SEG-CRC-MISMATCH"),
                Map.entry("SEG-BAD-RECORD-COUNT", "the count lies inside the CRC: a batch that verifies was written so, and no"
                        + " other count is proven; Kafka's recovery does not check it"),
                Map.entry("SEG-TOO-LARGE", "splitting a segment over 2 GiB is not done offline; kfsck rewrites segments in"
                        + " memory only up to 256 MiB"),
                Map.entry("SEG-MORE-FINDINGS", "INFO: counts the findings of one kind beyond the report's limit; the listed"
                        + " ones are repaired by their codes"));
    }

    /** Bit rot: one bit flipped inside the records of batch {@code k}; its CRC-32C no longer matches. */
    static Applied bitRotInBatch(Path logDir, String file, int k) {
        Targets.Batch b = batch(logDir, file, k);
        return Damage.flipBit(logDir, file, b.position() + Targets.BATCH_HEADER + (b.size() - Targets.BATCH_HEADER) / 2, 3);
    }

    /** A lost write of one sector part: the 4-byte length of batch {@code k} reads 0, below any format's minimum. */
    static Applied zeroedLength(Path logDir, String file, int k) {
        return Damage.nullFillRange(logDir, file, batch(logDir, file, k).position() + 8, 4);
    }

    /** Bit rot in the top byte of batch {@code k}'s length: the batch seems to run a gigabyte past the file's end. */
    static Applied flippedLengthBit(Path logDir, String file, int k) {
        return Damage.flipBit(logDir, file, batch(logDir, file, k).position() + 8, 6);
    }

    /** A misdirected write: 40 bytes of another file land inside batch {@code k}; valid batches follow. */
    static Applied garbageInBatch(Path logDir, String file, int k) {
        return Damage.garbage(logDir, file, batch(logDir, file, k).position() + 30, 40, 7);
    }

    /** A torn append: the segment's last batch only partly reached the disk. */
    static Applied tornLastBatch(Path logDir, String file) {
        List<Targets.Batch> all = Targets.batches(logDir.resolve(file));
        return Damage.truncateAt(logDir, file, all.get(all.size() - 1).position() + 40);
    }

    /**
     * Bit rot in the magic byte of batch {@code k} (2 becomes 3): the magic lies outside the CRC-32C, so Kafka does not
     * notice and serves the batch, which consumers refuse.
     */
    static Applied magicBitRot(Path logDir, String file, int k) {
        return Damage.flipBit(logDir, file, batch(logDir, file, k).position() + 16, 0);
    }

    /**
     * A segment's files renamed by hand (or by a copy tool) to a base offset above its first batch: the .log and its
     * indexes move to the new name; the finding is at the new .log.
     */
    static Applied renamedSegment(Path logDir, String file, long newBase) throws IOException {
        String folder = file.substring(0, file.indexOf('/'));
        String oldBase = file.substring(folder.length() + 1, folder.length() + 21);
        String newName = String.format("%020d", newBase);
        for (String suffix : List.of(".log", ".index", ".timeindex", ".txnindex")) {
            Path from = logDir.resolve(folder).resolve(oldBase + suffix);
            if (Files.exists(from)) Files.move(from, from.resolveSibling(newName + suffix));
        }
        String rel = folder + "/" + newName + ".log";
        Path p = logDir.resolve(rel);
        return new Applied("rename", Applied.Kind.REWRITE, rel, p, 0, Files.size(p),
                "renamed the files of " + file + " to base offset " + newBase + " (above its first batch)");
    }

    /**
     * A tool (or a hand {@code mv}) that strips the zero padding from a segment's name: Kafka parses the offset, opens an
     * empty segment under the padded name instead, and the log ends where this segment began.
     */
    static Applied unpaddedName(Path logDir, String file) throws IOException {
        String folder = file.substring(0, file.indexOf('/'));
        long base = Long.parseLong(file.substring(folder.length() + 1, folder.length() + 21));
        String rel = folder + "/" + base + ".log";
        Files.move(logDir.resolve(file), logDir.resolve(rel));
        return new Applied("unpadded-name", Applied.Kind.REWRITE, rel, logDir.resolve(rel), 0, Files.size(logDir.resolve(rel)),
                "renamed " + file + " to " + rel + " (zero padding stripped)");
    }

    /** An operator's copy of a segment left in the partition folder before a hand edit: Kafka exits on its name. */
    static Applied strayCopy(Path logDir, String file) throws IOException {
        String folder = file.substring(0, file.indexOf('/'));
        String rel = folder + "/copy-of-" + file.substring(folder.length() + 1);
        Files.copy(logDir.resolve(file), logDir.resolve(rel));
        return new Applied("stray-copy", Applied.Kind.REWRITE, rel, logDir.resolve(rel), 0, Files.size(logDir.resolve(rel)),
                "copied " + file + " to " + rel + " in the partition folder");
    }

    static Targets.Batch batch(Path logDir, String file, int k) {
        return Targets.batches(logDir.resolve(file)).get(k);
    }
}
