package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirFacts;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.Report;

import java.util.ArrayList;
import java.util.List;

/** The raft epochs recorded on every checked node: metadata logs, their epoch caches, snapshots, quorum-state files. */
record EpochEvidence(int max, List<String> sources) {

    static EpochEvidence across(Report report) {
        int max = 0;
        List<String> sources = new ArrayList<>();
        for (LogDirReport d : report.logDirs()) {
            LogDirFacts f = d.facts();
            String node = f.nodeId() == null ? d.dir().toString() : "node " + f.nodeId();
            if (f.metadataLog() != null) {
                LogDirFacts.MetadataLog m = f.metadataLog();
                if (m.lastEpoch() >= 0) {
                    sources.add(node + " metadata log epoch " + m.lastEpoch());
                    max = Math.max(max, m.lastEpoch());
                }
                for (String id : m.snapshotIds()) {
                    int dash = id.lastIndexOf('-');
                    if (dash < 0) continue;
                    try {
                        int e = Integer.parseInt(id.substring(dash + 1));
                        if (e > max) {
                            max = e;
                            sources.add(node + " snapshot " + id);
                        }
                    } catch (NumberFormatException ignored) {
                        // a name the analysis reported already
                    }
                }
            }
            if (f.quorum() != null) {
                sources.add(node + " quorum-state epoch " + f.quorum().leaderEpoch());
                max = Math.max(max, f.quorum().leaderEpoch());
            }
        }
        return new EpochEvidence(max, List.copyOf(sources));
    }

    String describe() {
        return max + " (" + String.join(", ", sources) + ")";
    }
}
