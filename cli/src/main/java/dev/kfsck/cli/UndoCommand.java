package dev.kfsck.cli;

import dev.kfsck.cli.render.Style;
import dev.kfsck.core.repair.Journal;
import dev.kfsck.core.repair.RepairRefusedException;
import dev.kfsck.core.repair.Undo;
import dev.kfsck.core.repair.UndoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kfsck undo JOURNAL}: takes a repair back from its journal and backups. */
@Command(name = "undo",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Take a repair back, byte for byte, from the journal and backups it left in its backup dir: rewritten and "
                        + "truncated files get their old content, deleted ones come back, moved ones move back, with owner, "
                        + "group and mode as they were.",
                "Refuses, changing nothing, while a broker holds a log dir's lock, or when a file changed since the repair "
                        + "(for instance because a broker ran on it): --force overwrites such files, saving the version found "
                        + "under displaced/ in the backup dir first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  kfsck undo /backup/kfsck-journal.json",
                "  kfsck undo /backup            # the backup dir holding kfsck-journal.json",
                "  kfsck undo --force /backup/kfsck-journal.json",
                "",
                "Exit codes:",
                "  0  the repair is undone",
                "  8  refused (lock held, files changed since), or a file could not be restored",
                "  16 bad arguments"
        })
public final class UndoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOURNAL", arity = "1",
            description = "The repair's journal (" + Journal.FILE_NAME + "), or the backup dir that holds it.")
    Path journal;

    @Option(names = "--force", description = "Also restore files that changed since the repair (the versions found are saved aside).")
    boolean force;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path file = Files.isDirectory(journal) ? journal.resolve(Journal.FILE_NAME) : journal;
        if (!Files.isRegularFile(file)) {
            throw KfsckException.operational("cannot read " + file + ": no such journal");
        }
        UndoResult result;
        try {
            result = Undo.apply(file, force);
        } catch (RepairRefusedException e) {
            throw new KfsckException(ExitCodes.OPERATIONAL, e.getMessage(), e);
        }
        Style style = Style.of(common.colored());
        PrintWriter out = spec.commandLine().getOut();
        out.println(style.dim("journal: " + result.journalFile()));
        list(out, style, "restored", result.restored());
        list(out, style, "as found", result.alreadyAsFound());
        list(out, style, "forced  ", result.forced());
        if (!result.forced().isEmpty()) {
            out.println(style.dim("the versions found before a forced restore are under "
                    + result.journalFile().toAbsolutePath().getParent().resolve("displaced")));
        }
        out.flush();
        if (!result.undone()) {
            throw new KfsckException(ExitCodes.OPERATIONAL, "undo failed: " + result.failure());
        }
        out.println(style.good("Undone: ") + result.restored().size() + " restored, " + result.alreadyAsFound().size()
                + " already as before the repair" + (result.forced().isEmpty() ? "" : ", " + result.forced().size() + " forced"));
        out.flush();
        return ExitCodes.OK;
    }

    private static void list(PrintWriter out, Style style, String what, List<Path> files) {
        for (Path p : files) out.println("  " + style.bold(what) + "  " + p);
    }
}
