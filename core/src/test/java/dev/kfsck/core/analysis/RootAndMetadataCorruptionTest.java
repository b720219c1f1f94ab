package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each corruption of the catalog that concerns the log dir root or the metadata log yields its code at the file and
 * byte range the catalog says it damaged, with Kafka's reaction (as the fact sheet's trials observed it).
 */
class RootAndMetadataCorruptionTest {

    record Expect(Corruption corruption, String code, KafkaReaction reaction) {
    }

    static final List<Expect> EXPECTED = List.of(
            new Expect(Corruption.QS_NULL_FILL, "QS-NULL-BYTES", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0, "XFILE-QS-EPOCH-BELOW-LOG", KafkaReaction.TOLERATED),
            new Expect(Corruption.QS_EPOCH_FAR_AHEAD, "XFILE-QS-EPOCH-FAR-AHEAD", KafkaReaction.TOLERATED),
            new Expect(Corruption.QS_EPOCH_BELOW_LOG, "XFILE-QS-EPOCH-BELOW-LOG", KafkaReaction.TOLERATED),
            new Expect(Corruption.QS_TRUNCATED, "QS-BAD-JSON", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.META_LEC_NULL_FILL, "CKPT-NULL-BYTES", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.META_PROPS_NULL_FILL, "META-NULL-BYTES", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.SNAPSHOT_CRC_FLIP, "SNAP-CRC-MISMATCH", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.SNAPSHOT_CRC_FLIP, "XFILE-SNAP-LATEST-DAMAGED", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.STRAY_FOLDER, "LAYOUT-STRAY-FOLDER", KafkaReaction.STARTUP_FATAL),
            new Expect(Corruption.REPL_CKPT_NULL_FILL, "CKPT-NULL-BYTES", KafkaReaction.LOG_DIR_OFFLINE),
            new Expect(Corruption.RECOVERY_CKPT_COUNT_MISMATCH, "CKPT-COUNT-MISMATCH", KafkaReaction.LOG_DIR_OFFLINE));

    static Stream<Arguments> cases() {
        return Fixtures.available().stream().flatMap(s -> EXPECTED.stream().map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void corruptionYieldsItsCodeWhereItWasDone(String scenario, Expect e, @TempDir Path tmp) {
        Path dir = FixtureCopies.logDirs(scenario, tmp).get(0);
        Applied applied;
        try {
            applied = e.corruption().apply(dir);
        } catch (RuntimeException notApplicable) {
            Assumptions.abort(e.corruption() + " does not apply to " + scenario + ": " + notApplicable.getMessage());
            return;
        }
        Report r = LogDirChecker.check(dir);
        List<Finding> matching = r.findings().stream()
                .filter(f -> f.code().id().equals(e.code()) && f.location().file().equals(applied.file()))
                .toList();
        assertFalse(matching.isEmpty(), e.code() + " at " + applied.file() + " for " + applied.description() + "; found " + r.findings());
        assertTrue(matching.stream().anyMatch(f -> covers(f.location(), applied)),
                e.code() + " must point at the damaged bytes " + applied.offset() + "+" + applied.length() + ": " + matching);
        assertTrue(matching.stream().allMatch(f -> f.reaction() == e.reaction()), matching.toString());
    }

    /** The finding's byte range overlaps the damaged range; whole-file findings only for whole-file damage. */
    static boolean covers(Location l, Applied a) {
        boolean wholeFileDamage = a.kind() == Applied.Kind.ADD_FOLDER || a.kind() == Applied.Kind.REMOVE;
        if (l.offset() < 0) return wholeFileDamage || isWholeFileCode(l);
        if (a.kind() == Applied.Kind.TRUNCATE) {
            // the damage is the cut between the last byte kept and the first byte lost: the finding must reach it
            return l.offset() <= a.offset() && l.offset() + Math.max(1, l.length()) >= a.offset();
        }
        long damageEnd = a.offset() + Math.max(1, a.length());
        long findingEnd = l.offset() + Math.max(1, l.length());
        return l.offset() < damageEnd && a.offset() < findingEnd;
    }

    /** Findings about a file's role rather than a byte of it (the latest snapshot as a whole). */
    private static boolean isWholeFileCode(Location l) {
        return l.file().endsWith(".checkpoint");
    }
}
