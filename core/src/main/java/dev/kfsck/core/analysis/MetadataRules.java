package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.metadata.BrokerEntry;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.PartitionEntry;
import dev.kfsck.core.format.metadata.SnapshotId;
import dev.kfsck.core.format.quorum.QuorumState;
import org.apache.kafka.common.Uuid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules that relate the files of {@code __cluster_metadata-0} to each other and to meta.properties. */
final class MetadataRules {

    private static final int MAX_NAMED = 5;

    private MetadataRules() {
    }

    static List<Finding> check(MetadataView v) {
        List<Finding> out = new ArrayList<>();
        epochCheckpointVsBatches(v, out);
        epochsBackwards(v, out);
        snapshotsVsLog(v, out);
        quorumState(v, out);
        identity(v, out);
        return out;
    }

    // --- R2: leader-epoch-checkpoint against the batches -----------------------------------------------------------

    private static void epochCheckpointVsBatches(MetadataView v, List<Finding> out) {
        if (v.lec().model() == null) return;
        MetadataBatches b = v.scan().batches();
        long end = v.scan().logEnd();
        Set<Integer> batchEpochs = new HashSet<>();
        for (RaftEpochModel.Entry e : b.epochChanges()) batchEpochs.add(e.epoch());
        int maxBatchEpoch = b.maxEpoch();
        List<EpochEntry> entries = v.lec().model().entries();
        Set<Integer> cached = new HashSet<>();
        int latestCached = -1;
        List<EpochEntry> beyond = new ArrayList<>();
        for (EpochEntry e : entries) {
            cached.add(e.epoch());
            latestCached = Math.max(latestCached, e.epoch());
            Location where = entryLocation(v, e);
            if (e.startOffset() >= end) {
                beyond.add(e);
                continue;
            }
            if (!batchEpochs.contains(e.epoch())) {
                String jump = e.epoch() > maxBatchEpoch
                        ? "; it is above every batch epoch (" + maxBatchEpoch + "), so raft takes " + e.epoch()
                        + " as its last written epoch and elects at " + (e.epoch() + 1) + " or later"
                        : "";
                out.add(CrossFileCodes.MLOG_LEC_EPOCH_NOT_IN_LOG.at(where, "the checkpoint says epoch " + e.epoch()
                                + " starts at offset " + e.startOffset() + ", but no batch of the metadata log carries epoch "
                                + e.epoch() + jump,
                        Evidence.of(e.epoch() + " " + e.startOffset(), "an epoch of the batches: " + describeEpochs(b))));
                continue;
            }
            int first = b.firstWithEpoch(e.epoch());
            long expected = b.base(first);
            boolean startOfLog = first == 0 && e.startOffset() <= v.scan().logStart();
            if (e.startOffset() != expected && !startOfLog) {
                out.add(CrossFileCodes.MLOG_LEC_START_MISMATCH.at(where, "epoch " + e.epoch() + " starts at offset "
                                + expected + " in the log (" + b.file(first) + " at byte " + b.position(first)
                                + "), the checkpoint says " + e.startOffset(),
                        Evidence.of(e.epoch() + " " + e.startOffset(), e.epoch() + " " + expected)));
            }
        }
        if (!beyond.isEmpty()) {
            out.add(CrossFileCodes.MLOG_LEC_BEYOND_END.at(entryLocation(v, beyond.get(0)), beyond.size()
                            + " entr" + (beyond.size() == 1 ? "y starts" : "ies start") + " at or after the log end " + end
                            + "; Kafka drops them when it loads the log",
                    Evidence.of(beyond.get(0).epoch() + " " + beyond.get(0).startOffset(), "start offset < " + end)));
        }
        for (RaftEpochModel.Entry e : b.epochChanges()) {
            if (!cached.contains(e.epoch()) && e.epoch() < latestCached) {
                int i = b.firstWithEpoch(e.epoch());
                out.add(CrossFileCodes.MLOG_LEC_EPOCH_MISSING.at(Location.file(v.lec().file()), "batches from offset "
                                + e.startOffset() + " (" + b.file(i) + " at byte " + b.position(i) + ") carry epoch "
                                + e.epoch() + ", which the checkpoint lacks; recovery only adds epochs above "
                                + latestCached,
                        Evidence.of(entries, "an entry " + e.epoch() + " " + e.startOffset())));
            }
        }
    }

