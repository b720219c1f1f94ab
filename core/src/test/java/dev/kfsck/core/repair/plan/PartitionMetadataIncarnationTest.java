package dev.kfsck.core.repair.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.repair.RepairAction;
import dev.kfsck.core.repair.RepairPlan;
import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Damage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition.metadata naming another topic id than the metadata image: a bit-rotted id is restored, a wholly other
 * id (the topic deleted and re-created, or the folder copied from another cluster) is left for a person, since
 * writing the image's id would serve the other incarnation's records as this topic's.
 */
class PartitionMetadataIncarnationTest {

    private static final String PM = "customers-0/partition.metadata";
    private static final int ID_AT = "version: 0\ntopic_id: ".length();

    @TempDir
    Path tmp;

    @Test
    void aBitRottedTopicIdGetsBackTheBytesKafkaWrote() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        byte[] original = Files.readAllBytes(dir.resolve(PM));
        Damage.flipBit(dir, PM, ID_AT + 5, 0);

        Report r = LogDirChecker.check(dir);
        assertTrue(r.findings().stream().anyMatch(f -> f.code().id().equals("PM-TOPIC-ID-MISMATCH")), r.findings().toString());
        RepairPlan plan = RepairPlanner.plan(r, RepairOptions.defaults(tmp.resolve("out")));

        RepairAction.WriteFile w = (RepairAction.WriteFile) EvidencePlannersTest.stepOn(plan, dir.resolve(PM)).action();
        assertArrayEquals(original, w.newBytes());
    }

    @Test
    void anotherClustersTopicIdIsLeftForAPerson() throws Exception {
        Path dir = EvidencePlannersTest.copy("single-4.3-kill", tmp.resolve("c"), -1);
        String foreign = Fixtures.manifest("single-3.9-kill").topic("customers").orElseThrow().topicId();
        Damage.replaceLine(dir, PM, 1, "topic_id: " + foreign);

        RepairPlan plan = RepairPlanner.plan(LogDirChecker.check(dir), RepairOptions.defaults(tmp.resolve("out")));

        assertTrue(plan.steps().stream().noneMatch(s -> s.action().path().equals(dir.resolve(PM))), plan.steps().toString());
        var refused = plan.notRepaired().stream().filter(u -> u.finding().code().id().equals("PM-TOPIC-ID-MISMATCH")).toList();
        assertEquals(1, refused.size(), plan.notRepaired().toString());
        assertTrue(refused.get(0).reason().contains("another incarnation"), refused.get(0).reason());
    }
}
