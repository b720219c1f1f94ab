package dev.kfsck.cli;

import dev.kfsck.cli.dump.CountingSink;
import dev.kfsck.cli.dump.DumpOptions;
import dev.kfsck.cli.dump.DumpSink;
import dev.kfsck.cli.dump.Dumper;
import dev.kfsck.cli.dump.Dumpers;
import dev.kfsck.cli.dump.JsonLinesDumpSink;
import dev.kfsck.cli.dump.TextDumpSink;
import dev.kfsck.cli.render.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kfsck dump FILE...}: decodes single files, past any damage. */
@Command(name = "dump",
        mixinStandardHelpOptions = true,
        versionProvider = KfsckVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Decode single files of a log dir, element by element with the byte range of each, and keep going past "
                        + "damage: every range that cannot be decoded is shown as a HOLE.",
                "The kind of file is found from its name; --kind overrides it, e.g. for a renamed backup copy. "
                        + "Files of no known kind are shown as hex. Nothing is written."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  kfsck dump /mnt/kafka/data-0/__cluster_metadata-0/quorum-state",
                "  kfsck dump --format jsonl /mnt/kafka/data-0/replication-offset-checkpoint | jq .",
                "  kfsck dump --records /mnt/kafka/data-0/__cluster_metadata-0/00000000000000000000.log",
                "  kfsck dump --records /mnt/kafka/data-0/__cluster_metadata-0/00000000000000000225-0000000001.checkpoint",
                "  kfsck dump --kind quorum-state /backup/quorum-state.bak",
                "",
                "Exit codes:",
                "  0  decoded without damage",
                "  4  holes or errors found",
                "  8  a file could not be read",
                "  16 bad arguments"
        })
public final class DumpCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { TEXT, JSONL }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to decode.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, the default) or jsonl (one JSON object per line).")
    Format format;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Decode as this kind of file instead of guessing from the name. Kinds: ${COMPLETION-CANDIDATES}.",
            completionCandidates = DumperKinds.class)
    String kind;

    @Option(names = "--records",
            description = "Also decode the records inside each batch of segments and metadata snapshots: "
                    + "__cluster_metadata records, __consumer_offsets keys, control records, other keys and values.")
    boolean records;

    @Option(names = "--metadata",
            description = "Treat each argument as a log dir and print the cluster metadata its __cluster_metadata-0 holds.")
    boolean metadata;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (metadata) {
            return MetadataImageDump.run(files, format == Format.JSONL, Style.of(common.colored()), spec.commandLine().getOut());
        }
        Dumper forced = null;
        if (kind != null) {
            forced = Dumpers.byKind(kind).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown --kind '" + kind + "'; kinds: " + String.join(", ", Dumpers.kinds())));
        }
        PathArguments.requireReadableFiles(files);
        PrintWriter out = spec.commandLine().getOut();
        DumpSink render = format == Format.JSONL ? new JsonLinesDumpSink(out) : new TextDumpSink(out, Style.of(common.colored()));
        CountingSink sink = new CountingSink(render);
        DumpOptions options = new DumpOptions(records);
        for (Path file : files) {
            Dumper d = forced != null ? forced : Dumpers.forFile(file);
            sink.begin(file, d.kind(), Files.size(file));
            d.dump(file, options, sink);
            sink.end();
        }
        out.flush();
        return sink.holes() > 0 || sink.errors() > 0 ? ExitCodes.UNCORRECTED : ExitCodes.OK;
    }

    /** The kind names for help and completion. */
    static final class DumperKinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Dumpers.kinds().iterator();
        }
    }
}
