package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.TextLines;
import dev.kfsck.core.format.checkpoint.Utf8Replay;
import dev.kfsck.core.io.ZeroRuns;
import org.apache.kafka.common.Uuid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads partition.metadata by Kafka 4.3.1's rules ({@code PartitionMetadataReadBuffer}): two lines, each split on
 * {@code :\s+} into exactly two parts; any version {@code >= 0}; the topic id through {@code Uuid.fromString}, and
 * not the zero Uuid. Like Kafka it stops at the first failure, so a damaged file has exactly one ERROR, whose
 * reaction tells Kafka's IOException (dir offline) from its unchecked exceptions (broker exits).
 */
public final class PartitionMetadataParser {

    /** The most bytes looked at; the real file is 43 bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern SEPARATOR = Pattern.compile(":\\s+");

    private final String file;
    private final byte[] bytes;
    private final int size;
    private final List<Finding> findings = new ArrayList<>();

    private PartitionMetadataParser(String file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.size = Math.min(bytes.length, MAX_BYTES);
    }

    /** Parses the bytes; the model is present exactly when Kafka reads the file. */
    public static Parsed<PartitionMetadata> parse(String file, byte[] bytes) {
        PartitionMetadataParser p = new PartitionMetadataParser(file, bytes);
        PartitionMetadata m = p.run();
        return Parsed.of(m, p.findings);
    }

    private PartitionMetadata run() {
        if (bytes.length == 0) {
            add(PropertiesCodes.PM_EMPTY, Location.file(file), "0 bytes: Kafka's readLine returns null",
                    Evidence.of("0 bytes", "version: 0\\ntopic_id: <uuid>"));
            return null;
        }
        if (ZeroRuns.allZero(bytes)) {
            add(PropertiesCodes.PM_NULL_BYTES, Location.at(file, 0, bytes.length), "the whole file is " + bytes.length
                    + " NUL bytes", Evidence.of(Evidence.hex(bytes, 0, 16), "version: 0"));
            return null;
        }
        List<TextLines.Line> lines = TextLines.split(bytes, size);
        Utf8Replay.Result replay = Utf8Replay.readLines(bytes, size, 2);
        if (replay.failedAtCall() == 1) return invalidUtf8();

        TextLines.Line l1 = lines.get(0);
        String line1 = replay.lines().get(0);
        String[] v = SEPARATOR.split(line1);
        int version;
        try {
            if (v.length != 2) return malformed(l1, line1);
            version = Integer.parseInt(v[1]);
        } catch (NumberFormatException e) {
            return malformed(l1, line1);
        }
        if (version < 0) {
            add(PropertiesCodes.PM_NEGATIVE_VERSION, where(l1), "Unrecognized version of partition metadata file: "
                    + version, Evidence.of(version, ">= 0"));
            return null;
        }
        if (replay.failedAtCall() == 2) return invalidUtf8();
        if (replay.lines().size() < 2) {
            add(PropertiesCodes.PM_NO_TOPIC_ID_LINE, Location.at(file, l1.next(), 0), "no topic_id line after the version",
                    Evidence.of("end of file", "topic_id: <uuid>"));
            return null;
        }
        TextLines.Line l2 = lines.get(1);
        String line2 = replay.lines().get(1);
        String[] t = SEPARATOR.split(line2);
        if (t.length != 2) return malformed(l2, line2);
        Uuid topicId;
        try {
            topicId = Uuid.fromString(t[1]);
        } catch (RuntimeException e) {
            add(PropertiesCodes.PM_BAD_TOPIC_ID, where(l2), "the topic id: " + Evidence.printable(String.valueOf(e.getMessage())),
                    Evidence.of(Evidence.printable(t[1]), "22 base64url characters"));
            return null;
        }
        if (topicId.equals(Uuid.ZERO_UUID)) {
            add(PropertiesCodes.PM_ZERO_TOPIC_ID, where(l2), "Invalid topic ID in partition metadata file",
                    Evidence.of(t[1], "a topic id other than " + Uuid.ZERO_UUID));
            return null;
        }
        if (version > 0) {
            add(PropertiesCodes.PM_NEWER_VERSION, where(l1), "version " + version + " (Kafka writes 0)", Evidence.of(version, 0));
        }
        if (!v[0].equals("version")) unexpectedKey(l1, v[0], "version");
        if (!t[0].equals("topic_id")) unexpectedKey(l2, t[0], "topic_id");
        if (l2.next() < bytes.length) {
            add(PropertiesCodes.PM_TRAILING_DATA, Location.at(file, l2.end(), bytes.length - l2.end()),
                    (bytes.length - l2.end()) + " bytes after the topic id; Kafka writes no trailing newline and ignores them",
                    Evidence.of(Evidence.hex(bytes, l2.end(), 16), "end of file"));
        }
        return new PartitionMetadata(version, topicId);
    }

    private PartitionMetadata malformed(TextLines.Line l, String line) {
        long[] nul = ZeroRuns.firstRun(bytes, l.start(), l.end(), 1);
        if (nul != null) {
            add(PropertiesCodes.PM_NULL_BYTES, Location.at(file, nul[0], nul[1]), nul[1] + " NUL bytes at byte " + nul[0],
                    Evidence.of(Evidence.hex(bytes, l.start(), 24), "key: value"));
        } else {
            add(PropertiesCodes.PM_MALFORMED_LINE, where(l), "Malformed line in partition metadata file",
                    Evidence.of(Evidence.printable(line), "key: value"));
        }
        return null;
    }

    private PartitionMetadata invalidUtf8() {
        int at = Math.max(0, Utf8Replay.firstMalformed(bytes, 0, size));
        add(PropertiesCodes.PM_INVALID_UTF8, Location.at(file, at, 1), "invalid UTF-8 at byte " + at,
                Evidence.of(Evidence.hex(bytes, at, 8), "UTF-8 text"));
        return null;
    }

    private void unexpectedKey(TextLines.Line l, String key, String expected) {
        add(PropertiesCodes.PM_UNEXPECTED_KEY, where(l), "key \"" + Evidence.printable(key) + "\" instead of \"" + expected + "\"",
                Evidence.of(Evidence.printable(key), expected));
    }

    private Location where(TextLines.Line l) {
        return Location.at(file, l.start(), l.length());
    }

    private void add(FindingCode code, Location where, String message, Evidence evidence) {
        findings.add(code.at(where, message, evidence));
    }
}
