package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.KafkaReadOutcome;
import dev.kfsck.core.format.checkpoint.LeaderEpochCheckpoint;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataCodes;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.format.metadata.MetadataLog;
import dev.kfsck.core.format.metadata.MetadataLogReader;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.format.metadata.SnapshotName;
import dev.kfsck.core.format.properties.PartitionMetadata;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.segment.ProducerSnapshot;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pass 3: {@code __cluster_metadata-0}, when the dir holds it. Its segments (every one is recovered at every start),
 * their content, leader-epoch-checkpoint, partition.metadata, quorum-state, snapshots and producer snapshots, and
 * the rules that relate them to each other and to meta.properties (fact sheet §11 R1–R8, R15–R17). Runs after
 * {@link RootFilesPass} and before the partition pass, which reads {@link #IMAGE}.
 */
public final class MetadataLogPass implements CheckPass {

    /** The cluster metadata this dir's snapshots and log hold, as Kafka's loader would build it. */
    public static final LogDirContext.Key<ClusterMetadata> IMAGE = new LogDirContext.Key<>("metadata image");

    /** The metadata log's records as read by this pass, for the metadata facts pass. */
    static final LogDirContext.Key<Parsed<MetadataLog>> CONTENT = new LogDirContext.Key<>("metadata log content");

    /** quorum-state as read by this pass (absent when the read failed), for the metadata facts pass. */
    static final LogDirContext.Key<MetadataView.Qs> QUORUM_STATE = new LogDirContext.Key<>("quorum-state");

    /** The topic id Kafka gives {@code __cluster_metadata} ({@code Uuid.METADATA_TOPIC_ID}). */
    static final String METADATA_TOPIC_ID = "AAAAAAAAAAAAAAAAAAAAAQ";

    private static final int MAX_SMALL_FILE = 1 << 20;

    @Override
    public String name() {
        return "metadata log";
    }

    @Override
    public void run(LogDirContext ctx) throws IOException {
        Optional<PartitionDir> found = ctx.layout().metadataPartition();
        if (found.isEmpty()) return;
        PartitionDir dir = found.get();
        String rel = ctx.relative(dir.path());

        MetadataLogScan scan = MetadataLogScan.scan(ctx, dir, ctx.layout().cleanShutdown());
        ctx.addAll(scan.findings());

        MetadataView.Lec[] lecRead = {new MetadataView.Lec(ctx.relative(dir.leaderEpochCheckpoint()), null, new byte[0])};
        PassSteps.run(ctx, lecRead[0].file(), () -> lecRead[0] = readLeaderEpochs(ctx, dir));
        MetadataView.Lec lec = lecRead[0];
        PassSteps.run(ctx, ctx.relative(dir.partitionMetadata()), () -> checkPartitionMetadata(ctx, dir));
        String qsFile = ctx.relative(dir.path().resolve("quorum-state"));
        MetadataView.Qs[] qsRead = {new MetadataView.Qs(qsFile, true, null, new byte[0])};
        PassSteps.run(ctx, qsFile, () -> qsRead[0] = readQuorumState(ctx, dir));
        MetadataView.Qs qs = qsRead[0];
        PassSteps.run(ctx, rel, () -> readProducerSnapshots(ctx, dir));

        List<Parsed<MetadataSnapshot>> snapshots = readSnapshots(dir, rel);
        Optional<MetadataSnapshot> latest = latestRetained(snapshots, scan.logStart());
        for (Parsed<MetadataSnapshot> s : snapshots) {
            boolean isLatest = latest.isPresent() && s.model() == latest.get();
            List<Finding> fs = isLatest ? s.findings() : olderSnapshotFindings(s, scan.logStart());
            ctx.addAll(isBootstrapSnapshot(s.model()) ? withoutMetadataVersionFinding(fs) : fs);
        }

        Parsed<MetadataLog> content = MetadataLogReader.read(MetadataLogReader.segmentsOf(dir.path(), rel));
        ctx.addAll(content.findings());
        ctx.put(CONTENT, content);
        Parsed<ClusterMetadata> image = MetadataImageBuilder.build(snapshots, content);
        ctx.addAll(image.findings());
        ctx.put(IMAGE, image.model());

        RaftEpochModel.Result epochs = RaftEpochModel.compute(
                lec.model() == null ? List.of() : lec.model().entries().stream()
                        .map(e -> new RaftEpochModel.Entry(e.epoch(), e.startOffset())).toList(),
                scan.batches().epochChanges(), scan.logStart(), scan.logEnd(),
                latest.flatMap(MetadataSnapshot::id).map(id -> new RaftEpochModel.Snapshot(id.endOffset(), id.epoch())));

        MetadataView view = new MetadataView(rel, scan, lec, qs, snapshots, latest, content.model(), image.model(),
                epochs, ctx.get(Facts.IDENTITY), ctx.layout());
        ctx.addAll(MetadataRules.check(view));
        putFacts(ctx, view);
    }

    private static MetadataView.Lec readLeaderEpochs(LogDirContext ctx, PartitionDir dir) throws IOException {
        Path p = dir.leaderEpochCheckpoint();
        if (!Files.isRegularFile(p)) return new MetadataView.Lec(ctx.relative(p), null, new byte[0]);
        byte[] bytes = BoundedRead.read(p, MAX_SMALL_FILE).bytes();
        Parsed<LeaderEpochCheckpoint> parsed = CheckpointParser.parseLeaderEpochs(ctx.relative(p), bytes,
                CheckpointKind.METADATA_LEADER_EPOCH);
        ctx.addAll(parsed.findings());
        LeaderEpochCheckpoint model = parsed.model();
        boolean kafkaReads = model != null && model.kafkaRead() == KafkaReadOutcome.READS;
        return new MetadataView.Lec(ctx.relative(p), kafkaReads ? model : null, bytes);
    }

    /**
     * The raft log is built with a private log-dir failure channel that nobody drains, so an I/O failure reading its
     * partition.metadata ends the process instead of taking the dir offline; a missing file is written anew.
     */
    private static void checkPartitionMetadata(LogDirContext ctx, PartitionDir dir) throws IOException {
        Path p = dir.partitionMetadata();
        if (!Files.isRegularFile(p)) return;
        String rel = ctx.relative(p);
        Parsed<PartitionMetadata> parsed = PartitionMetadataParser.parse(rel, BoundedRead.read(p, MAX_SMALL_FILE).bytes());
        for (Finding f : parsed.findings()) {
            ctx.add(f.reaction() == KafkaReaction.LOG_DIR_OFFLINE ? f.withReaction(KafkaReaction.STARTUP_FATAL) : f);
        }
        if (parsed.model() != null && !parsed.model().topicId().toString().equals(METADATA_TOPIC_ID)) {
            byte[] bytes = BoundedRead.read(p, MAX_SMALL_FILE).bytes();
            TextSpans.Span line = TextSpans.line(bytes, 1);
            Location where = line == null ? Location.file(rel) : Location.at(rel, line.offset(), line.length());
            ctx.add(CrossFileCodes.MLOG_TOPIC_ID.at(where,
                    "the metadata log's partition.metadata names topic " + parsed.model().topicId()
                            + ": Kafka fails with InconsistentTopicIdException when it opens the raft log",
                    Evidence.of(parsed.model().topicId(), METADATA_TOPIC_ID)));
        }
    }

    private static MetadataView.Qs readQuorumState(LogDirContext ctx, PartitionDir dir) throws IOException {
        Path p = dir.path().resolve("quorum-state");
        String rel = ctx.relative(p);
        if (!Files.isRegularFile(p)) {
            MetadataView.Qs none = new MetadataView.Qs(rel, false, null, new byte[0]);
            ctx.put(QUORUM_STATE, none);
            return none;
        }
        byte[] bytes = BoundedRead.read(p, QuorumStateParser.MAX_BYTES).bytes();
        Parsed<QuorumState> parsed = QuorumStateParser.parse(rel, bytes);
        ctx.addAll(parsed.findings());
        MetadataView.Qs qs = new MetadataView.Qs(rel, true, parsed.model(), bytes);
        ctx.put(QUORUM_STATE, qs);
        return qs;
    }

    private static void readProducerSnapshots(LogDirContext ctx, PartitionDir dir) throws IOException {
        for (Path p : dir.producerSnapshots().values()) {
            ctx.addAll(ProducerSnapshot.parse(ctx.relative(p), BoundedRead.read(p, MAX_SMALL_FILE).bytes()).findings());
        }
    }

    /** Every file Kafka's {@code Snapshots.parse} takes as a frozen snapshot, canonical names or not. */
    private static List<Parsed<MetadataSnapshot>> readSnapshots(PartitionDir dir, String rel) throws IOException {
        List<Path> files = new ArrayList<>(dir.metadataSnapshots());
        for (Path p : dir.others()) {
            if (SnapshotName.parse(p.getFileName().toString()).kind() == SnapshotName.Kind.SNAPSHOT) files.add(p);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Parsed<MetadataSnapshot>> out = new ArrayList<>();
        for (Path p : files) {
            if (Files.isRegularFile(p)) out.add(MetadataSnapshotFile.read(rel + "/" + p.getFileName(), p));
        }
        return out;
    }

    /** The snapshot Kafka loads: the greatest id (epoch first) among those it keeps (end ≥ log start). */
    static Optional<MetadataSnapshot> latestRetained(List<Parsed<MetadataSnapshot>> snapshots, long logStart) {
        return snapshots.stream().map(Parsed::model)
                .filter(s -> s != null && s.id().isPresent() && s.id().get().endOffset() >= logStart)
                .max(Comparator.comparing((MetadataSnapshot s) -> s.id().get(), SnapshotId.KAFKA_ORDER));
    }

    /**
     * {@code kafka-storage format --standalone} writes snapshot 0-0 with only the header, KRaftVersion and Voters
     * records: the metadata.version comes from bootstrap.checkpoint, so its absence there is expected.
     */
    private static boolean isBootstrapSnapshot(MetadataSnapshot s) {
        return s != null && s.id().isPresent() && s.id().get().endOffset() == 0 && s.id().get().epoch() == 0;
    }

    private static List<Finding> withoutMetadataVersionFinding(List<Finding> findings) {
        return findings.stream().filter(f -> f.code() != MetadataCodes.SNAP_MISSING_METADATA_VERSION).toList();
    }

    private static List<Finding> olderSnapshotFindings(Parsed<MetadataSnapshot> s, long logStart) {
        List<Finding> older = MetadataSnapshotFile.asOlderSnapshot(s.findings());
        boolean deletedAtStart = s.model() != null && s.model().id().isPresent() && s.model().id().get().endOffset() < logStart;
        if (!deletedAtStart) return older;
        return older.stream().map(f -> new Finding(f.code(), f.severity(), f.reaction(), f.location(),
                f.message() + " (Kafka deletes this snapshot at startup: it ends before the log start " + logStart + ")",
                f.evidence())).toList();
    }

    private static void putFacts(LogDirContext ctx, MetadataView v) {
        int kraftVersion = v.kraftVersion();
        ctx.put(Facts.KRAFT_VERSION, kraftVersion);
        List<Integer> voters = v.voters().ids();
        if (v.qs().state() != null) {
            QuorumState q = v.qs().state();
            ctx.put(Facts.QUORUM, new LogDirFacts.Quorum(q.dataVersion(), q.leaderId(), q.leaderEpoch(), q.votedId(),
                    q.votedDirectoryId(), voters));
        }
        List<String> snapshotIds = v.snapshots().stream().map(Parsed::model)
                .filter(s -> s != null && s.id().isPresent())
                .map(s -> s.id().get().fileName().replace(".checkpoint", "")).sorted().toList();
        List<LogDirFacts.EpochStart> epochs = v.epochs().cache().stream()
                .map(e -> new LogDirFacts.EpochStart(e.epoch(), e.startOffset())).toList();
        ctx.put(Facts.METADATA_LOG, new LogDirFacts.MetadataLog(v.scan().logStart(), v.scan().logEnd(),
                v.epochs().lastEpoch(), epochs, snapshotIds, voters));
    }
}
