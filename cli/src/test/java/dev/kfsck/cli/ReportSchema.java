package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published JSON Schema of {@code kfsck check --format json}, read from the site's resources. */
final class ReportSchema {

    static final Path FILE = Path.of("..", "src", "site", "resources", "schema", "kfsck-report-1.schema.json");

    private static JsonSchema schema;

    private ReportSchema() {
    }

    static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            try (InputStream in = Files.newInputStream(FILE)) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
        }
        return schema;
    }

    static Set<ValidationMessage> validate(String json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json);
        return schema().validate(doc);
    }

    static void assertValid(String json) throws IOException {
        Set<ValidationMessage> errors = validate(json);
        assertTrue(errors.isEmpty(), errors + "\n" + json);
    }
}
