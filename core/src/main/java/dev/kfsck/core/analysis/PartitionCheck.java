package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.checkpoint.KafkaReadOutcome;
import dev.kfsck.core.format.checkpoint.LeaderEpochCheckpoint;
import dev.kfsck.core.format.properties.PartitionMetadata;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.format.segment.BatchListener;
import dev.kfsck.core.format.segment.IndexCodes;
import dev.kfsck.core.format.segment.ProducerSnapshot;
import dev.kfsck.core.format.segment.SegmentCodes;
import dev.kfsck.core.format.segment.SegmentIssue;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one live data partition folder: every segment, index, transaction index and producer snapshot, the
 * leader-epoch-checkpoint against the batches, partition.metadata against the metadata image, and the partition's
 * root checkpoint entries against the log Kafka would load. Works on immutable inputs only, so partitions can be
 * checked in parallel.
 */
final class PartitionCheck {

    /** leader-epoch-checkpoint and producer snapshots are read whole up to this size. */
    private static final int SMALL_FILE_LIMIT = 16 << 20;

    /**
     * What one partition's check found.
     *
     * @param topicPartition    {@code topic-partition}
     * @param findings          its findings
     * @param facts             its facts
     * @param unrecoveredDamage files with damage that only recovery would handle, left as is by a clean shutdown
     * @param fatalWithoutRecovery a zero tail that makes Kafka fail when it computes the log end without recovery
     */
    record Result(String topicPartition, List<Finding> findings, LogDirFacts.Partition facts,
                  List<String> unrecoveredDamage, boolean fatalWithoutRecovery) {
    }

    /** Kafka's view of the root checkpoints and the metadata, shared by every partition of a dir. */
    record Shared(Map<String, Long> recoveryPoints, Map<String, Long> logStarts, Map<String, Long> highWatermarks,
                  RootOffsets root, dev.kfsck.core.format.metadata.ClusterMetadata image, java.util.OptionalInt nodeId,
                  boolean cleanShutdown) {
    }

    private final PartitionDir partition;
    private final Shared shared;
    private final String folder;
    private final String tp;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> unrecovered = new ArrayList<>();
    private boolean fatal;

    private PartitionCheck(PartitionDir partition, Shared shared) {
        this.partition = partition;
        this.shared = shared;
        this.folder = partition.path().getFileName().toString();
        this.tp = partition.name().topicPartition();
    }

    static Result run(PartitionDir partition, Shared shared) {
        return new PartitionCheck(partition, shared).run();
    }

    private Result run() {
        Long rp = shared.recoveryPoints().get(tp);
        List<SegmentFiles> withLog = partition.segments().stream().filter(s -> s.log() != null).toList();
        RecoveryModel model = new RecoveryModel(false, shared.cleanShutdown(), rp == null ? 0 : rp,
                withLog.stream().map(SegmentFiles::baseOffset).toList());

        Epochs epochs = readEpochs();
        long[] starts = epochs.cache.stream().mapToLong(k -> k.entry().startOffset()).toArray();
        EpochProbe probe = new EpochProbe(starts);
        List<SegmentExam> exams = scanSegments(withLog, model, probe);

        LogEndModel.Outcome outcome = LogEndModel.predict(exams, model, shared.logStarts().get(tp));
        segmentFindings(exams, model, outcome);
        overlaps(exams);
        producerSnapshots(exams, outcome);
        epochFindings(epochs, probe, exams, outcome, model);
        String topicId = topicId(outcome);
        checkpointRelations(outcome, rp);

        Long hw = shared.highWatermarks().get(tp);
        LogDirFacts.Partition facts = new LogDirFacts.Partition(topicId, outcome.logStart(), outcome.logEnd(), hw, rp,
                epochs.fileEntries.stream().map(e -> new LogDirFacts.EpochStart(e.epoch(), e.startOffset())).toList());
        return new Result(tp, List.copyOf(findings), facts, List.copyOf(unrecovered), fatal);
    }

