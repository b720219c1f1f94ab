package dev.kfsck.core.repair.plan;

import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.SafeWriter;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves the valid batches a segment cut gives up, before the cut: for every step of a plan that cuts a {@code .log}
 * segment, the batches at or beyond the cut whose header and CRC-32C verify are copied, back to back, into a file of
 * the same name under {@code <outsideDir>/salvage/<parent>-<log dir name>/<partition>/}. The result is itself a
 * segment file that {@code kfsck dump} reads and that a person can re-produce from. Nothing inside a log dir changes
 * (the executor's backup keeps the whole segment anyway).
 */
public final class Salvage {

    private Salvage() {
    }

    /** One saved file: where it is, from which segment, and what it holds. */
    public record Saved(Path file, Path segment, long batches, long records, long firstOffset, long lastOffset) {
    }

    /**
     * Writes the salvage files of {@code plan}; refuses (writing nothing more) when one exists already.
     *
     * @param logDirs    the log dirs the plan changes
     * @param outsideDir the plan's {@link RepairOptions#outsideDir()}
     */
    public static List<Saved> save(RepairPlan plan, List<Path> logDirs, Path outsideDir) throws IOException {
        List<Saved> out = new ArrayList<>();
        for (RepairPlan.Step step : plan.steps()) {
            if (!(step.action() instanceof RepairAction.TruncateFile cut)) continue;
            Path seg = cut.path().toAbsolutePath().normalize();
            if (!seg.getFileName().toString().matches("\\d{20}\\.log")) continue;
            Path logDir = logDirs.stream().map(d -> d.toAbsolutePath().normalize()).filter(seg::startsWith).findFirst().orElse(null);
            if (logDir == null) continue;
            String rel = logDir.relativize(seg).toString().replace('\\', '/');
            SegmentSurvey s = SegmentSurvey.of(seg, rel);
            List<SegmentSurvey.Batch> beyond = s.from(cut.newLength());
            if (beyond.isEmpty()) continue;
            Path dest = Outside.salvage(outsideDir, logDir, rel);
            if (Files.exists(dest)) throw new IOException("the salvage file " + dest + " exists already; give a new outside folder");
            SafeWriter.createDirectories(dest.getParent());
            SafeWriter.write(dest, FileAttrs.forNewFileIn(dest.getParent()), ch -> {
                try (FileChannel in = FileChannel.open(seg, StandardOpenOption.READ)) {
                    for (SegmentSurvey.Batch b : beyond) {
                        long done = 0;
                        while (done < b.size()) {
                            long n = in.transferTo(b.position() + done, b.size() - done, ch);
                            if (n <= 0) throw new IOException(seg + " ends before the batch at " + b.position());
                            done += n;
                        }
                    }
                }
            });
            out.add(new Saved(dest, seg, beyond.size(), SegmentSurvey.records(beyond), beyond.get(0).baseOffset(),
                    beyond.get(beyond.size() - 1).lastOffset()));
        }
        return out;
    }
}
