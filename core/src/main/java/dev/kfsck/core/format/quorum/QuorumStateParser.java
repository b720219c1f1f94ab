package dev.kfsck.core.format.quorum;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.TextLines;
import dev.kfsck.core.format.checkpoint.Utf8Replay;
import dev.kfsck.core.io.ZeroRuns;
import org.apache.kafka.common.Uuid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code quorum-state} by Kafka 4.3.1's rules ({@code FileQuorumStateStore.readElectionState}): only the first
 * line is decoded (UTF-8) and parsed as JSON with Jackson, trailing bytes are ignored, {@code data_version} must be
 * 0 or 1, and each field is mandatory in the versions that have it. Every way Kafka fails to read the file gives
 * an ERROR finding; the parser itself never throws.
 */
public final class QuorumStateParser {

    /** The most bytes looked at; a real quorum-state is about 125 bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final int MAX_UNKNOWN_FIELDS = 10;
    private static final Set<String> KNOWN = Set.of("clusterId", "leaderId", "leaderEpoch", "votedId",
            "votedDirectoryId", "appliedOffset", "currentVoters", "data_version");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String file;
    private final byte[] bytes;
    private final int size;
    private final List<Finding> findings = new ArrayList<>();
    private int lineLength;

    private QuorumStateParser(String file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.size = Math.min(bytes.length, MAX_BYTES);
    }

    /**
     * Parses the bytes of a quorum-state file.
     *
     * @param file  the path relative to the log dir, for findings
     * @param bytes the file's content
     * @return the state when Kafka could read it (null otherwise), and the findings
     */
    public static Parsed<QuorumState> parse(String file, byte[] bytes) {
        QuorumStateParser p = new QuorumStateParser(file, bytes);
        QuorumState state = p.run();
        boolean fatal = p.findings.stream().anyMatch(f -> f.severity() == dev.kfsck.core.finding.Severity.ERROR);
        return Parsed.of(fatal ? null : state, p.findings);
    }

