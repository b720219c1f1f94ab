package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.MetadataDigest;
import dev.kfsck.core.analysis.MetadataImageFacts;
import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Voter sets, leaders per epoch, and each node's raft epoch against the others' and its own metadata log. */
final class QuorumRules {

    static final String QUORUM_STATE = "__cluster_metadata-0/quorum-state";
    static final String METADATA_DIR = "__cluster_metadata-0";

    private QuorumRules() {
    }

    static void apply(Nodes nodes, Findings out) {
        Map<Integer, DirFacts> md = nodes.metadataDirs();
        voters(md, out);
        bootstrapVoters(md, out);
        leaders(md, out);
        epochs(md, out);
    }

    /** One statement of the voter set: which node, where, and the ids. */
    private record VoterSource(int node, DirFacts dir, String file, String what, Set<Integer> voters) {
    }

    private static void voters(Map<Integer, DirFacts> md, Findings out) {
        List<VoterSource> sources = new ArrayList<>();
        md.forEach((node, d) -> {
            LogDirFacts f = d.facts();
            Set<Integer> own = null;
            if (f.metadataDigest() != null && f.metadataDigest().quorumStateVoters() != null
                    && !f.metadataDigest().quorumStateVoters().isEmpty()) {
                own = new TreeSet<>(f.metadataDigest().quorumStateVoters());
                sources.add(new VoterSource(node, d, QUORUM_STATE, "quorum-state currentVoters", own));
            }
            List<Integer> inForce = f.metadataLog() != null && f.metadataLog().voters() != null && !f.metadataLog().voters().isEmpty()
                    ? f.metadataLog().voters() : f.quorum() != null ? f.quorum().voters() : null;
            Set<Integer> forced = inForce == null || inForce.isEmpty() ? null : new TreeSet<>(inForce);
            if (forced != null && !forced.equals(own)) {
                sources.add(new VoterSource(node, d, METADATA_DIR, "voter set in force (its VotersRecord, last LeaderChange or quorum-state)", forced));
            }
            if (f.metadataImage() != null && !f.metadataImage().voters().isEmpty()) {
                Set<Integer> ids = new TreeSet<>();
                for (MetadataImageFacts.Voter v : f.metadataImage().voters()) ids.add(v.id());
                if (!ids.equals(forced) && !ids.equals(own)) {
                    sources.add(new VoterSource(node, d, METADATA_DIR, "VotersRecord of its snapshot and log", ids));
                }
            }
        });
        Map<Set<Integer>, Set<Integer>> nodesBySet = new LinkedHashMap<>();
        for (VoterSource s : sources) nodesBySet.computeIfAbsent(s.voters(), k -> new TreeSet<>()).add(s.node());
        if (nodesBySet.size() < 2) return;
        Set<Integer> majority = Majority.of(nodesBySet);
        for (VoterSource s : sources) {
            if (s.voters().equals(majority)) continue;
            Set<Integer> others = new TreeSet<>();
            nodesBySet.forEach((set, ns) -> {
                if (!set.equals(s.voters())) others.addAll(ns);
            });
            others.remove(s.node());
            out.add(ClusterCodes.VOTERS_DIFFER, s.dir().dir(), s.file(),
                    "node " + s.node() + "'s " + s.what() + " names voters " + s.voters() + ", but "
                            + (majority == null ? "other sources name other sets" : "nodes " + nodesBySet.get(majority) + " name " + majority),
                    Evidence.of(s.voters(), majority == null ? "one voter set" : majority), s.node(), others);
        }
    }

    private static void bootstrapVoters(Map<Integer, DirFacts> md, Findings out) {
        Map<Set<Integer>, Set<Integer>> nodesBySet = new LinkedHashMap<>();
        md.forEach((node, d) -> {
            MetadataDigest g = d.facts().metadataDigest();
            if (g != null && g.bootstrapVoters() != null) {
                nodesBySet.computeIfAbsent(new TreeSet<>(g.bootstrapVoters()), k -> new TreeSet<>()).add(node);
            }
        });
        if (nodesBySet.size() < 2) return;
        Set<Integer> majority = Majority.of(nodesBySet);
        nodesBySet.forEach((set, ns) -> {
            if (set.equals(majority)) return;
            for (int node : ns) {
                Set<Integer> others = majority == null ? Set.of() : nodesBySet.get(majority);
                out.add(ClusterCodes.BOOTSTRAP_VOTERS_DIFFER, md.get(node).dir(), "bootstrap.checkpoint",
                        "node " + node + "'s bootstrap.checkpoint names voters " + set
                                + (majority == null ? "; the nodes do not agree" : ", nodes " + others + " name " + majority),
                        Evidence.of(set, majority == null ? "one set" : majority), node, others);
            }
        });
    }

    /** Who says which node led an epoch. */
    private record LeaderClaim(int node, DirFacts dir, String file, String source) {
    }

