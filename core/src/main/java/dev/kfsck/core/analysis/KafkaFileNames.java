package dev.kfsck.core.analysis;

import java.util.List;
import java.util.Set;

/**
 * Which regular file names Kafka 4.3.1 knows, at the log dir root and inside a partition folder. A name Kafka does not
 * know is never opened, renamed or deleted by it: the broker starts and leaves the file where it is
 * ({@code LAYOUT-UNKNOWN-FILE}).
 *
 * <p>What the lists rest on (Kafka 4.3.1 sources):
 * <ul>
 *   <li>Root. {@code core/src/main/scala/kafka/log/LogManager.scala} ({@code loadLogs}) keeps only the folders of a
 *       log dir when it lists it, and looks up its own files by the names in
 *       {@code storage/.../log/LogManager.java}:
 *       {@code meta.properties} (written through {@code meta.properties.tmp} by
 *       {@code metadata/.../properties/PropertiesUtils.writePropertiesFile}), {@code .lock}, the four offset
 *       checkpoints (each written through {@code <name>.tmp} by {@code server-common/.../common/CheckpointFile}),
 *       {@code .kafka_cleanshutdown} (written in place by
 *       {@code storage/.../checkpoint/CleanShutdownFileHandler}) and {@code bootstrap.checkpoint} (written through
 *       {@code bootstrap.checkpoint.tmp} by {@code metadata/.../bootstrap/BootstrapDirectory.writeBinaryFile}).</li>
 *   <li>Partition folder. {@code storage/.../log/LogLoader.load} looks at every regular file by its suffix only:
 *       {@code *.deleted} is deleted (except {@code *.checkpoint.deleted}, left to the raft log), {@code *.cleaned}
 *       and {@code *.swap} have their offset parsed and are deleted or renamed, and {@code *.log}, {@code *.index},
 *       {@code *.timeindex}, {@code *.txnindex} are parsed as {@code <offset>.<suffix>}
 *       ({@code LogFileUtils.offsetFromFileName}, {@code Long.parseLong} up to the first dot).
 *       {@code ProducerStateManager} does the same with every {@code *.snapshot}. {@code UnifiedLog} opens
 *       {@code leader-epoch-checkpoint} ({@code LeaderEpochCheckpointFile}, through {@code CheckpointFile}'s
 *       {@code .tmp}) and {@code partition.metadata} ({@code PartitionMetadataFile}, through
 *       {@code partition.metadata.tmp}) by name. Any other name is skipped by every one of these listings.</li>
 *   <li>{@code __cluster_metadata-0} is loaded by the same {@code UnifiedLog}/{@code LogLoader}
 *       ({@code raft/.../internals/KafkaRaftLog.createLog}); in addition {@code KafkaRaftLog.recoverSnapshots} takes
 *       every name {@code raft/.../snapshot/Snapshots.parse} accepts ({@code *.checkpoint}, {@code *.checkpoint.part},
 *       {@code *.checkpoint.deleted}), and {@code raft/.../FileQuorumStateStore} owns {@code quorum-state} and
 *       {@code quorum-state.tmp}.</li>
 * </ul>
 * A name with a suffix Kafka reads but no number before the first dot is not ignored (Kafka fails to parse it); it is
 * known here, and left to the codes about bad names ({@code SEG-BAD-FILE-NAME} for {@code .log},
 * {@code LAYOUT-BAD-FILE-NAME} for the others).
 */
final class KafkaFileNames {

    /** Root files Kafka writes under their final name. */
    private static final Set<String> ROOT = Set.of(LogDirLayout.META_PROPERTIES, LogDirLayout.LOCK,
            "recovery-point-offset-checkpoint", "replication-offset-checkpoint", "log-start-offset-checkpoint",
            "cleaner-offset-checkpoint", LogDirLayout.CLEAN_SHUTDOWN, LogDirLayout.BOOTSTRAP_CHECKPOINT);

    /** Root files Kafka writes first under a temporary name, then moves over the final one. */
    private static final Set<String> ROOT_WRITTEN_THROUGH_TMP = Set.of(LogDirLayout.META_PROPERTIES,
            "recovery-point-offset-checkpoint", "replication-offset-checkpoint", "log-start-offset-checkpoint",
            "cleaner-offset-checkpoint", LogDirLayout.BOOTSTRAP_CHECKPOINT);

    private static final Set<String> PARTITION = Set.of("leader-epoch-checkpoint", "partition.metadata");
    private static final Set<String> METADATA_ONLY = Set.of("quorum-state");

    /** Suffixes the log loader and the producer state manager act on, in every partition folder. */
    private static final List<String> LOADER_SUFFIXES = List.of(".log", ".index", ".timeindex", ".txnindex",
            ".snapshot", ".cleaned", ".swap");
    /** Of those, the ones besides .log whose name Kafka parses as {@code <offset>.<suffix>} without catching a failure. */
    private static final List<String> OFFSET_PARSED_SUFFIXES = List.of(".index", ".timeindex", ".txnindex", ".snapshot",
            ".cleaned", ".swap");
    private static final String DELETED = ".deleted";
    /** Suffixes of KRaft snapshots, read only in __cluster_metadata-0. */
    private static final List<String> RAFT_SNAPSHOT_SUFFIXES = List.of(".checkpoint", ".checkpoint.part", ".checkpoint.deleted");
    private static final String TMP = ".tmp";

    private KafkaFileNames() {
    }

    /** True when Kafka knows a regular file of this name in the log dir root. */
    static boolean knownAtRoot(String name) {
        return ROOT.contains(name) || kafkaTempAtRoot(name);
    }

    /** True when this is the temporary file of one of Kafka's writes to the root. */
    static boolean kafkaTempAtRoot(String name) {
        return name.endsWith(TMP) && ROOT_WRITTEN_THROUGH_TMP.contains(stripTmp(name));
    }

    /** True when Kafka knows a regular file of this name inside a partition folder (the metadata log's or another). */
    static boolean knownInPartition(String name, boolean metadataLog) {
        if (ownFile(name, metadataLog) || kafkaTempInPartition(name, metadataLog)) return true;
        if (metadataLog && RAFT_SNAPSHOT_SUFFIXES.stream().anyMatch(name::endsWith)) return true;
        if (name.endsWith(DELETED)) return metadataLog || !name.endsWith(".checkpoint" + DELETED);
        return LOADER_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * The suffix by which Kafka parses this name's offset, for the files other than {@code .log} (the log loader's
     * indexes, {@code .cleaned}, {@code .swap}; the producer state manager's {@code .snapshot}), or null.
     */
    static String offsetParsedSuffix(String name) {
        for (String suffix : OFFSET_PARSED_SUFFIXES) {
            if (name.endsWith(suffix)) return suffix;
        }
        return null;
    }

    /** True when this is the temporary file of one of Kafka's writes inside a partition folder. */
    static boolean kafkaTempInPartition(String name, boolean metadataLog) {
        return name.endsWith(TMP) && ownFile(stripTmp(name), metadataLog);
    }

    private static boolean ownFile(String name, boolean metadataLog) {
        return PARTITION.contains(name) || (metadataLog && METADATA_ONLY.contains(name));
    }

    private static String stripTmp(String name) {
        return name.substring(0, name.length() - TMP.length());
    }
}
