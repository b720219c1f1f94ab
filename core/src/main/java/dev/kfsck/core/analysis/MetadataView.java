package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.LeaderEpochCheckpoint;
import dev.kfsck.core.format.metadata.ClusterMetadata;
import dev.kfsck.core.format.metadata.MetadataLog;
import dev.kfsck.core.format.metadata.MetadataSnapshot;
import dev.kfsck.core.format.metadata.Voter;
import dev.kfsck.core.format.quorum.QuorumState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link MetadataLogPass} read from {@code __cluster_metadata-0}, for the rules that relate the files.
 *
 * @param dir       the metadata partition folder, relative to the log dir
 * @param scan      the segments as recovery leaves them
 * @param lec       leader-epoch-checkpoint
 * @param qs        quorum-state
 * @param snapshots every snapshot file, parsed
 * @param latest    the snapshot Kafka loads at startup
 * @param content   the decoded metadata log (null when it could not be read)
 * @param image     the cluster metadata built from the latest intact snapshot and the log
 * @param epochs    Kafka's epoch view after startup
 * @param identity  meta.properties of this dir, when Kafka can read it
 * @param layout    the dir's layout
 */
record MetadataView(String dir, MetadataLogScan scan, Lec lec, Qs qs, List<Parsed<MetadataSnapshot>> snapshots,
                    Optional<MetadataSnapshot> latest, MetadataLog content, ClusterMetadata image,
                    RaftEpochModel.Result epochs, Facts.Identity identity, LogDirLayout layout) {

    /** leader-epoch-checkpoint: its path, the parse when Kafka reads the file (else null), its bytes. */
    record Lec(String file, LeaderEpochCheckpoint model, byte[] bytes) {
    }

    /** quorum-state: its path, whether it exists, the state when Kafka can read it (else null), its bytes. */
    record Qs(String file, boolean exists, QuorumState state, byte[] bytes) {
    }

    /**
     * The voter set and where it came from.
     *
     * @param directoryIds voter id → directory id (kraft.version 1 only; empty for static quorums)
     * @param source       in words, for messages
     */
    record Voters(List<Integer> ids, Map<Integer, String> directoryIds, String source) {
        boolean known() {
            return !ids.isEmpty();
        }
    }

    /** kraft.version in force: the last KRaftVersionRecord of the latest snapshot and the log, else 0. */
    int kraftVersion() {
        return image != null && image.kraftVersion().isPresent() ? image.kraftVersion().getAsInt() : 0;
    }

    /**
     * The voter set: under kraft.version 1 the last VotersRecord; for a static quorum (not stored on disk as such)
     * the voters of the last LeaderChange record, else quorum-state's currentVoters.
     */
    Voters voters() {
        if (kraftVersion() >= 1 && image != null && !image.voters().isEmpty()) {
            Map<Integer, String> dirs = new LinkedHashMap<>();
            for (Voter v : image.voters()) dirs.put(v.id(), v.directoryId());
            return new Voters(List.copyOf(dirs.keySet()), dirs, "the last VotersRecord");
        }
        if (content != null && !content.leaderChanges().isEmpty()) {
            MetadataLog.LeaderChange lc = content.leaderChanges().get(content.leaderChanges().size() - 1);
            if (!lc.voters().isEmpty()) {
                return new Voters(lc.voters(), Map.of(), "the LeaderChange record at offset " + lc.offset());
            }
        }
        if (qs.state() != null && qs.state().currentVoters() != null && !qs.state().currentVoters().isEmpty()) {
            return new Voters(qs.state().currentVoters(), Map.of(), "quorum-state's currentVoters");
        }
        return new Voters(List.of(), Map.of(), "unknown");
    }

    Integer nodeId() {
        return identity == null ? null : identity.nodeId();
    }
}
