package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.segment.RecordBatchView;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Sets a v2 batch's magic byte back to 2 ({@code SEG-UNKNOWN-MAGIC}). The magic byte lies outside the batch's
 * CRC-32C, which covers everything from the attributes on: when that CRC verifies, the rest of the batch is as its
 * producer wrote it and only the magic byte changed; Kafka reads such a batch as v2 without checking the magic, and
 * serves it to consumers, which refuse it. The offsets and positions do not change, so the indexes stay valid.
 */
final class MagicBytePlanner implements Planner {

    private static final Pattern SEGMENT = Pattern.compile("^[^/]+/\\d{20}\\.log$");

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Map<String, List<Finding>> byFile = new LinkedHashMap<>();
            for (Finding f : ctx.allFindings(dir)) {
                if (f.code() != SegmentCodes.UNKNOWN_MAGIC || f.severity() == Severity.INFO || !ctx.options().wants(f.code().id())) continue;
                if (!SEGMENT.matcher(f.location().file()).matches()) continue;
                byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            }
            for (var e : byFile.entrySet()) planFile(ctx, dir, e.getKey(), e.getValue());
        }
    }

    private static void planFile(PlanContext ctx, LogDirReport dir, String rel, List<Finding> findings) throws IOException {
        Path seg = dir.dir().resolve(rel);
        if (ctx.touches(seg)) {
            findings.forEach(f -> ctx.cannot(f, "another step of this plan rewrites " + rel + "; check and repair again after it"));
            return;
        }
        long size = Files.size(seg);
        if (size > SegmentPlanner.MAX_EXCISE_BYTES) {
            findings.forEach(f -> ctx.cannot(f, rel + " has " + size + " bytes, more than kfsck rewrites in memory ("
                    + SegmentPlanner.MAX_EXCISE_BYTES + ")"));
            return;
        }
        byte[] bytes = Files.readAllBytes(seg);
        List<Finding> fixed = new ArrayList<>();
        Provenance why = Provenance.of("a v2 batch whose magic byte is not 2 while its CRC-32C (which does not cover the magic)"
                + " verifies: only the magic byte changed; set it back to 2");
        for (Finding f : findings) {
            long pos = f.location().offset();
            String refused = refusal(bytes, pos);
            if (refused != null) {
                ctx.cannot(f, refused);
                continue;
            }
            int at = (int) pos + RecordBatchView.MAGIC;
            why = why.with("byte " + at + "=2", rel + ": magic of the batch at position " + pos + " was " + bytes[at]
                    + "; its CRC-32C verifies");
            bytes[at] = 2;
            fixed.add(f);
        }
        if (fixed.isEmpty()) return;
        ctx.add(PlanContext.step(new RepairAction.WriteFile(seg, bytes, why),
                "set the magic byte of " + fixed.size() + " batches of " + rel + " back to 2 (their CRC-32C verifies; no record changes)", fixed));
    }

    /** Why the batch at {@code pos} cannot be fixed, or null when it can. */
    private static String refusal(byte[] bytes, long pos) {
        if (pos < 0 || pos + RecordBatchView.RECORD_BATCH_OVERHEAD > bytes.length) return "the batch lies past the end of the file now";
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int p = (int) pos;
        byte magic = b.get(p + RecordBatchView.MAGIC);
        if (magic <= 2) return "the magic byte reads " + magic + " now: nothing to set";
        long end = pos + RecordBatchView.LOG_OVERHEAD + b.getInt(p + RecordBatchView.BATCH_LENGTH);
        if (end > bytes.length || end < pos + RecordBatchView.RECORD_BATCH_OVERHEAD) return "the batch length does not fit the file";
        CRC32C crc = new CRC32C();
        crc.update(bytes, p + RecordBatchView.ATTRIBUTES, (int) end - p - RecordBatchView.ATTRIBUTES);
        if (crc.getValue() != (b.getInt(p + RecordBatchView.CRC) & 0xFFFFFFFFL)) {
            return "the batch's CRC-32C does not verify either: more than the magic byte changed, nothing proves the rest";
        }
        return null;
    }
}
