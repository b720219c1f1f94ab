package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionDir;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.analysis.SegmentFiles;
import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.LeaderEpochCheckpoint;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.format.metadata.SnapshotName;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard check, plus the findings and facts of the format parsers run directly on the files the repair tests
 * damage, for as long as the analysis passes do not report them yet. Findings the checker already reports (same code,
 * same file) are not added twice, so the tests stay right once the analysis lands.
 */
final class ParserBackedCheck {

    /** Stand-in for the analysis' quorum-state epoch rule (the real code is XFILE-QS-EPOCH-BELOW-LOG). */
    static final FindingCode QS_EPOCH_BELOW_LOG = FindingCode.warn("TEST-QS-EPOCH-BELOW-LOG", KafkaReaction.TOLERATED,
            "quorum-state epoch below the metadata log's", "rewrite quorum-state at the log's epoch");

    private ParserBackedCheck() {
    }

    static Report check(Path... dirs) throws IOException {
        Report base = LogDirChecker.check(dirs);
        List<LogDirReport> out = new ArrayList<>();
        for (LogDirReport r : base.logDirs()) out.add(augment(r));
        return new Report(out, base.crossDirFindings());
    }

    private static LogDirReport augment(LogDirReport r) throws IOException {
        Path dir = r.dir();
        List<Finding> extra = new ArrayList<>();
        LogDirLayout layout = LogDirLayout.scan(dir);
        LogDirFacts f = r.facts();
        Integer nodeId = f.nodeId();
        String clusterId = f.clusterId();
        String directoryId = f.directoryId();

        Path meta = dir.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse("meta.properties", Files.readAllBytes(meta));
            extra.addAll(p.findings());
            if (p.model() != null && !p.hasErrors()) {
                if (nodeId == null && p.model().nodeId().isPresent()) nodeId = p.model().nodeId().getAsInt();
                if (clusterId == null) clusterId = p.model().clusterId().orElse(null);
                if (directoryId == null) directoryId = p.model().directoryId().map(Object::toString).orElse(null);
            }
        }
        for (CheckpointKind k : List.of(CheckpointKind.REPLICATION_OFFSET, CheckpointKind.RECOVERY_POINT,
                CheckpointKind.LOG_START_OFFSET, CheckpointKind.CLEANER_OFFSET)) {
            Path p = dir.resolve(k.fileName());
            if (Files.isRegularFile(p)) extra.addAll(CheckpointParser.parseOffsets(k.fileName(), Files.readAllBytes(p), k).findings());
        }

        LogDirFacts.Quorum quorum = f.quorum();
        LogDirFacts.MetadataLog mlog = f.metadataLog();
        Path qs = dir.resolve("__cluster_metadata-0/quorum-state");
        if (Files.isRegularFile(qs)) {
            Parsed<QuorumState> p = QuorumStateParser.parse("__cluster_metadata-0/quorum-state", Files.readAllBytes(qs));
            extra.addAll(p.findings());
            QuorumState q = p.hasErrors() ? null : p.model();
            if (quorum == null && q != null) {
                quorum = new LogDirFacts.Quorum(q.dataVersion(), q.leaderId(), q.leaderEpoch(), q.votedId(), q.votedDirectoryId(), q.currentVoters());
            }
            int logEpoch = metadataLogEpoch(dir);
            if (q != null && q.leaderEpoch() < logEpoch) {
                extra.add(QS_EPOCH_BELOW_LOG.at(Location.file("__cluster_metadata-0/quorum-state"),
                        "quorum-state epoch " + q.leaderEpoch() + " below the log's " + logEpoch, Evidence.of(q.leaderEpoch(), logEpoch)));
            }
            if (mlog == null && logEpoch >= 0) mlog = new LogDirFacts.MetadataLog(0, 0, logEpoch, List.of(), List.of(), List.of());
        }
        Path mlec = dir.resolve("__cluster_metadata-0/leader-epoch-checkpoint");
        if (Files.isRegularFile(mlec)) {
            extra.addAll(CheckpointParser.parseLeaderEpochs("__cluster_metadata-0/leader-epoch-checkpoint", Files.readAllBytes(mlec),
                    CheckpointKind.METADATA_LEADER_EPOCH).findings());
        }
        layout.metadataPartition().ifPresent(md -> {
            SnapshotId newest = null;
            Path newestPath = null;
            for (Path s : md.metadataSnapshots()) {
                var id = SnapshotName.parse(s.getFileName().toString()).id();
                if (id.isPresent() && (newest == null || SnapshotId.KAFKA_ORDER.compare(id.get(), newest) > 0)) {
                    newest = id.get();
                    newestPath = s;
                }
            }
            if (newestPath != null) {
                try {
                    extra.addAll(MetadataSnapshotFile.read("__cluster_metadata-0/" + newestPath.getFileName(), newestPath).findings());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        Map<String, LogDirFacts.Partition> partitions = new HashMap<>(f.partitions());
        for (PartitionDir pd : layout.dataPartitions()) {
            String folder = pd.path().getFileName().toString();
            Path pm = pd.partitionMetadata();
            if (Files.isRegularFile(pm)) {
                extra.addAll(PartitionMetadataParser.parse(folder + "/partition.metadata", Files.readAllBytes(pm)).findings());
            }
            Path lec = pd.leaderEpochCheckpoint();
            if (Files.isRegularFile(lec)) {
                extra.addAll(CheckpointParser.parseLeaderEpochs(folder + "/leader-epoch-checkpoint", Files.readAllBytes(lec),
                        CheckpointKind.LEADER_EPOCH).findings());
            }
            long end = 0;
            for (SegmentFiles s : pd.segments()) {
                if (s.log() == null) continue;
                SegmentScan scan = SegmentScanner.scan(s.log(), folder + "/" + s.log().getFileName(), ScanOptions.full());
                extra.addAll(scan.findings());
                end = Math.max(end, scan.nextOffset());
            }
            partitions.putIfAbsent(pd.name().topicPartition(), new LogDirFacts.Partition(null, null, end, null, null, List.of()));
        }

        Set<String> seen = new HashSet<>();
        for (Finding x : r.findings()) seen.add(x.code().id() + "|" + x.location().file());
        List<Finding> all = new ArrayList<>(r.findings());
        for (Finding x : extra) {
            Finding located = x.inLogDir(dir.toString());
            if (seen.add(x.code().id() + "|" + x.location().file())) all.add(located);
        }
        LogDirFacts facts = new LogDirFacts(nodeId, clusterId, directoryId, f.kraftVersion(), quorum, mlog, partitions);
        return new LogDirReport(dir, all, facts);
    }

    /** The latest epoch of the metadata log's leader-epoch-checkpoint, or -1. */
    private static int metadataLogEpoch(Path dir) throws IOException {
        Path lec = dir.resolve("__cluster_metadata-0/leader-epoch-checkpoint");
        if (!Files.isRegularFile(lec)) return -1;
        Parsed<LeaderEpochCheckpoint> p = CheckpointParser.parseLeaderEpochs("__cluster_metadata-0/leader-epoch-checkpoint",
                Files.readAllBytes(lec), CheckpointKind.METADATA_LEADER_EPOCH);
        return p.model() == null ? -1 : p.model().latestEpoch();
    }
}
