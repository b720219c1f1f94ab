package dev.kfsck.core.analysis.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kfsck.core.analysis.LogDirFacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the facts out of a JSON report written by {@code kfsck check --format json} (schema {@code kfsck-report/1}):
 * each entry of {@code dirs} with its {@code path} and {@code facts}. Fields it does not know are ignored, so reports of
 * later versions 1.x still combine.
 */
public final class ReportReader {

    /** The schema id a report must carry. */
    public static final String SCHEMA = "kfsck-report/1";

    /** A report larger than this is refused: a report holds facts, not data. */
    public static final long MAX_BYTES = 512L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportReader() {
    }

    /** Thrown when a file is not a kfsck report this version can read. */
    public static final class NotAReportException extends IOException {
        public NotAReportException(String message) {
            super(message);
        }
    }

    /** The dirs' facts of one report file, each labelled with its path as the pod that checked it saw it. */
    public static List<DirFacts> read(Path report) throws IOException {
        long size = Files.size(report);
        if (size > MAX_BYTES) throw new NotAReportException(report + ": " + size + " bytes, more than a report can hold");
        try (InputStream in = Files.newInputStream(report)) {
            return read(in, report.toString());
        }
    }

    /** Reads a report from a stream; {@code name} names it in errors. */
    public static List<DirFacts> read(InputStream in, String name) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new NotAReportException(name + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            throw new NotAReportException(name + ": not a kfsck report (schema " + SCHEMA + " expected)");
        }
        List<DirFacts> out = new ArrayList<>();
        for (JsonNode dir : root.path("dirs")) {
            String path = dir.path("path").asText("");
            JsonNode facts = dir.get("facts");
            if (path.isEmpty() || facts == null || facts.isNull()) continue;
            try {
                out.add(new DirFacts(path, MAPPER.treeToValue(facts, LogDirFacts.class)));
            } catch (IOException e) {
                throw new NotAReportException(name + ": the facts of " + path + " cannot be read: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return out;
    }

    /** The facts as the JSON a report carries (what {@code check --format json} writes under {@code facts}). */
    public static JsonNode toJson(LogDirFacts facts) {
        return MAPPER.valueToTree(facts);
    }
}
