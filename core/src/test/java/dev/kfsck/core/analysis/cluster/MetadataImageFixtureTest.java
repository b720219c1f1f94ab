package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.MetadataDigest;
import dev.kfsck.core.analysis.MetadataImageFacts;
import dev.kfsck.testdata.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image each node's metadata log dir holds agrees with what Kafka's admin client reported (manifest.json). */
class MetadataImageFixtureTest {

    @TempDir
    Path tmp;

    @Test
    void everyNodesImageHasTheTopicsIdsReplicasAndLeadersTheAdminClientReported() {
        Quorum3 q = new Quorum3(tmp);
        Manifest m = q.manifest;
        for (LogDirReport d : q.check().logDirs()) {
            MetadataImageFacts image = d.facts().metadataImage();
            assertNotNull(image, d.dir() + " holds __cluster_metadata-0");
            Map<String, String> ids = new TreeMap<>();
            image.topics().forEach(t -> ids.put(t.name(), t.id()));
            Map<String, String> expected = new TreeMap<>();
            m.topics().forEach(t -> expected.put(t.name(), t.topicId()));
            assertEquals(expected, ids, d.dir().toString());
            for (Manifest.Topic t : m.topics()) {
                MetadataImageFacts.Topic it = image.topic(t.name()).orElseThrow();
                assertEquals(t.partitions().size(), it.partitions().size(), t.name());
                for (Manifest.Partition p : t.partitions()) {
                    MetadataImageFacts.Partition ip = it.partitions().get(p.partition());
                    assertEquals(p.partition(), ip.partition());
                    assertEquals(p.replicas(), ip.replicas(), t.name() + "-" + p.partition());
                    assertEquals(p.isr(), ip.isr(), t.name() + "-" + p.partition());
                    assertEquals(p.leader(), ip.leader(), t.name() + "-" + p.partition());
                    assertEquals(p.leaderEpoch(), ip.leaderEpoch(), t.name() + "-" + p.partition());
                }
            }
            assertEquals(m.finalizedFeatures().get("metadata.version").intValue(), image.features().get("metadata.version"));
            assertEquals(3, image.brokers().size());
            for (Manifest.Node n : m.nodes()) {
                MetadataImageFacts.Broker b = image.brokers().stream().filter(x -> x.id() == n.nodeId()).findFirst().orElseThrow();
                assertTrue(b.logDirs().contains(n.directoryId()), "broker " + n.nodeId() + " registered " + n.directoryId());
            }
        }
    }

    @Test
    void theDigestCoversTheWholeMetadataLogAndTheQuorumHighWatermarkIsInIt() {
        Quorum3 q = new Quorum3(tmp);
        for (LogDirReport d : q.check().logDirs()) {
            MetadataDigest g = d.facts().metadataDigest();
            assertEquals(g.totalBatches(), g.batches().size(), "a short log is kept whole");
            assertEquals(d.facts().metadataLog().endOffset(), g.endOffset());
            assertTrue(g.endOffset() >= q.manifest.quorum().highWatermark(), "the log holds what the quorum committed");
            for (int i = 1; i < g.batches().size(); i++) {
                assertEquals(g.batches().get(i - 1).lastOffset() + 1, g.batches().get(i).baseOffset(), "contiguous");
            }
            assertEquals(q.manifest.quorum().leaderId(), g.leaders().get(g.leaders().size() - 1).leaderId());
            assertEquals(q.manifest.quorum().voters(), g.quorumStateVoters());
        }
    }
}
