package dev.kfsck.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kfsck.core.format.segment.SegmentScan;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzz targets (Jazzer). In a normal build ({@code mvn verify}) each target only replays its seeds
 * from {@code src/test/resources/dev/kfsck/core/fuzz/ParserFuzzTestInputs/<method>/} (small cuts of the real
 * fixtures) and any crash found earlier; with {@code JAZZER_FUZZ=1} Jazzer mutates inputs guided by coverage. See
 * core/FUZZING.md. A target fails on any exception, and on a finding outside the file.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void segmentScanner(byte[] bytes) {
        for (FileKind.Outcome o : ParserRules.checkInline(FileKind.SEGMENT, FileKind.SEGMENT.samplePath, bytes)) {
            SegmentScan s = (SegmentScan) o.model();
            assertTrue(s.validBytes() >= 0 && s.validBytes() <= bytes.length, o.entryPoint());
            assertTrue(s.holes().stream().allMatch(h -> h.start() >= s.validBytes() && h.end() <= bytes.length), o.entryPoint());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void quorumState(byte[] bytes) {
        ParserRules.checkInline(FileKind.QUORUM_STATE, FileKind.QUORUM_STATE.samplePath, bytes);
    }

    /** The first byte picks the kind of checkpoint (offsets or leader epochs), the rest is the file. */
    @FuzzTest(maxDuration = "5m")
    void checkpoint(byte[] input) {
        if (input.length == 0) return;
        FileKind[] kinds = {FileKind.RECOVERY_POINT, FileKind.LEADER_EPOCH, FileKind.REPLICATION_OFFSET,
                FileKind.METADATA_LEADER_EPOCH};
        FileKind kind = kinds[(input[0] & 0xFF) % kinds.length];
        byte[] bytes = java.util.Arrays.copyOfRange(input, 1, input.length);
        ParserRules.checkInline(kind, kind.samplePath, bytes);
    }
}
