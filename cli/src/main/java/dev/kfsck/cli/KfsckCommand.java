package dev.kfsck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The top command; without a subcommand it shows the usage and exits with the usage-error code. Its subcommands are
 * added by {@link Main#commandLine}, only the named one when the arguments name one: picocli builds the model of every
 * command it is given, and a cold {@code kfsck check} need not pay for the other four.
 */
@Command(name = "kfsck",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "fsck for Kafka: checks, dumps and repairs the on-disk files of STOPPED Apache Kafka (KRaft) brokers. "
                        + "It works offline, changes nothing unless asked, and says for every problem the file, the byte offset, "
                        + "the evidence, and what Kafka would do about it at startup."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  kfsck check /var/lib/kafka/data-0",
                "  kfsck check --format json /mnt/b0 /mnt/b1 /mnt/b2 > report.json",
                "  kfsck dump /var/lib/kafka/data-0/__cluster_metadata-0/quorum-state",
                "  kfsck repair /mnt/b0                                   # the plan only",
                "  kfsck repair --apply --backup-dir /backup /mnt/b0",
                "  kfsck undo /backup/kfsck-journal.json",
                "  kfsck help check",
                "",
                "Exit codes (fsck's, added up when several apply):",
                "  0  no problems (warnings alone do not count)",
                "  1  problems found and all corrected",
                "  4  problems left uncorrected (a check that found errors)",
                "  8  operational error (unreadable path, dir locked by a broker)",
                "  16 usage error",
                "  32 cancelled"
        })
public final class KfsckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kfsck: name a command (check, dump, repair, undo); see 'kfsck --help'");
        return ExitCodes.USAGE;
    }
}
