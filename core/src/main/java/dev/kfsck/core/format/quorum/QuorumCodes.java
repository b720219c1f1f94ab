package dev.kfsck.core.format.quorum;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/** Finding codes of this package. Ids are stable: never rename one once released. */
public final class QuorumCodes {

    private static final String REWRITE =
            "rewrite quorum-state from the metadata log's epochs (kfsck repair)";

    public static final FindingCode EMPTY = FindingCode.error("QS-EMPTY", STARTUP_FATAL,
            "quorum-state is empty (Kafka: \"File ended prematurely.\")", REWRITE);
    public static final FindingCode NULL_BYTES = FindingCode.error("QS-NULL-BYTES", STARTUP_FATAL,
            "quorum-state starts with NUL bytes (Kafka: JsonParseException, CTRL-CHAR code 0)", REWRITE);
    public static final FindingCode INVALID_UTF8 = FindingCode.error("QS-INVALID-UTF8", STARTUP_FATAL,
            "quorum-state is not valid UTF-8 where Kafka decodes it", REWRITE);
    public static final FindingCode BAD_JSON = FindingCode.error("QS-BAD-JSON", STARTUP_FATAL,
            "the first line of quorum-state is not JSON Kafka can parse", REWRITE);
    public static final FindingCode NOT_OBJECT = FindingCode.error("QS-NOT-OBJECT", STARTUP_FATAL,
            "the first JSON value of quorum-state is not an object", REWRITE);
    public static final FindingCode NO_DATA_VERSION = FindingCode.error("QS-NO-DATA-VERSION", STARTUP_FATAL,
            "quorum-state has no data_version field", REWRITE);
    public static final FindingCode UNSUPPORTED_VERSION = FindingCode.error("QS-UNSUPPORTED-VERSION", STARTUP_FATAL,
            "quorum-state data_version is outside 0..1", REWRITE);
    public static final FindingCode ODD_DATA_VERSION = FindingCode.warn("QS-ODD-DATA-VERSION", TOLERATED,
            "data_version is not a plain integer; Kafka truncates it to a short",
            "rewrite quorum-state with a plain data_version (kfsck repair)");
    public static final FindingCode MISSING_FIELD = FindingCode.error("QS-MISSING-FIELD", STARTUP_FATAL,
            "a field mandatory in this data_version is missing", REWRITE);
    public static final FindingCode BAD_FIELD = FindingCode.error("QS-BAD-FIELD", STARTUP_FATAL,
            "a field has a type or value Kafka rejects (quoted or out-of-range number, non-text id)", REWRITE);
    public static final FindingCode BAD_DIRECTORY_ID = FindingCode.error("QS-BAD-DIRECTORY-ID", STARTUP_FATAL,
            "votedDirectoryId is not a base64url Uuid of 16 bytes", REWRITE);
    public static final FindingCode NULL_VOTERS = FindingCode.error("QS-NULL-VOTERS", STARTUP_FATAL,
            "currentVoters is null (Kafka: NullPointerException in ElectionState.fromQuorumStateData)", REWRITE);
    public static final FindingCode VOTERS_IN_V1 = FindingCode.error("QS-VOTERS-IN-V1", STARTUP_FATAL,
            "currentVoters has entries in a data_version 1 file (Kafka: UnsupportedVersionException)", REWRITE);
    public static final FindingCode TRAILING_DATA = FindingCode.info("QS-TRAILING-DATA", TOLERATED,
            "bytes after the first JSON value; Kafka ignores them",
            "none needed; Kafka rewrites quorum-state at every startup");
    public static final FindingCode UNKNOWN_FIELD = FindingCode.info("QS-UNKNOWN-FIELD", TOLERATED,
            "a JSON key Kafka does not know; it is ignored", "none needed");
    public static final FindingCode TOO_LARGE = FindingCode.error("QS-TOO-LARGE", STARTUP_FATAL,
            "the first line of quorum-state is larger than kfsck checks", REWRITE);

    private QuorumCodes() {
    }
}