    private static void leaders(Map<Integer, DirFacts> md, Findings out) {
        Map<Integer, Map<Integer, List<LeaderClaim>>> byEpoch = new TreeMap<>();
        md.forEach((node, d) -> {
            LogDirFacts f = d.facts();
            if (f.quorum() != null && f.quorum().leaderId() >= 0) {
                byEpoch.computeIfAbsent(f.quorum().leaderEpoch(), e -> new TreeMap<>())
                        .computeIfAbsent(f.quorum().leaderId(), l -> new ArrayList<>())
                        .add(new LeaderClaim(node, d, QUORUM_STATE, "quorum-state"));
            }
            if (f.metadataDigest() != null) {
                Set<Long> seen = new HashSet<>();
                for (MetadataDigest.LeaderChange c : f.metadataDigest().leaders()) {
                    if (c.leaderId() < 0 || !seen.add(((long) c.epoch() << 32) | c.leaderId())) continue;
                    byEpoch.computeIfAbsent(c.epoch(), e -> new TreeMap<>())
                            .computeIfAbsent(c.leaderId(), l -> new ArrayList<>())
                            .add(new LeaderClaim(node, d, METADATA_DIR, "LeaderChange record at offset " + c.offset()));
                }
            }
        });
        byEpoch.forEach((epoch, claims) -> {
            if (claims.size() < 2) return;
            Map<Integer, Set<Integer>> nodesByLeader = new LinkedHashMap<>();
            claims.forEach((leader, cs) -> cs.forEach(c -> nodesByLeader.computeIfAbsent(leader, k -> new TreeSet<>()).add(c.node())));
            Integer majority = Majority.of(nodesByLeader);
            claims.forEach((leader, cs) -> {
                if (leader.equals(majority)) return;
                for (LeaderClaim c : cs) {
                    Set<Integer> others = new TreeSet<>();
                    StringBuilder said = new StringBuilder();
                    nodesByLeader.forEach((l, ns) -> {
                        if (l.equals(leader)) return;
                        others.addAll(ns);
                        if (said.length() > 0) said.append("; ");
                        said.append("nodes ").append(ns).append(" record leader ").append(l);
                    });
                    others.remove(c.node());
                    out.add(ClusterCodes.LEADER_CONFLICT, c.dir().dir(), c.file(),
                            "in raft epoch " + epoch + " node " + c.node() + "'s " + c.source() + " records leader " + leader
                                    + ", but " + said,
                            Evidence.of("epoch " + epoch + " leader " + leader, "one leader per epoch"), c.node(), others);
                }
            });
        });
    }

    /** A node's raft epochs: what its quorum-state says, and the last epoch its own metadata log holds. */
    private record Epochs(int node, DirFacts dir, Integer quorumEpoch, int logEpoch) {
        int highest() {
            return Math.max(quorumEpoch == null ? -1 : quorumEpoch, logEpoch);
        }
    }

    private static void epochs(Map<Integer, DirFacts> md, Findings out) {
        List<Epochs> all = new ArrayList<>();
        md.forEach((node, d) -> {
            LogDirFacts f = d.facts();
            all.add(new Epochs(node, d, f.quorum() == null ? null : f.quorum().leaderEpoch(), MetadataLogs.lastEpoch(f)));
        });
        Set<Integer> farAhead = new TreeSet<>();
        for (Epochs e : all) {
            if (e.quorumEpoch() == null) continue;
            int others = -1;
            for (Epochs o : all) {
                others = Math.max(others, o.logEpoch());
                if (o != e) others = Math.max(others, o.highest());
            }
            if (all.size() > 1 && others >= 0 && (long) e.quorumEpoch() - others > ClusterCodes.FAR_AHEAD_EPOCHS) {
                farAhead.add(e.node());
                Set<Integer> rest = new TreeSet<>(md.keySet());
                rest.remove(e.node());
                out.add(ClusterCodes.QUORUM_EPOCH_FAR_AHEAD, e.dir().dir(), QUORUM_STATE,
                        "node " + e.node() + "'s quorum-state is at raft epoch " + e.quorumEpoch() + ", "
                                + ((long) e.quorumEpoch() - others) + " above the highest epoch of nodes " + rest
                                + " and of every metadata log (" + others + ")",
                        Evidence.of(e.quorumEpoch(), "<= " + (others + ClusterCodes.FAR_AHEAD_EPOCHS)), e.node(), rest);
            }
        }
        for (Epochs e : all) {
            if (e.quorumEpoch() == null || farAhead.contains(e.node())) continue;
            int othersMax = -1;
            Set<Integer> ahead = new TreeSet<>();
            for (Epochs o : all) {
                if (o == e || farAhead.contains(o.node())) continue;
                othersMax = Math.max(othersMax, o.highest());
            }
            if (othersMax <= e.quorumEpoch()) continue;
            for (Epochs o : all) {
                if (o != e && !farAhead.contains(o.node()) && o.highest() > e.quorumEpoch()) ahead.add(o.node());
            }
            boolean belowOwnLog = e.quorumEpoch() < e.logEpoch();
            out.add(ClusterCodes.QUORUM_EPOCH_BEHIND, belowOwnLog ? Severity.WARN : Severity.INFO, e.dir().dir(), QUORUM_STATE,
                    "node " + e.node() + "'s quorum-state is at raft epoch " + e.quorumEpoch() + " while nodes " + ahead
                            + " reached epoch " + othersMax
                            + (belowOwnLog ? "; it is even below the epoch of its own metadata log (" + e.logEpoch()
                            + "): an old or rewritten quorum-state, so a vote it cast may be forgotten" : ""),
                    Evidence.of(e.quorumEpoch(), ">= " + othersMax), e.node(), ahead);
        }
    }
}
