package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks stopped Kafka log dirs and returns what is wrong as data. It prints nothing and never changes a byte,
 * a size or a timestamp of the evidence, nor creates a file.
 *
 * <pre>{@code
 * Report report = LogDirChecker.check(Path.of("/var/lib/kafka/data-0"));
 * for (Finding f : report.findings()) { ... }
 * }</pre>
 */
public final class LogDirChecker {

    private final List<CheckPass> passes;

    private LogDirChecker(List<CheckPass> passes) {
        this.passes = List.copyOf(passes);
    }

    /** The checker with every pass kfsck has, in order. */
    public static LogDirChecker standard() {
        return new LogDirChecker(StandardPasses.all());
    }

    /** Checks one or more log dirs: the dirs of one node, or of several nodes. */
    public static Report check(Path... dirs) {
        return standard().run(List.of(dirs));
    }

    public Report run(List<Path> dirs) {
        return run(dirs, dir -> { });
    }

    /** Like {@link #run(List)}, and tells {@code onDirChecked} each time a dir is done (for progress displays). */
    public Report run(List<Path> dirs, Consumer<Path> onDirChecked) {
        List<LogDirReport> reports = new ArrayList<>();
        List<LogDirContext> contexts = new ArrayList<>();
        for (Path dir : dirs) {
            LogDirContext ctx = checkOne(dir);
            contexts.add(ctx);
            reports.add(new LogDirReport(dir, ctx.findings(), Facts.of(ctx)));
            onDirChecked.accept(dir);
        }
        List<Finding> cross = CrossDirRules.apply(contexts, reports);
        return new Report(reports, cross);
    }

    private LogDirContext checkOne(Path dir) {
        if (!Files.isDirectory(dir)) {
            LogDirContext ctx = new LogDirContext(dir, new LogDirLayout(dir, List.of(), List.of(), List.of(), List.of()));
            ctx.add(LayoutCodes.NOT_A_DIRECTORY.at(Location.file("."), "not a directory: " + dir, Evidence.seen(dir)));
            return ctx;
        }
        LogDirLayout layout;
        try {
            layout = LogDirLayout.scan(dir);
        } catch (IOException e) {
            LogDirContext ctx = new LogDirContext(dir, new LogDirLayout(dir, List.of(), List.of(), List.of(), List.of()));
            ctx.add(LayoutCodes.UNREADABLE.at(Location.file("."), "cannot list the log dir: " + e.getMessage(), Evidence.NONE));
            return ctx;
        }
        LogDirContext ctx = new LogDirContext(dir, layout);
        for (CheckPass pass : passes) {
            try {
                pass.run(ctx);
            } catch (IOException e) {
                ctx.add(LayoutCodes.UNREADABLE.at(Location.file("."), "pass " + pass.name() + " could not read: " + e.getMessage(), Evidence.NONE));
            }
        }
        return ctx;
    }
}