    private static Location entryLocation(MetadataView v, EpochEntry e) {
        byte[] bytes = v.lec().bytes();
        for (int n = 2; ; n++) {
            TextSpans.Span line = TextSpans.line(bytes, n);
            if (line == null) return Location.file(v.lec().file());
            String[] parts = new String(bytes, (int) line.offset(), (int) line.length(), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(Integer.toString(e.epoch())) && parts[1].equals(Long.toString(e.startOffset()))) {
                return Location.at(v.lec().file(), line.offset(), line.length());
            }
        }
    }

    private static String describeEpochs(MetadataBatches b) {
        List<String> s = new ArrayList<>();
        for (RaftEpochModel.Entry e : b.epochChanges()) s.add(e.epoch() + " from " + e.startOffset());
        return s.isEmpty() ? "none (no batches)" : String.join(", ", s);
    }

    // --- R3: epochs going down across segments ---------------------------------------------------------------------

    private static void epochsBackwards(MetadataView v, List<Finding> out) {
        MetadataBatches b = v.scan().batches();
        for (int i = 1; i < b.size(); i++) {
            // Within one segment the segment scanner reports it (SEG-EPOCH-BACKWARDS).
            if (b.epoch(i) < b.epoch(i - 1) && b.epoch(i) >= 0 && !b.file(i).equals(b.file(i - 1))) {
                out.add(CrossFileCodes.MLOG_EPOCH_BACKWARDS.at(Location.at(b.file(i), b.position(i), 61),
                        "the first batch of " + b.file(i) + " (offset " + b.base(i) + ") has epoch " + b.epoch(i)
                                + ", the last batch of " + b.file(i - 1) + " epoch " + b.epoch(i - 1),
                        Evidence.of(b.epoch(i), ">= " + b.epoch(i - 1))));
            }
        }
    }

    // --- R4, R5, R6: snapshots against the log ---------------------------------------------------------------------

    private static void snapshotsVsLog(MetadataView v, List<Finding> out) {
        MetadataLogScan scan = v.scan();
        MetadataBatches b = scan.batches();
        long start = scan.logStart();
        long end = scan.logEnd();
        for (Parsed<MetadataSnapshot> p : v.snapshots()) {
            MetadataSnapshot s = p.model();
            if (s == null || s.id().isEmpty()) continue;
            SnapshotId id = s.id().get();
            if (id.endOffset() <= start || id.endOffset() > end) continue;
            if (id.endOffset() != end && !b.startsAt(id.endOffset())) {
                int i = b.containing(id.endOffset());
                String inside = i < 0 ? "no batch starts there" : "it lies inside the batch " + b.base(i) + ".." + b.last(i)
                        + " (" + b.file(i) + " at byte " + b.position(i) + ")";
                out.add(CrossFileCodes.SNAP_NOT_BATCH_ALIGNED.at(Location.file(s.file()), "snapshot " + id
                                + " ends at offset " + id.endOffset() + ", but " + inside,
                        Evidence.of(id.endOffset(), "the base offset of a batch, or the log end " + end)));
            }
            int last = b.containing(id.endOffset() - 1);
            if (last >= 0 && b.epoch(last) != id.epoch()) {
                out.add(CrossFileCodes.SNAP_EPOCH_VS_LOG.at(Location.file(s.file()), "snapshot " + id + " has epoch "
                                + id.epoch() + ", but the batch holding its last offset " + (id.endOffset() - 1) + " ("
                                + b.file(last) + " at byte " + b.position(last) + ") has epoch " + b.epoch(last),
                        Evidence.of(id.epoch(), b.epoch(last))));
            }
        }
        boolean anyReachesStart = v.snapshots().stream().map(Parsed::model)
                .anyMatch(s -> s != null && s.id().isPresent() && s.id().get().endOffset() >= start);
        if (start > 0 && !anyReachesStart) {
            String first = scan.segmentFiles().isEmpty() ? v.dir() : scan.segmentFiles().get(0);
            out.add(CrossFileCodes.MLOG_START_WITHOUT_SNAPSHOT.at(Location.file(first), "the metadata log starts at offset "
                            + start + " and no snapshot ends at or after it; offsets 0.." + (start - 1) + " exist nowhere",
                    Evidence.of("log start " + start + ", snapshots " + snapshotIds(v), "a snapshot with end offset >= " + start)));
        }
        if (v.latest().isPresent()) {
            MetadataSnapshot latest = v.latest().get();
            SnapshotId id = latest.id().get();
            if (v.epochs().resetToSnapshot()) {
                long lost = Math.max(0, end - id.endOffset());
                int logEpoch = v.epochs().cache().isEmpty() ? id.epoch() : v.epochs().cache().get(v.epochs().cache().size() - 1).epoch();
                String why = scan.truncatedAt() != null
                        ? " after recovery truncates " + scan.truncatedAt() + " (log end " + end + ")" : "";
                out.add(CrossFileCodes.SNAP_AHEAD_OF_LOG.at(Location.file(latest.file()), "the latest snapshot " + id
                                + " is ahead of the metadata log" + why + " (last epoch " + logEpoch + ", end " + end
                                + "): Kafka discards the whole log (offsets " + start + ".." + (end - 1) + "), restarts it at "
                                + id.endOffset() + " and deletes the older snapshots"
                                + (lost > 0 ? "; " + lost + " log offsets after the snapshot are lost" : ""),
                        Evidence.of("snapshot " + id + ", log end " + end + " at epoch " + logEpoch,
                                "snapshot end <= log end, epoch <= log epoch")));
            }
            boolean fatal = !latest.intact() && v.snapshots().stream().filter(p -> p.model() == latest)
                    .flatMap(p -> p.findings().stream()).anyMatch(f -> f.reaction() == KafkaReaction.STARTUP_FATAL);
            if (fatal) {
                out.add(CrossFileCodes.SNAP_LATEST_DAMAGED.at(Location.file(latest.file()),
                        "Kafka loads snapshot " + id + " at startup and fails on its damage; " + deleteVerdict(v, latest),
                        Evidence.of("damaged (see the SNAP- findings of this file)", "an intact latest snapshot")));
            }
        }
    }

