package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Corruption;
import dev.kfsck.testdata.corrupt.Damage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CKPT-* codes and the cross-file codes of the four root offset checkpoints. Each node of quorum3-4.3 has a
 * replication, a recovery-point and a log-start checkpoint with text in them and an empty cleaner checkpoint, so one
 * start of the three brokers proves ten codes, each in its own file.
 */
final class CheckpointFamily implements CodeFamily {

    private static final String HW = "replication-offset-checkpoint";
    private static final String RP = "recovery-point-offset-checkpoint";
    private static final String LSO = "log-start-offset-checkpoint";
    private static final String CLEANER = "cleaner-offset-checkpoint";

    @Override
    public List<BrokerTrip> trips() {
        return List.of(BrokerTrip.of("every root offset checkpoint flaw, four files per voter", "quorum3-4.3",
                // power loss while Kafka replaced the file: the size reached the disk, the data did not
                CodeCase.onNode(0, "CKPT-NULL-BYTES", d -> Damage.zeroTail(d, CLEANER, 16)),
                // a torn write that lost the last newline only: Kafka reads the file, the flaw is cosmetic but suspect
                CodeCase.onNode(0, "CKPT-TRUNCATED", d -> Damage.truncateAt(d, RP, Files.size(d.resolve(RP)) - 1)),
                CodeCase.onNode(0, "XFILE-LOG-START-BEYOND-LOG-END", Corruption.LSO_BEYOND_END::apply),
                // a zeroed disk page inside a line: Kafka reads an entry for a topic that does not exist
                CodeCase.onNode(0, "CKPT-NULL-IN-TOPIC", d -> Damage.nullFillRange(d, HW, lineStart(d, HW, 3) + 2, 3)),
                // bit rot: the high bit of a topic name's first letter
                CodeCase.onNode(1, "CKPT-INVALID-UTF8", d -> Damage.flipBit(d, HW, lineStart(d, HW, 2), 7)),
                // bit rot: the version '0' becomes '1'
                CodeCase.onNode(1, "CKPT-UNKNOWN-VERSION", d -> Damage.flipBit(d, RP, 0, 0)),
                // bit rot: the count '0' becomes '1' with no entry line after it
                CodeCase.onNode(1, "CKPT-COUNT-MISMATCH", d -> Damage.flipBit(d, LSO, 2, 0)),
                // a copy-paste slip while editing by hand: one partition's line replaced by another's
                CodeCase.onNode(2, "CKPT-DUPLICATE-ENTRY", d -> Damage.replaceLine(d, HW, 3, line(d, HW, 2))),
                // a typo while editing by hand (letter O for zero): Kafka drops the whole file
                CodeCase.onNode(2, "CKPT-BAD-NUMBER", d -> Damage.replaceLine(d, RP, 2, line(d, RP, 2) + "O")),
                // bit rot: the count '0' becomes 'p', no longer an int
                CodeCase.onNode(2, "CKPT-MALFORMED-LINE", d -> Damage.flipBit(d, LSO, 2, 6))));
    }

    @Override
    public Map<String, String> notRepaired() {
        return Map.of(
                "CKPT-MORE-FINDINGS", "INFO: only says that more findings of the file were not listed; the file's own findings drive its rewrite",
                "XFILE-HW-BEYOND-LOG-END", "tolerated (Kafka clamps the high watermark to the log end), and the value is the only trace of "
                        + "acknowledged records that are gone: kept as evidence, never rewritten on its own",
                "XFILE-HW-BELOW-LOG-START", "tolerated: Kafka raises the high watermark to the log start at load; nothing to write",
                "XFILE-RECOVERY-POINT-BEYOND-LOG-END", "INFO: Kafka recovers the active segment anyway and lowers the recovery point",
                "XFILE-CKPT-NO-FOLDER", "INFO: Kafka ignores an entry without a folder and drops it at its next checkpoint write",
                "XFILE-FOLDER-NO-CKPT", "INFO: Kafka's defaults (recovery point 0: full recovery; high watermark from the leader) are safe");
    }

    /** Byte offset where line {@code index} (0-based) of a text file starts. */
    static long lineStart(Path logDir, String file, int index) throws IOException {
        String text = Files.readString(logDir.resolve(file), StandardCharsets.UTF_8);
        int at = 0;
        for (int i = 0; i < index; i++) at = text.indexOf('\n', at) + 1;
        return text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    }

    static String line(Path logDir, String file, int index) throws IOException {
        return Files.readAllLines(logDir.resolve(file), StandardCharsets.UTF_8).get(index);
    }

}
