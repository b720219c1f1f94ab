package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.KafkaReaction;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.io.ZeroRuns;
import org.apache.kafka.common.message.KRaftVersionRecord;
import org.apache.kafka.common.message.SnapshotHeaderRecord;
import org.apache.kafka.common.message.VotersRecord;
import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.MetadataProvenance;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses a {@code __cluster_metadata} snapshot ({@code <end>-<epoch>.checkpoint}) or a {@code bootstrap.checkpoint}:
 * batches, CRCs, header and footer, record counts by type, control records, and the metadata it holds (replayed
 * through Kafka's {@code MetadataDelta}). Never throws on bad data and never writes.
 *
 * <p>Snapshot findings carry the reaction for the <em>latest</em> snapshot (the one Kafka reads at startup); use
 * {@link #asOlderSnapshot} for the others.
 */
public final class MetadataSnapshotFile {

    /** The name of the bootstrap file in a log dir's root. */
    public static final String BOOTSTRAP_FILE = "bootstrap.checkpoint";

    private MetadataSnapshotFile() {
    }

    /** Reads and parses a file without modifying it. The file name decides snapshot or bootstrap rules. */
    public static Parsed<MetadataSnapshot> read(String file, Path path) throws IOException {
        return parse(file, ReadOnlyFile.map(path));
    }

    public static Parsed<MetadataSnapshot> parse(String file, byte[] bytes) {
        return parse(file, ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }

    /** Parses a buffer whose index 0 is the start of the file and whose limit is its end. */
    public static Parsed<MetadataSnapshot> parse(String file, ByteBuffer bytes) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return new Parse(file, name.equals(BOOTSTRAP_FILE), bytes).run();
    }

    /**
     * The findings of a snapshot that is not the latest one: Kafka does not read it at startup, so damage that would
     * be fatal in the latest snapshot is tolerated (name problems stay fatal: every name is parsed).
     */
    public static List<Finding> asOlderSnapshot(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            boolean nameProblem = f.code().equals(MetadataCodes.SNAP_NAME_UNPARSABLE);
            boolean snapshotCode = f.code().id().startsWith("SNAP-");
            out.add(snapshotCode && !nameProblem && f.reaction() == KafkaReaction.STARTUP_FATAL
                    ? f.withReaction(KafkaReaction.TOLERATED) : f);
        }
        return out;
    }

    /** One parse: the state a walk over the batches builds up. */
    private static final class Parse implements BatchWalker.Visitor {
        private final String file;
        private final boolean bootstrap;
        private final ByteBuffer buf;
        private final FindingSink sink = new FindingSink();
        private final Map<String, Integer> recordCounts = new HashMap<>();
        private final Map<String, Integer> controlCounts = new HashMap<>();
        private final ImageReplayer<BatchInfo> replayer;
        private Optional<SnapshotId> id = Optional.empty();
        private OptionalLong headerTimestamp = OptionalLong.empty();
        private OptionalInt kraftVersion = OptionalInt.empty();
        private List<Voter> voters = List.of();
        private boolean firstRecordSeen;
        private boolean headerFirst;
        private ControlRecordType lastControlInLastBatch;
        private BatchInfo firstEpochMismatch;
        private int epochMismatches;

        Parse(String file, boolean bootstrap, ByteBuffer buf) {
            this.file = file;
            this.bootstrap = bootstrap;
            this.buf = buf;
            this.replayer = new ImageReplayer<>(MetadataImage.EMPTY, (batch, message, e) -> sink.add(
                    MetadataCodes.SNAP_RECORD_NOT_APPLICABLE.at(Location.at(file, batch.position(), batch.sizeInBytes()),
                            MetadataRecordType.fromId(message.apiKey()) + " in the batch at offset " + batch.baseOffset()
                                    + " cannot be applied to the image",
                            Evidence.of(BatchWalker.describe(e), "a record consistent with the ones before it"))));
        }

        Parsed<MetadataSnapshot> run() {
            if (!bootstrap) checkName();
            if (bootstrap && buf.limit() > 0 && ZeroRuns.zeroTailStart(buf, 0, buf.limit()) == 0) {
                sink.add(MetadataCodes.BOOT_NULL_BYTES, Location.at(file, 0, buf.limit()),
                        "bootstrap.checkpoint holds " + buf.limit() + " zero bytes; Kafka fails reading it at startup",
                        Evidence.of(buf.limit() + " zero bytes", "record batches"));
                return Parsed.of(model(new BatchWalker.Outcome(List.of(), 0, BatchWalker.Problem.BAD_HEADER, 0), null), sink.findings());
            }
            BatchWalker.CrcPolicy policy = bootstrap ? BatchWalker.CrcPolicy.DECODE_ANYWAY : BatchWalker.CrcPolicy.SKIP_BATCH;
            BatchWalker.Outcome outcome = BatchWalker.walk(buf, policy, this);
            checkStructure(outcome);
            if (firstEpochMismatch != null) {
                sink.add(MetadataCodes.SNAP_EPOCH_MISMATCH, Location.at(file, firstEpochMismatch.position(), firstEpochMismatch.sizeInBytes()),
                        epochMismatches + " batch(es) carry a partitionLeaderEpoch other than the snapshot epoch, the first at position "
                                + firstEpochMismatch.position(),
                        Evidence.of(firstEpochMismatch.partitionLeaderEpoch(), id.get().epoch()));
            }
            MetadataImage image = buildImage();
            return Parsed.of(model(outcome, image), sink.findings());
        }

        private void checkName() {
            String name = file.substring(file.lastIndexOf('/') + 1);
            SnapshotName parsed = SnapshotName.parse(name);
            id = parsed.id();
            if (parsed.unreadable() || parsed.kind() == SnapshotName.Kind.NOT_A_SNAPSHOT) {
                sink.add(MetadataCodes.SNAP_NAME_UNPARSABLE, Location.file(file),
                        "Kafka cannot read a snapshot id from the name '" + Evidence.printable(name) + "': " + parsed.problem(),
                        Evidence.of(name, "<20-digit end offset>-<10-digit epoch>.checkpoint"));
            } else if (!parsed.canonical()) {
                sink.add(MetadataCodes.SNAP_NAME_NONCANONICAL, Location.file(file),
                        "Kafka reads snapshot id " + parsed.id().get() + " from '" + Evidence.printable(name)
                                + "', which is not the name it would write",
                        Evidence.of(name, parsed.id().get().fileName()));
            }
        }

        @Override
        public void batch(BatchInfo batch) {
            if (id.isPresent() && batch.partitionLeaderEpoch() != id.get().epoch()) {
                if (firstEpochMismatch == null) firstEpochMismatch = batch;
                epochMismatches++;
            }
            if (!batch.control()) lastControlInLastBatch = null;
        }

        @Override
        public void control(BatchInfo batch, long offset, ControlRecordType type, ApiMessage message) {
            if (!firstRecordSeen) {
                firstRecordSeen = true;
                headerFirst = type == ControlRecordType.SNAPSHOT_HEADER && batch.position() == 0;
            }
            lastControlInLastBatch = type;
            controlCounts.merge(type.name(), 1, Integer::sum);
            if (message instanceof SnapshotHeaderRecord h && headerTimestamp.isEmpty()) {
                headerTimestamp = OptionalLong.of(h.lastContainedLogTimestamp());
            } else if (message instanceof KRaftVersionRecord k) {
                kraftVersion = OptionalInt.of(k.kRaftVersion());
            } else if (message instanceof VotersRecord v) {
                voters = ImageModel.voters(v);
            }
            if (bootstrap && (type == ControlRecordType.KRAFT_VERSION || type == ControlRecordType.KRAFT_VOTERS)) {
                sink.add(MetadataCodes.BOOT_CORRUPT, Location.at(file, batch.position(), batch.sizeInBytes()),
                        "Kafka's bootstrap reader rejects the " + type + " control record at offset " + offset,
                        Evidence.of(type, "LEADER_CHANGE, SNAPSHOT_HEADER or SNAPSHOT_FOOTER"));
            }
        }

        @Override
        public void data(BatchInfo batch, long offset, ApiMessageAndVersion record) {
            if (!firstRecordSeen) firstRecordSeen = true;
            lastControlInLastBatch = null;
            recordCounts.merge(MetadataRecordType.fromId(record.message().apiKey()).name(), 1, Integer::sum);
            replayer.replay(batch, record.message());
        }

        @Override
        public void damage(BatchWalker.Damage d) {
            Location where = Location.at(file, d.position(), d.length());
            String message = d.message();
            if (d.problem() == BatchWalker.Problem.CRC_MISMATCH || d.problem() == BatchWalker.Problem.TRUNCATED) {
                lastControlInLastBatch = null;
            }
            FindingCode code = bootstrap ? bootstrapCode(d.problem()) : snapshotCode(d.problem());
            Finding f = code.at(where, message, d.evidence());
            if (bootstrap && d.problem() == BatchWalker.Problem.TRUNCATED) {
                f = new Finding(code, Severity.WARN, KafkaReaction.TOLERATED, where,
                        message + "; Kafka's bootstrap reader ignores the partial batch", d.evidence());
            }
            sink.add(f);
        }

        private static FindingCode snapshotCode(BatchWalker.Problem p) {
            return switch (p) {
                case BAD_HEADER -> MetadataCodes.SNAP_BAD_BATCH_HEADER;
                case TRUNCATED -> MetadataCodes.SNAP_TRUNCATED;
                case CRC_MISMATCH -> MetadataCodes.SNAP_CRC_MISMATCH;
                case UNDECODABLE, FRAME_VERSION -> MetadataCodes.SNAP_UNDECODABLE_RECORD;
            };
        }

        private static FindingCode bootstrapCode(BatchWalker.Problem p) {
            return p == BatchWalker.Problem.CRC_MISMATCH ? MetadataCodes.BOOT_CRC_MISMATCH : MetadataCodes.BOOT_CORRUPT;
        }

        private void checkStructure(BatchWalker.Outcome outcome) {
            if (bootstrap) return;
            if (!headerFirst) {
                sink.add(MetadataCodes.SNAP_MISSING_HEADER, Location.at(file, 0, outcome.batches().isEmpty() ? buf.limit() : outcome.batches().get(0).sizeInBytes()),
                        outcome.batches().isEmpty() ? "the snapshot holds no readable batch, so no SnapshotHeaderRecord"
                                : "the first batch does not begin with a SnapshotHeaderRecord",
                        Evidence.of(outcome.batches().isEmpty() ? "no batch" : describeFirst(outcome.batches().get(0)),
                                "a control batch whose first record is SNAPSHOT_HEADER"));
            }
            if (outcome.stopped() == null && !footerLast(outcome)) {
                BatchInfo last = outcome.batches().isEmpty() ? null : outcome.batches().get(outcome.batches().size() - 1);
                sink.add(MetadataCodes.SNAP_MISSING_FOOTER,
                        last == null ? Location.file(file) : Location.at(file, last.position(), last.sizeInBytes()),
                        "the snapshot does not end with a SnapshotFooterRecord: it was cut at a batch boundary or never finished",
                        Evidence.of(last == null ? "no batch" : describeFirst(last), "a control batch ending with SNAPSHOT_FOOTER"));
            }
        }

        private boolean footerLast(BatchWalker.Outcome outcome) {
            if (outcome.batches().isEmpty()) return false;
            BatchInfo last = outcome.batches().get(outcome.batches().size() - 1);
            return last.control() && last.crcValid() && lastControlInLastBatch == ControlRecordType.SNAPSHOT_FOOTER;
        }

        private static String describeFirst(BatchInfo b) {
            return (b.control() ? "control" : "data") + " batch at position " + b.position() + " with " + b.declaredRecords() + " record(s)";
        }

        /**
         * {@code kafka-storage format --standalone} writes snapshot 0-0 with only the header, KRaftVersion and Voters
         * records; its metadata.version comes from bootstrap.checkpoint.
         */
        private boolean isBootstrapSnapshotId(SnapshotId sid) {
            return !bootstrap && id.isPresent() && sid.endOffset() == 0 && sid.epoch() == 0;
        }

        private MetadataImage buildImage() {
            if (!bootstrap) replayer.finishSnapshot();
            SnapshotId sid = id.orElse(new SnapshotId(0, 0));
            StringBuilder whyNot = new StringBuilder();
            MetadataImage image = replayer.apply(new MetadataProvenance(sid.endOffset() - 1, sid.epoch(),
                    headerTimestamp.orElse(0L), true), whyNot);
            if (image == null) {
                sink.add(bootstrap ? MetadataCodes.BOOT_CORRUPT : MetadataCodes.SNAP_RECORD_NOT_APPLICABLE, Location.file(file),
                        "Kafka's image code refuses the records of this file as a whole",
                        Evidence.of(whyNot, "a consistent metadata image"));
            } else if (image.features().metadataVersion().isEmpty() && !isBootstrapSnapshotId(sid)) {
                FindingCode code = bootstrap ? MetadataCodes.BOOT_MISSING_METADATA_VERSION : MetadataCodes.SNAP_MISSING_METADATA_VERSION;
                sink.add(code, Location.file(file), "no metadata.version FeatureLevelRecord was decoded from this file",
                        Evidence.of(recordCounts.getOrDefault(MetadataRecordType.FEATURE_LEVEL_RECORD.name(), 0) + " FeatureLevelRecord(s), none for metadata.version",
                                "a FeatureLevelRecord for metadata.version"));
            }
            return image;
        }

        private MetadataSnapshot model(BatchWalker.Outcome outcome, MetadataImage image) {
            List<Finding> findings = sink.findings();
            boolean intact = findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
            ImageProvenance provenance = new ImageProvenance(file, id, List.of(), -1, -1, id.map(SnapshotId::epoch).orElse(-1), 0,
                    replayer.skipped());
            ClusterMetadata content = ImageModel.toModel(image, kraftVersion, voters, provenance);
            return new MetadataSnapshot(file, id, bootstrap, buf.limit(), outcome.validEnd(), outcome.batches(), headerFirst,
                    footerLast(outcome), headerTimestamp, recordCounts, controlCounts, kraftVersion, voters, content, image, intact);
        }
    }
}
