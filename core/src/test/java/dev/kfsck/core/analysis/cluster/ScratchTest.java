package dev.kfsck.core.analysis.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class ScratchTest {
    @Test
    void show(@TempDir Path tmp) throws Exception {
        Quorum3 q = new Quorum3(tmp);
        var r = q.check();
        r.logDirs().forEach(d -> System.out.println(d.dir() + " " + d.facts().nodeId() + " q=" + d.facts().quorum() + " ml=" + d.facts().metadataLog() + " parts=" + d.facts().partitions().get("replicated-0") + " digest=" + d.facts().metadataDigest().totalBatches() + " " + d.facts().metadataDigest().leaders() + " qsv=" + d.facts().metadataDigest().quorumStateVoters()));
        ClusterView v = ClusterView.of(r);
        v.findings().forEach(f -> System.out.println(f.nodes() + " " + f.finding().severity() + " " + f.codeId() + " " + f.finding().message()));
        System.out.println(v.metadataLog());
        System.out.println(v.image().topics().get(0));
        System.out.println(ReportReader.toJson(r.logDirs().get(0).facts()).toString().length());
    }
}
