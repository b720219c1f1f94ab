package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes files Kafka rebuilds from the log: a damaged {@code .index}, {@code .timeindex} or {@code .txnindex} (with
 * its siblings, so that Kafka recovers the segment and rebuilds all three), and a damaged producer {@code .snapshot}.
 * Where the dir holds a clean-shutdown marker, the marker goes too, so that recovery runs at all. Damage that
 * recovery would truncate is left to the segment planner, whose loss policy decides; where it leaves that damage as
 * is, it holds the segment's indexes and the marker, and their findings are listed as not repaired.
 */
final class AuxiliaryFilePlanner implements Planner {

    private static final Pattern INDEX = Pattern.compile("^(.*/)?(\\d{20})\\.(index|timeindex|txnindex)$");
    private static final Pattern PRODUCER_SNAPSHOT = Pattern.compile("^(.*/)?\\d{20}\\.snapshot$");
    private static final String HELD_INDEX = "kept with the damaged segment it indexes, which is left unrepaired (see that"
            + " segment's finding): Kafka rebuilds it only when it recovers that segment, and that recovery would cut records"
            + " no loss policy gave up";
    private static final String HELD_MARKER = "kept: damage in this dir is left unrepaired (see the findings not repaired),"
            + " and without the marker Kafka's recovery would cut records no loss policy gave up";

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Map<Path, List<Finding>> deletions = new LinkedHashMap<>();
            for (Finding f : ctx.allFindings(dir)) {
                if (f.severity() == Severity.INFO || !ctx.options().wants(f.code().id())) continue;
                String file = f.location().file();
                Matcher m = INDEX.matcher(file);
                if (m.matches()) {
                    String prefix = (m.group(1) == null ? "" : m.group(1)) + m.group(2);
                    for (String suffix : List.of(".index", ".timeindex", ".txnindex")) {
                        Path p = dir.dir().resolve(prefix + suffix);
                        if (Files.exists(p)) deletions.computeIfAbsent(p, k -> new ArrayList<>());
                    }
                    deletions.computeIfAbsent(dir.dir().resolve(file), k -> new ArrayList<>()).add(f);
                } else if (PRODUCER_SNAPSHOT.matcher(file).matches()) {
                    deletions.computeIfAbsent(dir.dir().resolve(file), k -> new ArrayList<>()).add(f);
                }
            }
            boolean any = false;
            for (var e : deletions.entrySet()) {
                Path p = e.getKey();
                if (!Files.exists(p)) continue;
                String name = p.getFileName().toString();
                String reason = name.endsWith(".snapshot")
                        ? "a damaged producer snapshot: Kafka rebuilds producer state from an older snapshot or the log"
                        : "a damaged or sibling index: without its .index Kafka recovers the segment and rebuilds .index, .timeindex and .txnindex from the batches";
                boolean added = ctx.add(PlanContext.step(new RepairAction.DeleteFile(p, Provenance.of(reason)), "delete " + dir.dir().relativize(p), e.getValue()));
                any |= added;
                if (!added && !ctx.touches(p)) e.getValue().forEach(f -> ctx.cannot(f, HELD_INDEX));
            }
            Path marker = dir.dir().resolve(LogDirLayout.CLEAN_SHUTDOWN);
            if (Files.exists(marker)) {
                List<Finding> hidden = ctx.markerFindings(dir);
                boolean deleted = any && ctx.add(PlanContext.step(new RepairAction.DeleteFile(marker, Provenance.of(
                                "with the clean-shutdown marker Kafka skips recovery of every partition, so it would neither rebuild what is removed nor check damaged segments")),
                        "delete " + LogDirLayout.CLEAN_SHUTDOWN + " so that Kafka recovers this dir at startup", hidden));
                if (!deleted && !ctx.touches(marker)) hidden.stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> ctx.cannot(f, HELD_MARKER));
            }
        }
    }

}