    // ---- segments

    private List<SegmentExam> scanSegments(List<SegmentFiles> withLog, RecoveryModel model, BatchListener probe) {
        List<SegmentExam> exams = new ArrayList<>();
        for (SegmentFiles s : withLog) {
            boolean slackIsNormal = !shared.cleanShutdown() && model.isActive(s.baseOffset());
            try {
                exams.add(SegmentExam.of(folder, s, slackIsNormal, probe));
            } catch (IOException | RuntimeException e) {
                findings.add(LayoutCodes.UNREADABLE.at(Location.file(SegmentExam.rel(folder, s.log())),
                        "cannot read the segment or its indexes: " + e.getMessage(), Evidence.NONE));
            }
        }
        return exams;
    }

    private void segmentFindings(List<SegmentExam> exams, RecoveryModel model, LogEndModel.Outcome outcome) {
        for (SegmentExam s : exams) {
            boolean cutHere = s.base() == outcome.cutSegment();
            long cutAt = cutHere ? firstDamage(s) : -1;
            for (SegmentIssue issue : s.scan().issues()) {
                Finding f = LogEndModel.react(issue.finding(), s.base(), model);
                if (cutHere && issue.bytePosition() == cutAt && f.reaction() == KafkaReaction.TRUNCATES_ON_RECOVERY) {
                    f = withMessage(f, f.message() + "; " + lossWords(outcome, f.code() == SegmentCodes.TORN_TAIL));
                } else if (f.reaction() == KafkaReaction.TRUNCATES_ON_RECOVERY && outcome.deletedAfter().contains(s.base())) {
                    f = withMessage(f, f.message() + "; recovery deletes this whole segment after cutting segment "
                            + outcome.cutSegment());
                }
                note(f);
                findings.add(f);
            }
            for (Finding i : s.indexFindings()) {
                Finding f = LogEndModel.react(i, s.base(), model);
                if (outcome.misreadEnd() >= 0 && model.isActive(s.base()) && s.files().index() != null
                        && f.location().file().equals(SegmentExam.rel(folder, s.files().index()))) {
                    f = withMessage(f, f.message() + "; Kafka does not rebuild this index after the clean shutdown and"
                            + " reads the log end through it as " + outcome.misreadEnd() + " instead of " + outcome.filesEnd());
                }
                note(f);
                findings.add(f);
            }
            for (Finding t : s.txnFindings()) {
                Finding f = LogEndModel.react(t, s.base(), model);
                note(f);
                findings.add(f);
            }
        }
    }

    /** Byte position where recovery cuts a segment: the first hole, or 0 when backwards offsets empty it. */
    private static long firstDamage(SegmentExam s) {
        long backwards = LogEndModel.firstBackwardOffsets(s.scan());
        long hole = s.scan().holes().isEmpty() ? Long.MAX_VALUE : s.scan().holes().get(0).start();
        return Math.min(backwards, hole);
    }

    private static String lossWords(LogEndModel.Outcome o, boolean tornTail) {
        long lost = o.offsetsLost();
        String deleted = o.deletedAfter().isEmpty() ? "" : " (with " + o.deletedAfter().size() + " later segment"
                + (o.deletedAfter().size() == 1 ? "" : "s") + " that recovery deletes: " + o.deletedAfter() + ")";
        if (lost == 0 && tornTail) {
            return "recovery truncates to offset " + o.cutTo() + ": the records of the partial last batch, from offset "
                    + o.cutTo() + " on, are lost (its last offset is in the missing bytes)";
        }
        if (lost == 0) return "recovery truncates to offset " + o.cutTo() + "; no records are lost";
        return "recovery truncates to offset " + o.cutTo() + ": offsets " + o.cutTo() + ".." + (o.filesEnd() - 1)
                + " (" + lost + " offsets) are lost" + deleted;
    }

