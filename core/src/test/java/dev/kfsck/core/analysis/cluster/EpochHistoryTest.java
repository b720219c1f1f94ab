package dev.kfsck.core.analysis.cluster;

import dev.kfsck.core.analysis.LogDirFacts.EpochStart;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.server.util.KafkaScheduler;
import org.apache.kafka.storage.internals.checkpoint.LeaderEpochCheckpointFile;
import org.apache.kafka.storage.internals.epoch.LeaderEpochFileCache;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochHistoryTest {

    record Case(List<EpochStart> entries, long logEnd, int requested) {
    }

    @Provide
    Arbitrary<Case> histories() {
        Arbitrary<List<int[]>> steps = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 40))
                .as((de, doff) -> new int[] {de, doff}).list().ofMaxSize(8);
        return Combinators.combine(steps, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(-1, 30)).as((s, firstEpoch, tail, requested) -> {
                    List<EpochStart> e = new ArrayList<>();
                    int epoch = firstEpoch;
                    long offset = 0;
                    for (int[] step : s) {
                        e.add(new EpochStart(epoch, offset));
                        epoch += step[0];
                        offset += step[1] + 1;
                    }
                    long end = e.isEmpty() ? tail : e.get(e.size() - 1).startOffset() + tail;
                    return new Case(e, end, requested);
                });
    }

    /** The leader's answer to OffsetsForLeaderEpoch is Kafka's own LeaderEpochFileCache.endOffsetFor. */
    @Property(tries = 300)
    void endOffsetForAnswersLikeKafka(@ForAll("histories") Case c) throws Exception {
        File dir = Files.createTempDirectory("lec").toFile();
        try {
            LeaderEpochCheckpointFile file = new LeaderEpochCheckpointFile(new File(dir, "leader-epoch-checkpoint"),
                    new LogDirFailureChannel(1));
            LeaderEpochFileCache cache = new LeaderEpochFileCache(new TopicPartition("t", 0), file, new KafkaScheduler(1));
            for (EpochStart e : c.entries()) cache.assign(e.epoch(), e.startOffset());
            Map.Entry<Integer, Long> kafka = cache.endOffsetFor(c.requested(), c.logEnd());
            EpochHistory.EpochEnd ours = new EpochHistory(c.entries()).endOffsetFor(c.requested(), c.logEnd());
            assertEquals(kafka.getKey(), ours.epoch(), "epoch for " + c);
            assertEquals(kafka.getValue(), ours.endOffset(), "end offset for " + c);
        } finally {
            for (File f : dir.listFiles()) f.delete();
            dir.delete();
        }
    }

    private static EpochHistory h(int... epochAndStart) {
        List<EpochStart> e = new ArrayList<>();
        for (int i = 0; i < epochAndStart.length; i += 2) e.add(new EpochStart(epochAndStart[i], epochAndStart[i + 1]));
        return new EpochHistory(e);
    }

    @Test
    void followerWithAnEpochTheLeaderNeverHadTruncatesToWhereItLeftTheCommonEpoch() {
        // leader wrote epoch 0 up to 100, then epoch 2; the follower wrote epoch 1 from 80 while partitioned
        assertEquals(80, h(0, 0, 1, 80).truncationOffset(120, h(0, 0, 2, 100), 150, 0));
    }

    @Test
    void followerShorterWithTheSameHistoryKeepsEverything() {
        assertEquals(90, h(0, 0, 2, 50).truncationOffset(90, h(0, 0, 2, 50), 150, 0));
    }

    @Test
    void followerLongerInTheLeadersLatestEpochIsCutAtTheLeadersEnd() {
        assertEquals(294, h(0, 0).truncationOffset(300, h(0, 0), 294, 0));
    }

    @Test
    void severalRoundsWhenTheFollowerLacksTheEpochTheLeaderAnswers() {
        // round 1: leader answers epoch 2 ending at 70; the follower never had 2: it cuts at 60 (end of its epoch 1)
        // round 2: asks for epoch 1; leader answers epoch 0 ending at 50; the follower's epoch 0 ends at 20
        assertEquals(20, h(0, 0, 1, 20, 3, 60).truncationOffset(80, h(0, 0, 2, 50, 4, 70), 90, 0));
    }

    @Test
    void entriesThatGoBackwardsAreDroppedAsKafkasAssignWould() {
        assertEquals(List.of(new EpochStart(0, 0), new EpochStart(3, 10)), h(0, 0, 3, 10, 2, 20).entries());
    }
}
