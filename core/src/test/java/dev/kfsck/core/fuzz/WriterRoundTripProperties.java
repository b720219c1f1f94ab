package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointWriter;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.checkpoint.OffsetEntry;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.format.quorum.QuorumStateWriter;
import dev.kfsck.core.format.segment.ProducerSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.FileQuorumStateStore;
import org.apache.kafka.raft.ReplicaKey;
import org.apache.kafka.raft.generated.QuorumStateData;
import org.apache.kafka.server.common.CheckpointFile;
import org.apache.kafka.storage.internals.log.BatchMetadata;
import org.apache.kafka.storage.internals.log.ProducerStateEntry;
import org.apache.kafka.storage.internals.log.ProducerStateManager;

/**
 * Writers against Kafka's own readers, for what the format packages do not already prove (see core/FUZZING.md for
 * the round trips that live there): the producer snapshot writer, the quorum-state fields the quorum package's round
 * trip leaves out (voters, voted directory id), and checkpoint lines as Kafka's generic {@code CheckpointFile} reads
 * them.
 */
class WriterRoundTripProperties {

    @Property
    void producerSnapshotReadsBackAndKafkaReadsTheSameValues(@ForAll("producerEntries") List<ProducerSnapshot.Entry> entries)
            throws IOException {
        byte[] bytes = ProducerSnapshot.write(entries);
        Parsed<ProducerSnapshot> p = ProducerSnapshot.parse("orders-0/00000000000000000100.snapshot", bytes);
        assertEquals(List.of(), p.findings());
        assertEquals(entries, p.model().entries());

        List<ProducerStateEntry> kafka = withTempFile("00000000000000000100.snapshot", bytes,
                f -> ProducerStateManager.readSnapshot(f.toFile()));
        assertEquals(entries.size(), kafka.size());
        for (int i = 0; i < entries.size(); i++) {
            ProducerSnapshot.Entry e = entries.get(i);
            ProducerStateEntry k = kafka.get(i);
            assertEquals(e.producerId(), k.producerId());
            assertEquals(e.epoch(), k.producerEpoch());
            assertEquals(e.coordinatorEpoch(), k.coordinatorEpoch());
            assertEquals(e.timestamp(), k.lastTimestamp());
            assertEquals(e.currentTxnFirstOffset(), k.currentTxnFirstOffset().orElse(-1));
            BatchMetadata b = k.batchMetadata().iterator().next();
            assertEquals(new BatchMetadata(e.lastSequence(), e.lastOffset(), e.offsetDelta(), e.timestamp()), b);
        }
    }

    @Property
    void quorumStateVotersAndVotedDirectoryAsKafkaReadsThem(@ForAll("quorumStates") QuorumState s) throws IOException {
        byte[] bytes = QuorumStateWriter.write(s);
        assertEquals(s, QuorumStateParser.parse("quorum-state", bytes).model());
        ElectionState k = withTempFile("quorum-state", bytes, f -> new FileQuorumStateStore(f.toFile()).readElectionState())
                .orElseThrow();
        QuorumStateData data = k.toQuorumStateData((short) s.dataVersion());
        if (s.dataVersion() == 0) {
            TreeSet<Integer> kafkaVoters = new TreeSet<>();
            data.currentVoters().forEach(v -> kafkaVoters.add(v.voterId()));
            assertEquals(new TreeSet<>(s.currentVoters()), kafkaVoters);
        } else if (s.hasVoted()) {
            assertEquals(Uuid.fromString(s.votedDirectoryId()),
                    k.optionalVotedKey().flatMap(ReplicaKey::directoryId).orElse(ReplicaKey.NO_DIRECTORY_ID));
        }
    }

    @Property
    void checkpointLinesAsKafkasGenericCheckpointFileReadsThem(@ForAll("offsetEntries") List<OffsetEntry> offsets,
                                                                 @ForAll("epochEntries") List<EpochEntry> epochs) throws IOException {
        List<String> kafka = withTempFile("cleaner-offset-checkpoint", CheckpointWriter.writeOffsets(offsets), f -> readLines(f));
        assertEquals(offsets.stream().map(e -> e.topic() + " " + e.partition() + " " + e.offset()).toList(), kafka);
        List<String> kafkaEpochs = withTempFile("leader-epoch-checkpoint", CheckpointWriter.writeEpochs(epochs), f -> readLines(f));
        assertEquals(epochs.stream().map(e -> e.epoch() + " " + e.startOffset()).toList(), kafkaEpochs);
    }

    private static List<String> readLines(Path f) throws IOException {
        return new CheckpointFile<>(f.toFile(), 0, new CheckpointFile.EntryFormatter<String>() {
            public String toString(String e) {
                return e;
            }

            public Optional<String> fromString(String line) {
                return Optional.of(line);
            }
        }).read();
    }

    interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** Kafka's readers create missing files: they only ever see a temporary copy. */
    static <T> T withTempFile(String name, byte[] bytes, Reader<T> reader) throws IOException {
        Path dir = Files.createTempDirectory("kfsck-roundtrip");
        try {
            Path f = Files.write(dir.resolve(name), bytes);
            return reader.read(f);
        } finally {
            FixtureCorpus.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<ProducerSnapshot.Entry>> producerEntries() {
        Arbitrary<Long> offset = Arbitraries.longs().between(0, Long.MAX_VALUE / 2);
        Arbitrary<Long> txn = Arbitraries.oneOf(Arbitraries.just(-1L), offset);
        Arbitrary<ProducerSnapshot.Entry> entry = Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.shorts().between((short) 0, Short.MAX_VALUE),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), offset, Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.longs().between(-1, 4_000_000_000_000L), Arbitraries.integers().between(-1, 1000), txn)
                .as(ProducerSnapshot.Entry::new);
        return entry.list().ofMaxSize(12).uniqueElements(ProducerSnapshot.Entry::producerId);
    }

    @Provide
    Arbitrary<QuorumState> quorumStates() {
        Arbitrary<Integer> id = Arbitraries.integers().between(-1, 1000);
        Arbitrary<Integer> epoch = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<QuorumState> v0 = Combinators.combine(id, epoch, id, id.list().ofMaxSize(7)).as(QuorumState::v0);
        Arbitrary<QuorumState> v1 = Combinators.combine(id, epoch, id, Arbitraries.longs(), Arbitraries.longs())
                .as((l, e, v, hi, lo) -> QuorumState.v1(l, e, v, new Uuid(hi, lo).toString()));
        return Arbitraries.oneOf(v0, v1);
    }

    @Provide
    Arbitrary<List<OffsetEntry>> offsetEntries() {
        Arbitrary<String> topic = Arbitraries.strings().withChars("abcxyz._-0123456789").ofMinLength(1).ofMaxLength(40);
        return Combinators.combine(topic, Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs())
                .as(OffsetEntry::new).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<EpochEntry>> epochEntries() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0))
                .as(EpochEntry::new).list().ofMaxSize(20);
    }
}
