package dev.kfsck.core.format.properties;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/**
 * Finding codes of this package. Ids are stable: never rename one once released.
 *
 * <p>A meta.properties Kafka cannot load puts its dir in the "error" set: with one log dir, or for the metadata log
 * dir, the broker exits (STARTUP_FATAL, the default here); another data dir is only taken offline.
 */
public final class PropertiesCodes {

    private static final String REWRITE_META = "rewrite meta.properties from node.id in server.properties, the cluster "
            + "id of the other dirs or brokers, and the directory id the metadata assigns to this dir (kfsck repair)";
    private static final String REWRITE_PM = "rewrite partition.metadata with the topic id the metadata image gives "
            + "this partition's topic (kfsck repair)";

    public static final FindingCode META_NULL_BYTES = FindingCode.error("META-NULL-BYTES", STARTUP_FATAL,
            "meta.properties is all NUL bytes: read as a v0 file without ids (\"Error: node ID not found\")", REWRITE_META);
    public static final FindingCode META_NUL_RANGE = FindingCode.warn("META-NUL-RANGE", TOLERATED,
            "NUL bytes inside meta.properties; they become part of a key or value", REWRITE_META);
    public static final FindingCode META_BAD_ESCAPE = FindingCode.error("META-BAD-ESCAPE", STARTUP_FATAL,
            "a malformed \\uXXXX escape: Properties.load fails", REWRITE_META);
    public static final FindingCode META_BAD_VERSION = FindingCode.error("META-BAD-VERSION", STARTUP_FATAL,
            "version is not a number (\"Invalid meta.properties version string\")", REWRITE_META);
    public static final FindingCode META_UNKNOWN_VERSION = FindingCode.error("META-UNKNOWN-VERSION", STARTUP_FATAL,
            "version is neither 0 nor 1 (\"Unknown meta.properties version number\")", REWRITE_META);
    public static final FindingCode META_NO_NODE_ID = FindingCode.error("META-NO-NODE-ID", STARTUP_FATAL,
            "no node id: node.id missing in v1 (\"Failed to find node.id\"), or broker.id missing in v0 "
                    + "(\"Error: node ID not found\")", REWRITE_META);
    public static final FindingCode META_BAD_NODE_ID = FindingCode.error("META-BAD-NODE-ID", STARTUP_FATAL,
            "node.id (or v0 broker.id) is not a base-10 int; Kafka does not trim it, so \"1 \" fails", REWRITE_META);
    public static final FindingCode META_NO_CLUSTER_ID = FindingCode.error("META-NO-CLUSTER-ID", STARTUP_FATAL,
            "no cluster.id (\"cluster.id was not found.\" / \"Error: cluster ID not found\")", REWRITE_META);
    public static final FindingCode META_BAD_DIRECTORY_ID = FindingCode.error("META-BAD-DIRECTORY-ID", STARTUP_FATAL,
            "directory.id is not a base64url Uuid of 16 bytes (\"Unable to read directory.id as a Uuid\")", REWRITE_META);
    public static final FindingCode META_RESERVED_DIRECTORY_ID = FindingCode.error("META-RESERVED-DIRECTORY-ID",
            STARTUP_FATAL, "directory.id is a reserved Uuid (\"Invalid reserved directory ID\")", REWRITE_META);
    public static final FindingCode META_NO_DIRECTORY_ID = FindingCode.warn("META-NO-DIRECTORY-ID", REBUILDS_ON_STARTUP,
            "no directory.id: Kafka writes a new random one, and the controller moves this dir's partitions to it "
                    + "(brief unavailability, leader epochs bumped)", REWRITE_META);
    public static final FindingCode META_LEGACY_V0 = FindingCode.info("META-LEGACY-V0", TOLERATED,
            "a version 0 (ZooKeeper era) file: the node id comes from broker.id", "none needed");

    public static final FindingCode PM_EMPTY = FindingCode.error("PM-EMPTY", STARTUP_FATAL,
            "partition.metadata is 0 bytes (Kafka: NullPointerException, \"Error starting LogManager\")", REWRITE_PM);
    public static final FindingCode PM_NO_TOPIC_ID_LINE = FindingCode.error("PM-NO-TOPIC-ID-LINE", STARTUP_FATAL,
            "partition.metadata has no second line (Kafka: NullPointerException, \"Error starting LogManager\")",
            REWRITE_PM);
    public static final FindingCode PM_NULL_BYTES = FindingCode.error("PM-NULL-BYTES", LOG_DIR_OFFLINE,
            "NUL bytes where Kafka expects \"key: value\" (IOException \"Malformed line\")", REWRITE_PM);
    public static final FindingCode PM_INVALID_UTF8 = FindingCode.error("PM-INVALID-UTF8", LOG_DIR_OFFLINE,
            "partition.metadata is not valid UTF-8 where Kafka decodes it (MalformedInputException)", REWRITE_PM);
    public static final FindingCode PM_MALFORMED_LINE = FindingCode.error("PM-MALFORMED-LINE", LOG_DIR_OFFLINE,
            "a line that does not split on \":\\s+\" into two parts, or a version that is not an int "
                    + "(IOException \"Malformed line\")", REWRITE_PM);
    public static final FindingCode PM_NEGATIVE_VERSION = FindingCode.error("PM-NEGATIVE-VERSION", LOG_DIR_OFFLINE,
            "a negative version (IOException \"Unrecognized version\")", REWRITE_PM);
    public static final FindingCode PM_ZERO_TOPIC_ID = FindingCode.error("PM-ZERO-TOPIC-ID", LOG_DIR_OFFLINE,
            "the topic id is the zero Uuid (IOException \"Invalid topic ID\")", REWRITE_PM);
    public static final FindingCode PM_BAD_TOPIC_ID = FindingCode.error("PM-BAD-TOPIC-ID", STARTUP_FATAL,
            "the topic id is not a base64url Uuid of 16 bytes (IllegalArgumentException, \"Error starting LogManager\")",
            REWRITE_PM);
    public static final FindingCode PM_NEWER_VERSION = FindingCode.info("PM-NEWER-VERSION", TOLERATED,
            "a version above 0; Kafka accepts any version >= 0", "none needed");
    public static final FindingCode PM_UNEXPECTED_KEY = FindingCode.info("PM-UNEXPECTED-KEY", TOLERATED,
            "a key other than \"version\"/\"topic_id\"; Kafka does not check key names", "none needed");
    public static final FindingCode PM_TRAILING_DATA = FindingCode.info("PM-TRAILING-DATA", TOLERATED,
            "bytes after the topic id line; Kafka ignores them", "none needed");

    private PropertiesCodes() {
    }
}
