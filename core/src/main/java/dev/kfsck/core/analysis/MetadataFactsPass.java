package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataImageBuilder;
import dev.kfsck.core.format.metadata.MetadataLog;
import dev.kfsck.core.format.metadata.MetadataLogReader;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.MetadataSnapshotFile;
import dev.kfsck.core.format.metadata.PartitionEntry;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.segment.ScanOptions;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.format.segment.SegmentScan;
import dev.kfsck.core.format.segment.SegmentScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leaves the facts a cluster view needs from the metadata log dir: the {@link MetadataDigest} (batch offsets, epochs
 * and CRCs, leader changes, bootstrap voters) and the {@link MetadataImageFacts} (the metadata image). It adds no
 * findings: the files it reads are checked by the passes that own them.
 */
public final class MetadataFactsPass implements CheckPass {

    @Override
    public String name() {
        return "metadata facts";
    }

    @Override
    public void run(LogDirContext ctx) throws IOException {
        PartitionDir md = ctx.layout().metadataPartition().orElse(null);
        if (md == null) return;
        String rel = ctx.relative(md.path());
        MetadataDigestBuilder digest = new MetadataDigestBuilder();
        scanBatches(ctx, md, digest);

        List<Parsed<MetadataSnapshot>> snapshots = new ArrayList<>();
        if (ctx.get(MetadataLogPass.IMAGE) == null) {
            for (Path p : md.metadataSnapshots()) snapshots.add(MetadataSnapshotFile.read(ctx.relative(p), p));
        }
        Parsed<MetadataLog> log = ctx.get(MetadataLogPass.CONTENT);
        if (log == null) log = MetadataLogReader.read(md.path(), rel);
        if (log.model() != null) {
            for (MetadataLog.LeaderChange c : log.model().leaderChanges()) digest.leaderChange(c.offset(), c.epoch(), c.leaderId());
        }
        ctx.put(Facts.METADATA_DIGEST, digest.build(bootstrapVoters(ctx), quorumStateVoters(ctx, md)));
        ClusterMetadata image = ctx.get(MetadataLogPass.IMAGE);
        if (image == null) image = MetadataImageBuilder.build(snapshots, log).model();
        if (image != null) ctx.put(Facts.METADATA_IMAGE, compact(image));
    }

    /** Batch headers and CRCs up to the first damage, where Kafka's recovery cuts the metadata log. */
    private static void scanBatches(LogDirContext ctx, PartitionDir md, MetadataDigestBuilder digest) throws IOException {
        ScanOptions options = ScanOptions.full().withResync(false)
                .withListener(b -> digest.add(b.baseOffset(), b.lastOffset(), b.partitionLeaderEpoch(), b.storedCrc()));
        for (SegmentFiles s : md.segments()) {
            if (s.log() == null) continue;
            SegmentScan scan = SegmentScanner.scan(s.log(), ctx.relative(s.log()), options);
            if (!scan.isClean()) break;
        }
    }

    private static List<Integer> quorumStateVoters(LogDirContext ctx, PartitionDir md) throws IOException {
        MetadataView.Qs read = ctx.get(MetadataLogPass.QUORUM_STATE);
        QuorumState q;
        if (read != null) {
            q = read.state();
        } else {
            Path p = md.path().resolve("quorum-state");
            if (!Files.isRegularFile(p)) return null;
            q = QuorumStateParser.parse("quorum-state", BoundedRead.read(p, QuorumStateParser.MAX_BYTES).bytes()).model();
        }
        return q == null || q.currentVoters() == null ? null : q.currentVoters().stream().sorted().toList();
    }

    private static List<Integer> bootstrapVoters(LogDirContext ctx) throws IOException {
        if (!ctx.layout().hasRootFile(LogDirLayout.BOOTSTRAP_CHECKPOINT)) return null;
        Parsed<MetadataSnapshot> b = ctx.get(RootFilesPass.BOOTSTRAP);
        if (b == null) b = MetadataSnapshotFile.read(LogDirLayout.BOOTSTRAP_CHECKPOINT, ctx.dir().resolve(LogDirLayout.BOOTSTRAP_CHECKPOINT));
        if (b.model() == null || b.model().voters().isEmpty()) return null;
        return b.model().voters().stream().map(v -> v.id()).sorted().toList();
    }

    /** Kafka's image as plain, compact data. */
    public static MetadataImageFacts compact(ClusterMetadata m) {
        Map<String, List<MetadataImageFacts.Partition>> byTopic = new LinkedHashMap<>();
        for (PartitionEntry p : m.partitions()) {
            byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(new MetadataImageFacts.Partition(p.partition(),
                    p.replicas(), p.isr(), p.leader(), p.leaderEpoch(), p.partitionEpoch(), p.directories()));
        }
        List<MetadataImageFacts.Topic> topics = m.topics().stream()
                .map(t -> new MetadataImageFacts.Topic(t.name(), t.id(), byTopic.getOrDefault(t.name(), List.of())))
                .toList();
        List<MetadataImageFacts.Broker> brokers = m.brokers().stream()
                .map(b -> new MetadataImageFacts.Broker(b.id(), b.epoch(), b.fenced(), b.logDirs())).toList();
        Map<String, Integer> features = new TreeMap<>();
        m.features().forEach((k, v) -> features.put(k, (int) v));
        return new MetadataImageFacts(
                m.provenance().snapshotId().map(SnapshotId::toString).orElse(""),
                m.provenance().endOffset(),
                m.provenance().lastEpoch(),
                m.metadataVersion().orElse(null),
                m.kraftVersion().isPresent() ? m.kraftVersion().getAsInt() : null,
                features, topics, brokers,
                m.controllers().stream().map(c -> c.id()).toList(),
                m.voters().stream().map(v -> new MetadataImageFacts.Voter(v.id(), v.directoryId())).toList());
    }
}
