package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/** Finding codes about the shape of a log dir: what files and folders it holds. Ids are stable. */
public final class LayoutCodes {

    public static final FindingCode NOT_A_DIRECTORY = FindingCode.error("LAYOUT-NOT-A-DIRECTORY", LOG_DIR_OFFLINE,
            "the log dir path is not a readable directory",
            "none: check the mount and the path");
    public static final FindingCode STRAY_FOLDER = FindingCode.error("LAYOUT-STRAY-FOLDER", STARTUP_FATAL,
            "a folder in the log dir root is not named topic-partition; Kafka refuses to start (\"Error starting LogManager\")",
            "move the folder out of the log dir (kfsck repair)");
    public static final FindingCode METADATA_DIR_MISSING = FindingCode.error("LAYOUT-METADATA-DIR-MISSING", PARTITION_STRAY,
            "the log dir holds partitions but no __cluster_metadata-0: if it is the metadata log dir, Kafka re-bootstraps empty metadata and turns every partition stray",
            "none automatic: restore __cluster_metadata-0 from another voter or a backup before starting the broker");
    public static final FindingCode META_PROPERTIES_MISSING = FindingCode.error("LAYOUT-META-PROPERTIES-MISSING", STARTUP_FATAL,
            "meta.properties is missing; Kafka never formats an existing dir itself",
            "restore meta.properties from the node's other evidence (kfsck repair), or re-format only if the dir is empty");
    public static final FindingCode UNREADABLE = FindingCode.error("LAYOUT-UNREADABLE", LOG_DIR_OFFLINE,
            "a file or folder cannot be read; Kafka treats this as an I/O error of the log dir",
            "fix permissions or the filesystem, then check again");
    /**
     * A temporary file of Kafka's own: the {@code .tmp} of one of its writes, a {@code .deleted} or {@code .cleaned}
     * file, a partial snapshot.
     */
    public static final FindingCode LEFTOVER_TEMP = FindingCode.info("LAYOUT-LEFTOVER-TEMP", TOLERATED,
            "an interrupted write left a temporary file; Kafka deletes or overwrites it",
            "none needed: Kafka handles it at startup");
    public static final FindingCode LEFTOVER_SWAP = FindingCode.warn("LAYOUT-LEFTOVER-SWAP", TOLERATED,
            "a .swap segment from an unfinished compaction or split; Kafka completes the swap and deletes the segments it overlaps",
            "none needed; keep a backup of the overlapped segments before starting if in doubt");
    public static final FindingCode PARTITION_DELETE_PENDING = FindingCode.info("LAYOUT-PARTITION-DELETE-PENDING", TOLERATED,
            "a partition folder marked -delete; Kafka deletes it after file.delete.delay.ms",
            "none needed");
    public static final FindingCode PARTITION_FUTURE = FindingCode.info("LAYOUT-PARTITION-FUTURE", TOLERATED,
            "a -future partition folder from an unfinished log-dir move; Kafka loads it as a future replica",
            "none needed");
    public static final FindingCode STRAY_REPLICA_FOLDER = FindingCode.warn("LAYOUT-PARTITION-STRAY", TOLERATED,
            "a -stray partition folder: Kafka found this replica stray earlier and never serves or deletes it; it may hold the only copy of records",
            "inspect it with kfsck dump; nothing is done automatically");
    public static final FindingCode CLEAN_SHUTDOWN_MARKER = FindingCode.info("LAYOUT-CLEAN-SHUTDOWN", TOLERATED,
            "a .kafka_cleanshutdown marker: Kafka will skip recovery of every partition in this dir",
            "none needed unless other findings need recovery; then the marker is removed (kfsck repair)");
    public static final FindingCode LOCK_HELD = FindingCode.error("LAYOUT-LOCK-HELD", STARTUP_FATAL,
            "a running process holds the log dir's .lock: a broker is using this dir, and its files are changing under the check",
            "stop the broker first; kfsck refuses to repair a locked dir");
    public static final FindingCode ORPHAN_INDEX = FindingCode.info("LAYOUT-ORPHAN-INDEX", TOLERATED,
            "an index file without its .log segment; Kafka deletes it at startup",
            "none needed");
    public static final FindingCode SEGMENT_INDEX_MISSING = FindingCode.warn("LAYOUT-INDEX-MISSING", REBUILDS_ON_STARTUP,
            "a .log segment has no .index; Kafka recovers the segment and rebuilds its indexes",
            "none needed");
    /**
     * An index ({@code .index}, {@code .timeindex}, {@code .txnindex}), producer snapshot ({@code .snapshot}),
     * {@code .cleaned} or {@code .swap} file whose name before the first dot is no number. Kafka 4.3.1 acts on these
     * files by suffix and parses that part with {@code Long.parseLong} ({@code LogFileUtils.offsetFromFileName}):
     * {@code LogLoader.removeTempFilesAndCollectSwapFiles} for {@code .cleaned} and {@code .swap},
     * {@code LogLoader.loadSegmentFiles} for the indexes, {@code ProducerStateManager.listSnapshotFiles} (through
     * {@code SnapshotFile}) for snapshots. None of them catches the NumberFormatException, so loading the logs fails
     * and the broker exits; in {@code __cluster_metadata-0} this happens while the raft log is created. A {@code .log}
     * file of such a name is {@code SEG-BAD-FILE-NAME}. Also a segment swap whose offset lacks the zero padding
     * ({@code 202.log.swap}): Kafka completes an empty swap under the padded name instead, so the finding carries
     * {@code TRUNCATES_ON_RECOVERY}.
     */
    public static final FindingCode BAD_FILE_NAME = FindingCode.error("LAYOUT-BAD-FILE-NAME", STARTUP_FATAL,
            "an index, producer snapshot, .cleaned or .swap file whose name before the first dot is no offset: Kafka parses that part as a number and exits at startup (NumberFormatException); a segment swap with an unpadded offset (202.log.swap) is completed empty, over the segment of that offset: its records and that segment's are lost",
            "move the file out of the log dir (kfsck repair): Kafka rebuilds indexes and producer snapshots from the segments and never loads a misnamed swap's records");
    /**
     * A regular file whose name no part of Kafka 4.3.1 looks for where it lies (the log dir root, a partition folder,
     * {@code __cluster_metadata-0}); the broker lists such a folder but skips the name, so the file stays as it is.
     * The names Kafka knows, and the sources that say so, are in {@code KafkaFileNames}. A name with a suffix Kafka
     * parses ({@code .log}, {@code .index}, {@code .snapshot}, ...) is never reported here, since Kafka does not ignore it.
     */
    public static final FindingCode UNKNOWN_FILE = FindingCode.info("LAYOUT-UNKNOWN-FILE", TOLERATED,
            "a file Kafka does not know in this place; Kafka ignores it",
            "none needed; remove it if it is not yours");

    private LayoutCodes() {
    }
}