    /** Whether deleting the damaged latest snapshot leaves Kafka a complete history. */
    private static String deleteVerdict(MetadataView v, MetadataSnapshot latest) {
        long start = v.scan().logStart();
        long end = v.scan().logEnd();
        SnapshotId id = latest.id().get();
        if (id.endOffset() > end) {
            return "deleting it is not safe: the log ends at " + end + ", before the snapshot's end " + id.endOffset();
        }
        if (start == 0) return "deleting it is safe: the log still holds every offset from 0 to " + end;
        for (Parsed<MetadataSnapshot> p : v.snapshots()) {
            MetadataSnapshot s = p.model();
            if (s != null && s != latest && s.intact() && s.id().isPresent() && s.id().get().endOffset() >= start) {
                return "deleting it is safe: the intact snapshot " + s.id().get() + " plus the log from " + start
                        + " cover every offset to " + end;
            }
        }
        return "deleting it is not safe: the log starts at " + start + " and no older intact snapshot reaches it";
    }

    private static List<String> snapshotIds(MetadataView v) {
        return v.snapshots().stream().map(Parsed::model).filter(s -> s != null && s.id().isPresent())
                .map(s -> s.id().get().toString()).toList();
    }

    // --- R1, R7, R8, R17: quorum-state ------------------------------------------------------------------------------

