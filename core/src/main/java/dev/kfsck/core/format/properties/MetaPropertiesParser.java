package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.TextLines;
import dev.kfsck.core.io.ZeroRuns;
import org.apache.kafka.common.Uuid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Reads meta.properties by Kafka 4.3.1's rules: {@code Properties.load} (ISO-8859-1, the JDK's own escapes and
 * separators), then {@code MetaProperties.Builder(Properties)} (a missing version means 0; node.id parsed without
 * trimming; directory.id through {@code Uuid.fromString}), then what {@code KafkaRaftServer.initializeLogDirs} and
 * {@code MetaPropertiesEnsemble.verify} require of a single dir (a node id, a cluster id, no reserved directory id).
 * The model is present exactly when Kafka accepts the file.
 */
public final class MetaPropertiesParser {

    /** The most bytes looked at; the real file is about 122 bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private final String file;
    private final byte[] bytes;
    private final int size;
    private final List<Finding> findings = new ArrayList<>();

    private MetaPropertiesParser(String file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.size = Math.min(bytes.length, MAX_BYTES);
    }

    public static Parsed<MetaPropertiesFile> parse(String file, byte[] bytes) {
        MetaPropertiesParser p = new MetaPropertiesParser(file, bytes);
        MetaPropertiesFile m = p.run();
        return Parsed.of(p.findings.stream().anyMatch(f -> f.severity() == dev.kfsck.core.finding.Severity.ERROR) ? null : m,
                p.findings);
    }

    private MetaPropertiesFile run() {
        if (bytes.length > 0 && ZeroRuns.allZero(bytes)) {
            add(PropertiesCodes.META_NULL_BYTES, Location.at(file, 0, bytes.length), bytes.length
                    + " NUL bytes: Properties.load sees one key of NULs and no version, so Kafka reads a v0 file without "
                    + "ids and stops with \"Error: node ID not found\"", Evidence.of(Evidence.hex(bytes, 0, 16), "key=value lines"));
            return null;
        }
        long[] nul = ZeroRuns.firstRun(bytes, 0, size, 1);
        if (nul != null) {
            add(PropertiesCodes.META_NUL_RANGE, Location.at(file, nul[0], nul[1]), nul[1] + " NUL bytes at byte " + nul[0],
                    Evidence.of(Evidence.hex(bytes, (int) Math.max(0, nul[0] - 8), 24), "text"));
        }
        Properties props = new Properties();
        try {
            props.load(new ByteArrayInputStream(bytes, 0, size));
        } catch (IllegalArgumentException | IOException e) {
            add(PropertiesCodes.META_BAD_ESCAPE, Location.file(file), "Properties.load fails: " + e.getMessage(),
                    Evidence.of(e.getMessage(), "\\uXXXX with four hex digits"));
            return null;
        }

        String versionText = props.getProperty("version", "0");
        int version;
        try {
            version = Integer.parseInt(versionText.trim());
        } catch (NumberFormatException e) {
            add(PropertiesCodes.META_BAD_VERSION, at("version"), "Invalid meta.properties version string '"
                    + Evidence.printable(versionText) + "'", Evidence.of(Evidence.printable(versionText), "0 or 1"));
            return null;
        }
        if (version != 0 && version != 1) {
            add(PropertiesCodes.META_UNKNOWN_VERSION, at("version"), "Unknown meta.properties version number " + version,
                    Evidence.of(version, "0 or 1"));
            return null;
        }
        if (version == 0) {
            add(PropertiesCodes.META_LEGACY_V0, props.containsKey("version") ? at("version") : Location.file(file),
                    "a version 0 file", Evidence.of(0, 1));
        }

        String idKey = version == 0 ? "broker.id" : "node.id";
        OptionalInt nodeId = OptionalInt.empty();
        String idText = props.getProperty(idKey);
        if (idText != null) {
            try {
                nodeId = OptionalInt.of(Integer.parseInt(idText));
            } catch (NumberFormatException e) {
                add(PropertiesCodes.META_BAD_NODE_ID, at(idKey), "Unable to read " + idKey + " as a base-10 number: \""
                        + Evidence.printable(idText) + "\"", Evidence.of(Evidence.printable(idText), "an int, no spaces"));
            }
        } else {
            add(PropertiesCodes.META_NO_NODE_ID, Location.file(file), version == 1 ? "Failed to find node.id"
                    : "a v0 file without broker.id: \"Error: node ID not found\"", Evidence.of("no " + idKey, idKey + "=<id>"));
        }

        Optional<String> clusterId = Optional.ofNullable(props.getProperty("cluster.id"));
        if (clusterId.isEmpty()) {
            add(PropertiesCodes.META_NO_CLUSTER_ID, Location.file(file), "cluster.id was not found",
                    Evidence.of("no cluster.id", "cluster.id=<22-character id>"));
        }

        Optional<Uuid> directoryId = Optional.empty();
        String dirText = props.getProperty("directory.id");
        if (props.containsKey("directory.id")) {
            try {
                Uuid d = Uuid.fromString(dirText);
                directoryId = Optional.of(d);
                if (d.getMostSignificantBits() == 0 && d.getLeastSignificantBits() < 100) {
                    add(PropertiesCodes.META_RESERVED_DIRECTORY_ID, at("directory.id"), "Invalid reserved directory ID " + d,
                            Evidence.of(d, "a random Uuid"));
                }
            } catch (RuntimeException e) {
                add(PropertiesCodes.META_BAD_DIRECTORY_ID, at("directory.id"), "Unable to read directory.id as a Uuid: "
                        + Evidence.printable(String.valueOf(e.getMessage())), Evidence.of(Evidence.printable(String.valueOf(dirText)),
                        "22 base64url characters"));
            }
        } else {
            add(PropertiesCodes.META_NO_DIRECTORY_ID, Location.file(file), "no directory.id: Kafka writes a new random one "
                    + "at startup (\"Rewriting .../meta.properties\")", Evidence.of("no directory.id", "directory.id=<uuid>"));
        }
        return new MetaPropertiesFile(version, nodeId, clusterId, directoryId);
    }

    /** Where a key is defined: the last line that starts with it (later lines win in Properties). */
    private Location at(String key) {
        Location found = Location.file(file);
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        for (TextLines.Line l : TextLines.split(bytes, size)) {
            int i = l.start();
            while (i < l.end() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\f')) i++;
            if (i + k.length > l.end()) continue;
            boolean match = true;
            for (int j = 0; j < k.length && match; j++) match = bytes[i + j] == k[j];
            int after = i + k.length;
            if (match && (after == l.end() || " \t\f=:".indexOf(bytes[after]) >= 0)) {
                found = Location.at(file, l.start(), l.length());
            }
        }
        return found;
    }

    private void add(FindingCode code, Location where, String message, Evidence evidence) {
        findings.add(code.at(where, message, evidence));
    }
}
