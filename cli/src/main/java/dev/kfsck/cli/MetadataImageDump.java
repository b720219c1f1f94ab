package dev.kfsck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.cli.render.Style;
import dev.kfsck.core.analysis.MetadataFactsPass;
import dev.kfsck.core.analysis.MetadataImageFacts;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kfsck dump --metadata DIR}: the cluster metadata a log dir's {@code __cluster_metadata-0} holds, built as
 * Kafka's loader would (newest intact snapshot, then the log after it): topics with ids, partitions with replicas,
 * ISR, leader and leader epoch, broker registrations, features and voters.
 */
final class MetadataImageDump {

    static final String METADATA_DIR = "__cluster_metadata-0";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private MetadataImageDump() {
    }

    /** The metadata dir of a log dir, or the dir itself when it is the metadata dir. */
    static Path metadataDir(Path dir) {
        if (dir.getFileName() != null && dir.getFileName().toString().equals(METADATA_DIR)) return dir;
        return dir.resolve(METADATA_DIR);
    }

    /** Dumps each dir's image; exit 4 when an image could only be built in part, 8 when a dir holds no metadata log. */
    static int run(List<Path> dirs, boolean json, Style style, PrintWriter out) {
        int exit = ExitCodes.OK;
        for (Path dir : dirs) {
            Path md = metadataDir(dir);
            if (!Files.isDirectory(md)) {
                throw KfsckException.operational("cannot read " + dir + ": no " + METADATA_DIR + " in it (give the log dir "
                        + "that is the node's metadata.log.dir)");
            }
            Parsed<ClusterMetadata> built;
            try {
                built = MetadataImageBuilder.build(md, METADATA_DIR);
            } catch (IOException e) {
                throw KfsckException.operational("cannot read " + md + ": " + e.getMessage());
            }
            if (built.model() == null) throw KfsckException.operational("no metadata image could be built from " + md);
            MetadataImageFacts image = MetadataFactsPass.compact(built.model());
            List<Finding> errors = built.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
            if (!errors.isEmpty()) exit |= ExitCodes.UNCORRECTED;
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("dir", dir.toString());
                n.set("image", JSON.valueToTree(image));
                n.put("errors", errors.size());
                out.println(n);
            } else {
                text(dir, image, errors, style, out);
            }
        }
        out.flush();
        return exit;
    }

    private static void text(Path dir, MetadataImageFacts m, List<Finding> errors, Style style, PrintWriter out) {
        out.println(style.bold("metadata image of " + dir) + style.dim("  (snapshot " + (m.snapshotId().isEmpty() ? "none" : m.snapshotId())
                + ", end offset " + m.endOffset() + ", epoch " + m.lastEpoch() + ")"));
        out.println("  metadata.version " + (m.metadataVersion() == null ? "-" : m.metadataVersion())
                + "  kraft.version " + (m.kraftVersion() == null ? "- (static voters)" : m.kraftVersion()));
        out.println("  features " + m.features());
        if (!m.voters().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            m.voters().forEach(v -> sb.append(sb.length() == 0 ? "" : ", ").append(v.id()).append(" (").append(v.directoryId()).append(')'));
            out.println("  voters " + sb);
        }
        out.println("  controllers " + m.controllers());
        out.println("  brokers");
        for (MetadataImageFacts.Broker b : m.brokers()) {
            out.println("    " + b.id() + "  epoch " + b.epoch() + (b.fenced() ? "  FENCED" : "") + "  dirs " + b.logDirs());
        }
        out.println("  topics");
        for (MetadataImageFacts.Topic t : m.topics()) {
            out.println("    " + style.bold(t.name()) + "  id " + t.id() + "  " + t.partitions().size() + " partition(s)");
            for (MetadataImageFacts.Partition p : t.partitions()) {
                out.println("      " + p.partition() + "  leader " + p.leader() + "  leader epoch " + p.leaderEpoch()
                        + "  replicas " + p.replicas() + "  isr " + p.isr());
            }
        }
        for (Finding f : errors) {
            out.println("  " + style.severity(f.severity()) + " " + f.code().id() + "  " + f.location() + ": " + f.message());
        }
        out.println();
    }
}
