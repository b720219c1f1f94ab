package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.CrossFileCodes;
import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.quorum.QuorumCodes;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.quorum.QuorumStateWriter;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites a damaged, missing or stale {@code quorum-state}: the data_version that kraft.version dictates, the
 * highest raft epoch on disk (across every checked node; one above it when this node's own state is lost), no leader
 * and no vote so that a fresh election runs. A readable file whose only fault is a data_version that is not a plain
 * integer is rewritten with the state Kafka reads from it. It never forges a vote and never lowers a persisted epoch.
 */
final class QuorumStatePlanner implements Planner {

    static final String FILE = "__cluster_metadata-0/quorum-state";
    private static final String BOOTSTRAP_SNAPSHOT = "00000000000000000000-0000000000";

    @Override
    public void plan(PlanContext ctx) throws IOException {
        EpochEvidence cluster = EpochEvidence.across(ctx.report());
        for (LogDirReport dir : ctx.report().logDirs()) {
            Path file = dir.dir().resolve(FILE);
            boolean missing = !Files.exists(file);
            if (!missing && !Files.isRegularFile(file)) continue;
            List<Finding> problems = ctx.problemsOn(dir, FILE);
            if (problems.isEmpty()) continue;
            if (missing && !Files.isDirectory(file.getParent())) continue;

            QuorumState old = missing ? null : readable(file);
            boolean broken = old == null || ctx.hasError(problems);
            boolean stale = old != null && old.leaderEpoch() < cluster.max();
            if (!broken && !stale && old != null && problems.stream().anyMatch(f -> f.code() == QuorumCodes.ODD_DATA_VERSION)) {
                ctx.add(PlanContext.step(new RepairAction.WriteFile(file, QuorumStateWriter.write(old), Provenance.of(
                                "data_version is not a plain integer; rewrite the state Kafka reads from it unchanged")
                                .with("data_version=" + old.dataVersion(), "the value Kafka truncates the old one to")
                                .with("leaderEpoch=" + old.leaderEpoch() + ", leaderId=" + old.leaderId() + ", votedId=" + old.votedId(),
                                        "kept: the epoch is current and the stored vote must not be forgotten")),
                        "rewrite " + FILE + " with a plain data_version " + old.dataVersion(), problems));
                continue;
            }
            if (!broken && !stale) {
                for (Finding f : problems) {
                    ctx.cannot(f, f.code() == CrossFileCodes.QS_EPOCH_FAR_AHEAD
                            ? "left as it is: Kafka accepts a quorum-state epoch above the log's, and lowering a persisted epoch could let this node vote twice in one epoch"
                            : "left as it is: Kafka reads this quorum-state and corrects it at startup");
                }
                continue;
            }

            LogDirFacts facts = dir.facts();
            Provenance why = Provenance.of(missing
                    ? "quorum-state is missing, so this node's vote is forgotten; write it from the epochs on disk"
                    : old == null
                    ? "quorum-state cannot be read, so the broker exits at startup; rewrite it from the epochs on disk"
                    : "quorum-state is behind the raft epochs on disk; rewrite it at the highest one, without leader or vote");
            int epoch;
            if (old == null) {
                epoch = cluster.max() + 1;
                why = why.with("leaderEpoch=" + epoch, "one above the highest epoch on disk (" + cluster.describe()
                        + "): this node's own vote record is lost, so it must not be able to vote again in an epoch it may already have voted in");
            } else {
                epoch = Math.max(old.leaderEpoch(), cluster.max());
                why = why.with("leaderEpoch=" + epoch, "highest epoch on disk: " + cluster.describe() + "; old file " + old.leaderEpoch());
            }
            why = why.with("leaderId=-1", "no leader known: a fresh election runs")
                    .with("votedId=-1", "no vote is ever forged");

            int dataVersion;
            String dvSource;
            if (facts.kraftVersion() != null) {
                dataVersion = facts.kraftVersion() >= 1 ? 1 : 0;
                dvSource = "kraft.version " + facts.kraftVersion() + " read from the metadata";
            } else if (old != null) {
                dataVersion = old.dataVersion();
                dvSource = "the old file's data_version";
            } else if (facts.metadataLog() != null && facts.metadataLog().snapshotIds().contains(BOOTSTRAP_SNAPSHOT)) {
                dataVersion = 1;
                dvSource = "bootstrap snapshot " + BOOTSTRAP_SNAPSHOT + " exists: a dynamic quorum (kraft.version 1)";
            } else {
                dataVersion = 0;
                dvSource = "no KRaftVersion record and no bootstrap snapshot: a static quorum (kraft.version 0)";
            }
            why = why.with("data_version=" + dataVersion, dvSource);

            QuorumState state;
            if (dataVersion == 1) {
                state = QuorumState.v1(-1, epoch, -1, QuorumState.NO_DIRECTORY_ID);
            } else {
                VoterChoice voters = VoterChoice.choose(ctx, old, facts);
                if (voters == null) {
                    for (Finding f : problems) {
                        ctx.cannot(f, "no voter set on disk (no readable quorum-state, no VotersRecord or LeaderChange voters) and none given: pass --voters");
                    }
                    continue;
                }
                state = QuorumState.v0(-1, epoch, -1, voters.ids());
                why = why.with("currentVoters=" + voters.ids(), voters.source());
            }
            ctx.add(PlanContext.step(new RepairAction.WriteFile(file, QuorumStateWriter.write(state), why),
                    "rewrite " + FILE + " with leaderEpoch " + epoch + ", no leader, no vote", problems));
        }
    }

    private static QuorumState readable(Path file) throws IOException {
        BoundedRead.Result r = BoundedRead.read(file, QuorumStateParser.MAX_BYTES);
        Parsed<QuorumState> p = QuorumStateParser.parse(FILE, r.bytes());
        return p.hasErrors() ? null : p.model();
    }

    /** The voter ids to write in a data_version 0 file, with where they came from. */
    record VoterChoice(List<Integer> ids, String source) {

        static VoterChoice choose(PlanContext ctx, QuorumState old, LogDirFacts facts) {
            if (!ctx.options().voters().isEmpty()) return new VoterChoice(ctx.options().voters(), "given by the operator (--voters)");
            if (old != null && old.currentVoters() != null && !old.currentVoters().isEmpty()) {
                return new VoterChoice(old.currentVoters(), "the old file's currentVoters");
            }
            if (facts.metadataLog() != null && facts.metadataLog().voters() != null && !facts.metadataLog().voters().isEmpty()) {
                return new VoterChoice(facts.metadataLog().voters(), "the voters recorded in the metadata log and snapshots");
            }
            for (LogDirReport other : ctx.report().logDirs()) {
                LogDirFacts.Quorum q = other.facts().quorum();
                if (q != null && q.voters() != null && !q.voters().isEmpty()) {
                    return new VoterChoice(q.voters(), "the quorum-state of " + other.dir());
                }
            }
            return null;
        }
    }
}
