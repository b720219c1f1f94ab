package dev.kfsck.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.cli.KfsckVersion;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * A check's report as a versioned JSON document for programs. The schema is
 * {@code src/site/resources/schema/kfsck-report-1.schema.json}; a field is only ever added within version 1.
 */
public final class JsonReport {

    /** The schema id every document carries. */
    public static final String SCHEMA = "kfsck-report/1";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonReport() {
    }

    public static String toJson(Report report, int exitCode) {
        try {
            return MAPPER.writeValueAsString(toTree(report, exitCode));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toTree(Report report, int exitCode) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode kfsck = root.putObject("kfsck");
        kfsck.put("version", KfsckVersion.version());
        kfsck.putArray("kafkaVersions").add(KfsckVersion.kafkaVersion()).add(KfsckVersion.kafkaLegacyVersion());
        ArrayNode dirs = root.putArray("dirs");
        for (LogDirReport d : report.logDirs()) {
            ObjectNode dir = dirs.addObject();
            dir.put("path", d.dir().toString());
            findings(dir.putArray("findings"), d.findings());
            dir.set("facts", MAPPER.valueToTree(d.facts()));
        }
        findings(root.putArray("crossDirFindings"), report.crossDirFindings());
        ObjectNode summary = root.putObject("summary");
        summary.put("logDirs", report.logDirs().size());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARN));
        summary.put("infos", report.count(Severity.INFO));
        ArrayNode outlook = summary.putArray("startupOutlook");
        report.startupOutlook().forEach(outlook::add);
        summary.put("exitCode", exitCode);
        return root;
    }

    private static void findings(ArrayNode into, List<Finding> findings) {
        for (Finding f : findings) into.add(finding(f));
    }

    /** One finding as JSON; offsets and lengths that do not apply are null. */
    public static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", f.code().id());
        n.put("severity", f.severity().name());
        n.put("reaction", f.reaction().name());
        n.put("dir", f.location().logDir());
        n.put("file", f.location().file());
        if (f.location().offset() >= 0) n.put("offset", f.location().offset()); else n.putNull("offset");
        if (f.location().length() >= 0) n.put("length", f.location().length()); else n.putNull("length");
        n.put("title", f.code().title());
        n.put("message", f.message());
        ObjectNode ev = n.putObject("evidence");
        ev.put("seen", f.evidence().seen());
        ev.put("expected", f.evidence().expected());
        n.put("repair", f.repair());
        return n;
    }
}
