package dev.kfsck.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.cli.KfsckVersion;
import dev.kfsck.core.analysis.cluster.ClusterFinding;
import dev.kfsck.core.analysis.cluster.ClusterView;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.io.UncheckedIOException;
import java.util.List;

/** A cluster view as a JSON document (schema {@code kfsck-cluster/1}) for programs. */
public final class ClusterJson {

    /** The schema id every document carries. */
    public static final String SCHEMA = "kfsck-cluster/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ClusterJson() {
    }

    public static String toJson(ClusterView view, List<Finding> operational, int exitCode) {
        try {
            return MAPPER.writeValueAsString(toTree(view, operational, exitCode));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toTree(ClusterView view, List<Finding> operational, int exitCode) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.putObject("kfsck").put("version", KfsckVersion.version());
        ArrayNode dirs = root.putArray("dirs");
        view.dirs().forEach(d -> dirs.add(d.dir()));
        root.set("nodes", MAPPER.valueToTree(view.nodes()));
        root.set("metadataLog", MAPPER.valueToTree(view.metadataLog()));
        if (view.imageNode() != null) root.put("imageNode", view.imageNode()); else root.putNull("imageNode");
        root.set("partitions", MAPPER.valueToTree(view.partitions()));
        ArrayNode findings = root.putArray("findings");
        for (ClusterFinding f : view.findings()) {
            ObjectNode n = JsonReport.finding(f.finding());
            ArrayNode nodes = n.putArray("nodes");
            f.nodes().forEach(nodes::add);
            findings.add(n);
        }
        ArrayNode ops = root.putArray("operationalFindings");
        operational.forEach(f -> ops.add(JsonReport.finding(f)));
        ObjectNode summary = root.putObject("summary");
        summary.put("nodes", view.nodes().size());
        summary.put("errors", view.count(Severity.ERROR));
        summary.put("warnings", view.count(Severity.WARN));
        summary.put("infos", view.count(Severity.INFO));
        summary.put("exitCode", exitCode);
        return root;
    }
}
