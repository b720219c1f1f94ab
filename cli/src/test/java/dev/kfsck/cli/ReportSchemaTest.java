package dev.kfsck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The schema really constrains the document: a report broken in one field fails it. */
class ReportSchemaTest {

    @TempDir
    Path tmp;

    @Test
    void schemaRejectsAReportWithAnUnknownSeverityOrAMissingField() throws Exception {
        String json = Cli.run("check", "--format", "json", LogDirs.withStrayFolder(tmp.resolve("a")).toString()).out();
        ReportSchema.assertValid(json);
        ObjectMapper m = new ObjectMapper();

        ObjectNode badSeverity = (ObjectNode) m.readTree(json);
        ((ObjectNode) badSeverity.at("/dirs/0/findings/0")).put("severity", "FATAL");
        assertFalse(ReportSchema.validate(badSeverity.toString()).isEmpty());

        ObjectNode noEvidence = (ObjectNode) m.readTree(json);
        ((ObjectNode) noEvidence.at("/dirs/0/findings/0")).remove("evidence");
        assertFalse(ReportSchema.validate(noEvidence.toString()).isEmpty());

        ObjectNode otherVersion = (ObjectNode) m.readTree(json);
        otherVersion.put("schema", "kfsck-report/2");
        assertFalse(ReportSchema.validate(otherVersion.toString()).isEmpty());
    }
}