    private QuorumState run() {
        if (bytes.length == 0) {
            add(QuorumCodes.EMPTY, Location.file(file), "quorum-state is 0 bytes; Kafka fails with \"File ended prematurely.\"",
                    Evidence.of("0 bytes", "one line of JSON"));
            return null;
        }
        if (ZeroRuns.allZero(bytes, 0, size) && size == bytes.length) {
            add(QuorumCodes.NULL_BYTES, Location.at(file, 0, bytes.length),
                    "quorum-state is " + bytes.length + " NUL bytes", Evidence.of(Evidence.hex(bytes, 0, 16), "JSON"));
            return null;
        }
        TextLines.Line first = TextLines.first(bytes, size);
        if (!first.terminated() && bytes.length >= MAX_BYTES) { // callers read at most MAX_BYTES: a longer line is cut there
            add(QuorumCodes.TOO_LARGE, Location.at(file, 0, bytes.length),
                    "the first line runs to the " + MAX_BYTES + "-byte limit kfsck reads, without a line end", Evidence.of(bytes.length + " bytes", "about 125 bytes"));
            return null;
        }
        Utf8Replay.Result replay = Utf8Replay.readLines(bytes, size, 1);
        if (replay.failed()) {
            int at = Math.max(0, Utf8Replay.firstMalformed(bytes, 0, size));
            add(QuorumCodes.INVALID_UTF8, Location.at(file, at, 1),
                    "invalid UTF-8 at byte " + at + "; Kafka's reader fails with MalformedInputException",
                    Evidence.of(Evidence.hex(bytes, at, 8), "UTF-8 text"));
            return null;
        }
        if (bytes[0] == 0) {
            int end = 0;
            while (end < size && bytes[end] == 0) end++;
            add(QuorumCodes.NULL_BYTES, Location.at(file, 0, end), end + " NUL bytes before the JSON",
                    Evidence.of(Evidence.hex(bytes, 0, Math.min(end + 4, 24)), "'{'"));
            return null;
        }
        String line = replay.lines().get(0);
        lineLength = first.length();
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            long charOffset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
            int at = Math.min(byteOffsetOf(line, charOffset), Math.max(0, lineLength - 1));
            add(QuorumCodes.BAD_JSON, Location.at(file, at, 1), "Jackson cannot parse the first line: "
                    + e.getOriginalMessage(), Evidence.of(Evidence.printable(line), "a JSON object"));
            return null;
        } catch (RuntimeException e) {
            add(QuorumCodes.BAD_JSON, Location.at(file, 0, lineLength), "Jackson cannot parse the first line: " + e,
                    Evidence.of(Evidence.printable(line), "a JSON object"));
            return null;
        }
        if (!(root instanceof ObjectNode obj)) {
            add(QuorumCodes.NOT_OBJECT, Location.at(file, 0, lineLength), "the first JSON value is not an object",
                    Evidence.of(root == null ? "nothing" : root.getNodeType() + " " + Evidence.printable(line), "an object"));
            return null;
        }
        reportTrailing(line);
        return fields(obj);
    }

    private QuorumState fields(ObjectNode obj) {
        Location whole = Location.at(file, 0, lineLength);
        JsonNode dvNode = obj.get("data_version");
        if (dvNode == null) {
            add(QuorumCodes.NO_DATA_VERSION, whole, "no data_version field", Evidence.of(keys(obj), "data_version 0 or 1"));
            return null;
        }
        short dv = dvNode.shortValue();
        if (!dvNode.isInt() || dvNode.intValue() != dv) {
            add(QuorumCodes.ODD_DATA_VERSION, whole, "data_version " + dvNode + " is read by Kafka as " + dv,
                    Evidence.of(dvNode.toString(), "0 or 1"));
        }
        if (dv < 0 || dv > 1) {
            add(QuorumCodes.UNSUPPORTED_VERSION, whole, "data_version (" + dv
                    + ") is not within the min (0) and max (1) supported version", Evidence.of(dv, "0 or 1"));
            return null;
        }
        String clusterId = null;
        JsonNode n = obj.get("clusterId");
        if (n == null) {
            if (dv == 0) missing("clusterId", dv);
        } else if (!n.isTextual()) {
            bad("clusterId", n, "a string");
        } else {
            clusterId = n.asText();
        }
        int leaderId = intField(obj, "leaderId", dv);
        int leaderEpoch = intField(obj, "leaderEpoch", dv);
        int votedId = intField(obj, "votedId", dv);

        String votedDirectoryId = null;
        n = obj.get("votedDirectoryId");
        if (n == null) {
            if (dv >= 1) missing("votedDirectoryId", dv);
        } else if (!n.isTextual()) {
            bad("votedDirectoryId", n, "a base64url Uuid string");
        } else {
            votedDirectoryId = n.asText();
            try {
                Uuid.fromString(votedDirectoryId);
            } catch (RuntimeException e) {
                add(QuorumCodes.BAD_DIRECTORY_ID, whole, "votedDirectoryId: " + e.getMessage(),
                        Evidence.of(Evidence.printable(votedDirectoryId), "22 base64url characters"));
            }
        }
        long appliedOffset = 0;
        n = obj.get("appliedOffset");
        if (n == null) {
            if (dv == 0) missing("appliedOffset", dv);
        } else {
            appliedOffset = toLong(n, "appliedOffset");
        }
        List<Integer> voters = voters(obj.get("currentVoters"), dv, whole);
        reportUnknownKeys(obj, whole);
        return new QuorumState(dv, clusterId, leaderId, leaderEpoch, votedId, votedDirectoryId, appliedOffset, voters);
    }

    private List<Integer> voters(JsonNode n, short dv, Location whole) {
        if (n == null) {
            if (dv == 0) missing("currentVoters", dv);
            return null;
        }
        if (n.isNull()) {
            add(QuorumCodes.NULL_VOTERS, whole, "currentVoters is null; Kafka's ElectionState.fromQuorumStateData "
                    + "throws NullPointerException", Evidence.of("null", "an array of {\"voterId\": n}"));
            return null;
        }
        if (!n.isArray()) {
            bad("currentVoters", n, "an array");
            return null;
        }
        List<Integer> ids = new ArrayList<>(Math.min(n.size(), 1024));
        if (dv > 0 && n.size() > 0) {
            add(QuorumCodes.VOTERS_IN_V1, whole, "currentVoters has " + n.size() + " entries in a data_version "
                    + dv + " file", Evidence.of(Evidence.printable(n.toString()), "[] or no currentVoters"));
            return null;
        }
        for (JsonNode voter : n) {
            JsonNode id = voter.get("voterId");
            if (id == null) {
                add(QuorumCodes.MISSING_FIELD, whole, "a currentVoters entry has no voterId",
                        Evidence.of(Evidence.printable(voter.toString()), "{\"voterId\": n}"));
                continue;
            }
            Integer v = toInt(id, "voterId");
            if (v != null) ids.add(v);
        }
        return ids;
    }

    private int intField(ObjectNode obj, String name, short dv) {
        JsonNode n = obj.get(name);
        if (n == null) {
            missing(name, dv);
            return -1;
        }
        Integer v = toInt(n, name);
        return v == null ? -1 : v;
    }

    /** As Kafka's {@code MessageUtil.jsonNodeToInt}: a JSON int, or a non-text node whose text parses as an int. */
    private Integer toInt(JsonNode n, String name) {
        if (n.isInt()) return n.asInt();
        if (!n.isTextual()) {
            String text = n.asText();
            try {
                return text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        bad(name, n, "a JSON integer in the int32 range");
        return null;
    }

    /** As Kafka's {@code MessageUtil.jsonNodeToLong}. */
    private long toLong(JsonNode n, String name) {
        if (n.isLong()) return n.asLong();
        if (!n.isTextual()) {
            String text = n.asText();
            try {
                return text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        bad(name, n, "a JSON integer in the int64 range");
        return 0;
    }

    private void missing(String name, short dv) {
        add(QuorumCodes.MISSING_FIELD, Location.at(file, 0, lineLength), "QuorumStateData: unable to locate field '"
                + name + "', which is mandatory in version " + dv, Evidence.of("no " + name, name));
    }

    private void bad(String name, JsonNode n, String expected) {
        String why = n.isTextual() ? " (a quoted value: Kafka rejects it with NumberFormatException or RuntimeException)" : "";
        add(QuorumCodes.BAD_FIELD, Location.at(file, 0, lineLength), name + " has " + n.getNodeType() + " value "
                + Evidence.printable(n.toString()) + why, Evidence.of(Evidence.printable(n.toString()), expected));
    }

    private void reportUnknownKeys(ObjectNode obj, Location whole) {
        int reported = 0;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext() && reported < MAX_UNKNOWN_FIELDS; ) {
            String key = it.next();
            if (!KNOWN.contains(key)) {
                add(QuorumCodes.UNKNOWN_FIELD, whole, "unknown key \"" + Evidence.printable(key) + "\" is ignored by Kafka",
                        Evidence.of(Evidence.printable(key), "a QuorumStateData field"));
                reported++;
            }
        }
    }

    /** Reports bytes after the first JSON value: the rest of line 1, and everything after it. */
    private void reportTrailing(String line) {
        int valueEnd;
        try (JsonParser parser = MAPPER.createParser(line)) {
            parser.readValueAsTree();
            valueEnd = byteOffsetOf(line, parser.currentLocation().getCharOffset());
        } catch (Exception e) {
            return;
        }
        if (valueEnd < bytes.length) {
            add(QuorumCodes.TRAILING_DATA, Location.at(file, valueEnd, bytes.length - valueEnd),
                    (bytes.length - valueEnd) + " bytes after the JSON object are ignored by Kafka",
                    Evidence.of(Evidence.hex(bytes, valueEnd, 16), "end of file"));
        }
    }

    private static int byteOffsetOf(String line, long charOffset) {
        int c = (int) Math.min(Math.max(0, charOffset), line.length());
        return line.substring(0, c).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String keys(ObjectNode obj) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(k -> {
            if (names.size() < 10) names.add(k);
        });
        return names.toString();
    }

    private void add(FindingCode code, Location where, String message, Evidence evidence) {
        findings.add(code.at(where, message, evidence));
    }
}