    private static void quorumState(MetadataView v, List<Finding> out) {
        MetadataView.Qs qs = v.qs();
        int raftEpoch = v.epochs().lastEpoch();
        if (!qs.exists()) {
            out.add(CrossFileCodes.QS_MISSING.at(Location.file(qs.file()), "no quorum-state: Kafka starts unattached at "
                            + "epoch " + raftEpoch + " and writes the file anew" + hazard(v),
                    Evidence.of("missing", "quorum-state at epoch >= " + raftEpoch)));
            return;
        }
        QuorumState q = qs.state();
        if (q == null) return; // the parser's findings say why Kafka cannot read it
        Location epochAt = field(qs, "leaderEpoch");
        if (q.leaderEpoch() < raftEpoch) {
            out.add(CrossFileCodes.QS_EPOCH_BELOW_LOG.at(epochAt, "quorum-state's epoch " + q.leaderEpoch()
                            + " is below the raft epoch " + raftEpoch + " of the metadata log (" + epochSource(v)
                            + "): Kafka starts unattached at " + raftEpoch + " and forgets the stored leader "
                            + q.leaderId() + " and vote " + q.votedId() + hazard(v),
                    Evidence.of(q.leaderEpoch(), ">= " + raftEpoch)));
        } else if ((long) q.leaderEpoch() - raftEpoch > CrossFileCodes.FAR_AHEAD_EPOCHS) {
            out.add(CrossFileCodes.QS_EPOCH_FAR_AHEAD.at(epochAt, "quorum-state's epoch " + q.leaderEpoch() + " is "
                            + ((long) q.leaderEpoch() - raftEpoch) + " above the raft epoch " + raftEpoch
                            + " of the metadata log (" + epochSource(v) + "); Kafka accepts it and the quorum continues "
                            + "from epoch " + ((long) q.leaderEpoch() + 1),
                    Evidence.of(q.leaderEpoch(), raftEpoch + ".." + (raftEpoch + CrossFileCodes.FAR_AHEAD_EPOCHS))));
        }
        boolean voteKept = q.leaderEpoch() >= raftEpoch;
        MetadataView.Voters voters = v.voters();
        Integer self = v.nodeId();
        if (voters.known()) {
            if (q.hasLeader() && !voters.ids().contains(q.leaderId())) {
                out.add(CrossFileCodes.QS_LEADER_NOT_VOTER.at(field(qs, "leaderId"), "leader " + q.leaderId()
                                + " is not among the voters " + voters.ids() + " (" + voters.source() + ")",
                        Evidence.of(q.leaderId(), "one of " + voters.ids() + " or -1")));
            }
            if (q.hasVoted() && !voters.ids().contains(q.votedId())) {
                boolean candidate = voteKept && !q.hasLeader() && self != null && q.votedId() == self
                        && (q.votedDirectoryId() == null || q.votedDirectoryId().equals(QuorumState.NO_DIRECTORY_ID)
                        || q.votedDirectoryId().equals(v.identity().directoryId()));
                var code = candidate ? CrossFileCodes.QS_VOTED_SELF_NOT_VOTER : CrossFileCodes.QS_VOTED_NOT_VOTER;
                out.add(code.at(field(qs, "votedId"), "vote for " + q.votedId() + ", which is not among the voters "
                                + voters.ids() + " (" + voters.source() + ")"
                                + (candidate ? "; this node would resume as candidate and fail" : ""),
                        Evidence.of(q.votedId(), "one of " + voters.ids() + " or -1")));
            }
        }
        int kraftVersion = v.kraftVersion();
        if (q.dataVersion() != kraftVersion) {
            out.add(CrossFileCodes.QS_DATA_VERSION_VS_KRAFT_VERSION.at(field(qs, "data_version"), "data_version "
                            + q.dataVersion() + " while kraft.version is " + kraftVersion
                            + "; Kafka rewrites quorum-state as data_version " + kraftVersion + " at startup",
                    Evidence.of(q.dataVersion(), kraftVersion)));
        }
        String clusterId = v.identity() == null ? null : v.identity().clusterId();
        if (q.clusterId() != null && !q.clusterId().isEmpty() && clusterId != null && !q.clusterId().equals(clusterId)) {
            out.add(CrossFileCodes.QS_CLUSTER_ID_DIFFERS.at(field(qs, "clusterId"), "quorum-state names cluster "
                            + q.clusterId() + ", meta.properties " + clusterId,
                    Evidence.of(q.clusterId(), "\"\" or " + clusterId)));
        }
    }

    private static String hazard(MetadataView v) {
        MetadataView.Voters voters = v.voters();
        return voters.ids().size() > 1
                ? "; with " + voters.ids().size() + " voters a forgotten vote lets this node vote again in an epoch it "
                + "already voted in (raft safety hazard)" : "";
    }

    private static String epochSource(MetadataView v) {
        if (v.epochs().resetToSnapshot()) return "the latest snapshot, which replaces the log";
        if (!v.epochs().cache().isEmpty()) return "the leader-epoch cache after recovery";
        return v.latest().isPresent() ? "the latest snapshot" : "no epoch anywhere";
    }

    private static Location field(MetadataView.Qs qs, String name) {
        TextSpans.Span s = TextSpans.jsonValue(qs.bytes(), name);
        return s == null ? Location.file(qs.file()) : Location.at(qs.file(), s.offset(), s.length());
    }