    /** Records damage that Kafka leaves unrecovered after a clean shutdown. */
    private void note(Finding f) {
        if (!shared.cleanShutdown() || LogEndModel.damageOf(f.code()) == null) return;
        if (f.code() == IndexCodes.OFFSET_INDEX_ZERO_SLACK || f.code() == IndexCodes.TIME_INDEX_ZERO_SLACK) return;
        if (f.reaction() == KafkaReaction.STARTUP_FATAL) fatal = true;
        if (!unrecovered.contains(f.location().file())) unrecovered.add(f.location().file());
    }

    private void overlaps(List<SegmentExam> exams) {
        for (int i = 1; i < exams.size(); i++) {
            SegmentExam a = exams.get(i - 1);
            SegmentExam b = exams.get(i);
            long end = LogEndModel.filesEnd(a);
            if (end > b.base()) {
                findings.add(PartitionCodes.SEGMENT_OVERLAP.at(Location.file(a.logFile()), "segment " + a.base()
                        + " holds offsets up to " + (end - 1) + ", past the next segment's base offset " + b.base(),
                        Evidence.of(end - 1, "< " + b.base())));
            }
        }
    }

    private void producerSnapshots(List<SegmentExam> exams, LogEndModel.Outcome outcome) {
        List<Long> bases = exams.stream().map(SegmentExam::base).toList();
        long lastBase = bases.isEmpty() ? -1 : bases.get(bases.size() - 1);
        long newest = partition.producerSnapshots().isEmpty() ? -1 : partition.producerSnapshots().lastKey();
        partition.producerSnapshots().forEach((offset, path) -> {
            String rel = SegmentExam.rel(folder, path);
            try {
                BoundedRead.Result r = BoundedRead.read(path, SMALL_FILE_LIMIT);
                if (r.truncated()) {
                    findings.add(PartitionCodes.PSNAP_NOT_CHECKED.at(Location.file(rel), "snapshot of " + r.size()
                            + " bytes is larger than " + SMALL_FILE_LIMIT + " bytes; not checked", Evidence.seen(r.size())));
                } else {
                    findings.addAll(ProducerSnapshot.parse(rel, r.bytes()).findings());
                }
            } catch (IOException e) {
                findings.add(LayoutCodes.UNREADABLE.at(Location.file(rel), "cannot read: " + e.getMessage(), Evidence.NONE));
            }
            if (offset > outcome.logEnd()) {
                findings.add(PartitionCodes.PSNAP_BEYOND_LOG_END.at(Location.file(rel), "snapshot at offset " + offset
                        + " is past the log end " + outcome.logEnd(), Evidence.of(offset, "<= " + outcome.logEnd())));
            } else if (!bases.contains(offset) && !(offset == newest && offset > lastBase)) {
                findings.add(PartitionCodes.PSNAP_STRAY.at(Location.file(rel), "snapshot at offset " + offset
                        + " is at no segment base " + bases + " and is not the newest above the last one",
                        Evidence.of(offset, "a segment base offset")));
            }
        });
    }

    // ---- leader-epoch-checkpoint

    /** The file's entries as read, and Kafka's cache of them (empty when Kafka cannot load the file). */
    private record Epochs(boolean present, String file, byte[] bytes, List<EpochEntry> fileEntries,
                          List<EpochCache.Kept> cache, boolean comparable) {
    }

