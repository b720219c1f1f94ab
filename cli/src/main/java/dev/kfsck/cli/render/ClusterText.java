package dev.kfsck.cli.render;

import dev.kfsck.cli.KfsckVersion;
import dev.kfsck.core.analysis.cluster.ClusterFinding;
import dev.kfsck.core.analysis.cluster.ClusterView;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.io.PrintWriter;
import java.util.List;

/** A cluster view for people: nodes, metadata logs, partitions that differ, then the findings. */
public final class ClusterText {

    private final Style style;

    public ClusterText(Style style) {
        this.style = style;
    }

    public void render(ClusterView v, List<Finding> operational, PrintWriter out) {
        out.println(style.dim("kfsck " + KfsckVersion.version() + ": cluster view of " + v.dirs().size()
                + (v.dirs().size() == 1 ? " log dir" : " log dirs") + ", " + v.nodes().size() + " node(s)"));
        out.println();
        out.println(style.bold("Nodes"));
        for (ClusterView.NodeView n : v.nodes()) {
            out.printf("  node %-4d quorum epoch %-8s leader %-4s metadata log end %-8s epoch %-6s %s%n", n.nodeId(),
                    str(n.quorumEpoch()), str(n.quorumLeader()), str(n.metadataLogEnd()), str(n.metadataLogEpoch()),
                    style.dim(String.join(", ", n.dirs())));
        }
        if (v.metadataLog().mostComplete() != null) {
            out.println();
            out.println(style.bold("Metadata logs") + style.dim("  (compared with node " + v.metadataLog().mostComplete() + ", the most complete)"));
            for (ClusterView.LogComparison c : v.metadataLog().logs()) {
                String rel = switch (c.relation()) {
                    case MOST_COMPLETE -> style.good("most complete");
                    case SAME -> style.good("same");
                    case BEHIND -> "behind";
                    case DIVERGED -> style.bad("diverged at offset " + c.divergenceOffset() + ", truncates to " + c.truncateTo());
                };
                out.printf("  node %-4d end %-10d epoch %-6d %s%n", c.nodeId(), c.endOffset(), c.lastEpoch(), rel);
            }
        }
        if (v.image() != null) {
            out.println();
            out.println(style.bold("Metadata image") + style.dim("  (from node " + v.imageNode() + ": " + v.image().topics().size()
                    + " topics, " + v.image().brokers().size() + " brokers, end offset " + v.image().endOffset() + ")"));
        }
        out.println();
        out.println(style.bold("Partitions") + style.dim("  (" + v.partitions().size() + "; those whose replicas differ)"));
        int shown = 0;
        for (ClusterView.PartitionView p : v.partitions()) {
            if (uniform(p)) continue;
            shown++;
            out.println("  " + p.partition() + style.dim("  leader " + str(p.imageLeader()) + ", isr " + p.isr()));
            for (ClusterView.ReplicaView r : p.replicas()) {
                out.printf("    node %-4d end %-10s hw %-10s epoch %-6d%s%n", r.nodeId(), str(r.logEndOffset()),
                        str(r.highWatermark()), r.latestEpoch(),
                        r.truncateTo() == null || r.truncateTo().equals(r.logEndOffset()) ? "" : "  truncates to " + r.truncateTo());
            }
        }
        if (shown == 0) out.println("  " + style.good("every partition's replicas agree on end offset and high watermark"));
        out.println();
        out.println(style.bold("Across the nodes"));
        if (v.findings().isEmpty() && operational.isEmpty()) out.println("  " + style.good("no findings"));
        for (Finding f : operational) out.println("  " + style.severity(f.severity()) + " " + f.code().id() + "  " + f.location() + ": " + f.message());
        for (ClusterFinding cf : v.findings()) {
            Finding f = cf.finding();
            out.println("  " + style.severity(f.severity()) + " " + style.bold(f.code().id()) + "  nodes " + cf.nodes()
                    + "  " + style.dim(f.location().toString()));
            out.println("        " + f.message());
            if (!f.evidence().seen().isEmpty() || !f.evidence().expected().isEmpty()) {
                out.println("        " + style.dim("seen: " + f.evidence().seen() + "  expected: " + f.evidence().expected()));
            }
            out.println("        " + style.dim("kafka: " + f.reaction().words() + "; repair: " + f.repair()));
        }
        out.println();
        out.println(v.count(Severity.ERROR) + " error(s), " + v.count(Severity.WARN) + " warning(s), "
                + v.count(Severity.INFO) + " info across the nodes");
        out.flush();
    }

    private static boolean uniform(ClusterView.PartitionView p) {
        return p.replicas().stream().map(r -> r.logEndOffset() + "/" + r.highWatermark()).distinct().count() <= 1
                && p.replicas().stream().allMatch(r -> r.truncateTo() == null || r.truncateTo().equals(r.logEndOffset()));
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