    // --- R15, R16: meta.properties against the metadata -------------------------------------------------------------

    private static void identity(MetadataView v, List<Finding> out) {
        ClusterMetadata image = v.image();
        Facts.Identity id = v.identity();
        if (image == null || id == null || id.nodeId() == null) return;
        int self = id.nodeId();
        String dirId = id.directoryId();
        MetadataView.Voters voters = v.voters();
        boolean anyRegistration = !image.brokers().isEmpty() || !image.controllers().isEmpty();
        boolean known = image.broker(self).isPresent() || image.controllers().stream().anyMatch(c -> c.id() == self)
                || voters.ids().contains(self);
        if (anyRegistration && !known) {
            out.add(CrossFileCodes.NODE_NOT_IN_METADATA.at(Location.file(LogDirLayout.META_PROPERTIES), "node.id " + self
                            + " is not a registered broker " + image.brokers().stream().map(BrokerEntry::id).toList()
                            + ", controller " + image.controllers().stream().map(c -> c.id()).toList() + " or voter "
                            + voters.ids(),
                    Evidence.of(self, "a node id the metadata knows")));
        }
        if (dirId != null) {
            for (BrokerEntry b : image.brokers()) {
                if (b.id() != self && b.logDirs().contains(dirId)) {
                    out.add(CrossFileCodes.DIR_REGISTERED_TO_OTHER_NODE.at(Location.file(LogDirLayout.META_PROPERTIES),
                            "directory.id " + dirId + " is registered by broker " + b.id() + ", but meta.properties says node.id "
                                    + self, Evidence.of(self, b.id())));
                }
            }
            image.broker(self).ifPresent(b -> {
                if (!b.logDirs().isEmpty() && !b.logDirs().contains(dirId)) {
                    out.add(CrossFileCodes.DIRECTORY_NOT_REGISTERED.at(Location.file(LogDirLayout.META_PROPERTIES),
                            "broker " + self + " registered the log dirs " + b.logDirs() + ", not this dir's " + dirId,
                            Evidence.of(dirId, "one of " + b.logDirs())));
                }
            });
            String voterDir = voters.directoryIds().get(self);
            if (voterDir != null && !voterDir.equals(dirId) && !voterDir.equals(QuorumState.NO_DIRECTORY_ID)) {
                out.add(CrossFileCodes.VOTER_DIRECTORY_MISMATCH.at(Location.file(LogDirLayout.META_PROPERTIES), "voter "
                                + self + " has directory id " + voterDir + " in " + voters.source() + ", this metadata dir has "
                                + dirId, Evidence.of(dirId, voterDir)));
            }
            partitionDirectories(v, self, dirId, out);
        }
    }

    private static void partitionDirectories(MetadataView v, int self, String dirId, List<Finding> out) {
        List<String> mismatched = new ArrayList<>();
        String firstSeen = null;
        for (PartitionDir p : v.layout().dataPartitions()) {
            PartitionEntry e = v.image().partition(p.name().topic(), p.name().partition()).orElse(null);
            if (e == null) continue;
            String assigned = e.directoryOf(self);
            if (assigned == null || isReserved(assigned) || assigned.equals(dirId)) continue;
            if (firstSeen == null) firstSeen = assigned;
            mismatched.add(p.name().topicPartition());
        }
        if (mismatched.isEmpty()) return;
        String names = String.join(", ", mismatched.subList(0, Math.min(MAX_NAMED, mismatched.size())))
                + (mismatched.size() > MAX_NAMED ? " and " + (mismatched.size() - MAX_NAMED) + " more" : "");
        out.add(CrossFileCodes.PARTITION_DIRECTORY_MISMATCH.at(Location.file(mismatched.get(0)), mismatched.size()
                        + " partition(s) held here are assigned to directory " + firstSeen + " in the metadata: " + names,
                Evidence.of(firstSeen, dirId)));
    }

    /** UNASSIGNED, LOST, MIGRATING and the other reserved ids (most significant bits 0, least below 100). */
    private static boolean isReserved(String uuid) {
        try {
            Uuid u = Uuid.fromString(uuid);
            return u.getMostSignificantBits() == 0 && u.getLeastSignificantBits() < 100;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