    private Epochs readEpochs() {
        Path p = partition.leaderEpochCheckpoint();
        String rel = SegmentExam.rel(folder, p);
        if (!Files.exists(p)) return new Epochs(false, rel, new byte[0], List.of(), List.of(), false);
        try {
            BoundedRead.Result r = BoundedRead.read(p, SMALL_FILE_LIMIT);
            Parsed<LeaderEpochCheckpoint> parsed = CheckpointParser.parseLeaderEpochs(rel, r.bytes(), CheckpointKind.LEADER_EPOCH);
            findings.addAll(parsed.findings());
            LeaderEpochCheckpoint lec = parsed.model();
            boolean negative = lec.entries().stream().anyMatch(e -> e.epoch() < 0 || e.startOffset() < 0);
            boolean comparable = !r.truncated() && lec.kafkaRead() == KafkaReadOutcome.READS && !negative;
            return new Epochs(true, rel, r.bytes(), lec.entries(), comparable ? EpochCache.load(lec.entries()) : List.of(), comparable);
        } catch (IOException e) {
            findings.add(LayoutCodes.UNREADABLE.at(Location.file(rel), "cannot read: " + e.getMessage(), Evidence.NONE));
            return new Epochs(true, rel, new byte[0], List.of(), List.of(), false);
        }
    }

    private void epochFindings(Epochs epochs, EpochProbe probe, List<SegmentExam> exams, LogEndModel.Outcome outcome,
                               RecoveryModel model) {
        List<EpochEntry> rises = EpochCheck.transitions(exams, outcome.logEnd());
        if (!epochs.present()) {
            String fate = rises.isEmpty() ? "no batch carries a leader epoch, so nothing is lost"
                    : shared.cleanShutdown() ? "after this clean shutdown Kafka does not rebuild it: the epochs of the "
                    + rises.size() + " epoch start(s) in the batches stay unknown"
                    : "Kafka rebuilds it only from the segments it recovers";
            findings.add(PartitionCodes.LEC_MISSING.at(Location.file(epochs.file()), "no leader-epoch-checkpoint; " + fate,
                    Evidence.of("missing", rises.isEmpty() ? "leader-epoch-checkpoint" : rises.toString())));
            return;
        }
        if (!epochs.comparable()) return;
        findings.addAll(EpochCheck.check(epochs.file(), epochs.bytes(), epochs.cache(), probe, rises, outcome.logStart(),
                outcome.logEnd(), exams, model));
    }

    // ---- partition.metadata

    private String topicId(LogEndModel.Outcome outcome) {
        Path p = partition.partitionMetadata();
        String rel = SegmentExam.rel(folder, p);
        if (!Files.exists(p)) {
            long records = outcome.logEnd() - outcome.logStart();
            findings.add(PartitionCodes.PM_MISSING.at(Location.file(rel), "no partition.metadata: Kafka treats "
                    + tp + " as stray; a new empty replica may replace it: records hidden"
                    + (records > 0 ? " (offsets " + outcome.logStart() + ".." + (outcome.logEnd() - 1) + ")" : ""),
                    Evidence.of("missing", expectedTopicId())));
            return null;
        }
        PartitionMetadata pm;
        try {
            Parsed<PartitionMetadata> parsed = PartitionMetadataParser.parse(rel, BoundedRead.read(p, PartitionMetadataParser.MAX_BYTES).bytes());
            findings.addAll(parsed.findings());
            pm = parsed.model();
        } catch (IOException e) {
            findings.add(LayoutCodes.UNREADABLE.at(Location.file(rel), "cannot read: " + e.getMessage(), Evidence.NONE));
            return null;
        }
        if (pm == null) return null;
        String id = pm.topicId().toString();
        checkAgainstImage(rel, id);
        return id;
    }

    private String expectedTopicId() {
        var image = usableImage();
        if (image == null) return "topic_id: <the topic's id>";
        return image.topic(partition.name().topic()).map(t -> "topic_id: " + t.id()).orElse("topic_id: <unknown to the metadata>");
    }

    private void checkAgainstImage(String rel, String id) {
        var image = usableImage();
        if (image == null) return;
        var byId = image.topicById(id);
        if (byId.isEmpty() || !byId.get().name().equals(partition.name().topic())) {
            String imageId = image.topic(partition.name().topic()).map(t -> t.id()).orElse(null);
            findings.add(PartitionCodes.PM_TOPIC_ID_MISMATCH.at(Location.file(rel), "partition.metadata says topic id "
                    + id + ", but the metadata image " + (imageId == null ? "has no topic " + partition.name().topic()
                    + (byId.isPresent() ? " (that id is topic " + byId.get().name() + ")" : "")
                    : "gives " + partition.name().topic() + " the id " + imageId) + ": Kafka renames the partition -stray",
                    Evidence.of(id, imageId == null ? "a topic id of the metadata" : imageId)));
            return;
        }
        if (shared.nodeId().isEmpty()) return;
        int node = shared.nodeId().getAsInt();
        var entry = image.partition(partition.name().topic(), partition.name().partition());
        if (entry.isEmpty() || !entry.get().replicas().contains(node)) {
            findings.add(PartitionCodes.NOT_A_REPLICA.at(Location.file(folder), "the metadata image "
                    + (entry.isEmpty() ? "has no partition " + tp : "lists replicas " + entry.get().replicas() + " for " + tp)
                    + ", not node " + node + ": Kafka renames the folder -stray",
                    Evidence.of(node, entry.map(e -> e.replicas().toString()).orElse("no such partition"))));
        }
    }

    /** The image when it holds something to compare with (an empty one says nothing about topics). */
    private dev.kfsck.core.format.metadata.ClusterMetadata usableImage() {
        var image = shared.image();
        if (image == null || (image.topics().isEmpty() && image.brokers().isEmpty())) return null;
        return image;
    }

    // ---- root checkpoints

    private void checkpointRelations(LogEndModel.Outcome o, Long rp) {
        Long hw = shared.highWatermarks().get(tp);
        RootOffsets root = shared.root();
        if (hw != null && !o.endUnknown() && hw > o.logEnd()) {
            findings.add(PartitionCodes.HW_BEYOND_LOG_END.at(root.entryLine(CheckpointKind.REPLICATION_OFFSET, tp),
                    tp + " high watermark " + hw + " is past the log end " + o.logEnd() + ": " + (hw - o.logEnd())
                            + " acknowledged offsets may have been lost; Kafka clamps the high watermark to " + o.logEnd(),
                    Evidence.of(hw, "<= " + o.logEnd())));
        } else if (hw != null && hw < o.logStart()) {
            findings.add(PartitionCodes.HW_BELOW_LOG_START.at(root.entryLine(CheckpointKind.REPLICATION_OFFSET, tp),
                    tp + " high watermark " + hw + " is below the log start " + o.logStart() + "; Kafka raises it",
                    Evidence.of(hw, ">= " + o.logStart())));
        }
        if (rp != null && !o.endUnknown() && rp > o.logEnd()) {
            findings.add(PartitionCodes.RECOVERY_POINT_BEYOND_LOG_END.at(root.entryLine(CheckpointKind.RECOVERY_POINT, tp),
                    tp + " recovery point " + rp + " is past the log end " + o.logEnd() + "; Kafka lowers it",
                    Evidence.of(rp, "<= " + o.logEnd())));
        }
        if (o.allDeleted()) {
            long lso = o.logStart();
            long kept = o.cutTo() >= 0 ? o.cutTo() : o.filesEnd();
            findings.add(PartitionCodes.LOG_START_BEYOND_LOG_END.at(root.entryLine(CheckpointKind.LOG_START_OFFSET, tp),
                    tp + " log start offset " + lso + " is past the log end " + kept + ": Kafka deletes every segment and "
                            + "restarts the log empty at " + lso + (o.offsetsLost() > 0 ? "; offsets " + o.filesStart()
                            + ".." + (o.filesEnd() - 1) + " (" + o.offsetsLost() + " offsets) are lost" : ""),
                    Evidence.of(lso, "<= " + kept)));
        }
    }

    private static Finding withMessage(Finding f, String message) {
        return new Finding(f.code(), f.severity(), f.reaction(), f.location(), message, f.evidence());
    }
}
