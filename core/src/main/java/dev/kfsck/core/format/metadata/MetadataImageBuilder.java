package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.MetadataProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the cluster metadata offline, as Kafka's metadata loader would: the newest intact snapshot, then the records
 * of the metadata log after it, replayed through Kafka's {@code MetadataDelta}. Never throws on damage: it returns
 * what could be built and says what is missing.
 */
public final class MetadataImageBuilder {

    private MetadataImageBuilder() {
    }

    /**
     * Reads a {@code __cluster_metadata-0} dir ({@code relDir} is its path relative to the log dir) and builds the
     * image. The findings include those of every snapshot (older ones with the reactions of
     * {@link MetadataSnapshotFile#asOlderSnapshot}) and of the log, then the builder's own.
     */
    public static Parsed<ClusterMetadata> build(Path metadataDir, String relDir) throws IOException {
        List<Parsed<MetadataSnapshot>> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(metadataDir)) {
            for (Path p : files.sorted().toList()) {
                SnapshotName name = SnapshotName.parse(p.getFileName().toString());
                if (name.kind() != SnapshotName.Kind.SNAPSHOT || !Files.isRegularFile(p)) continue;
                snapshots.add(MetadataSnapshotFile.read(relDir + "/" + p.getFileName(), p));
            }
        }
        Parsed<MetadataLog> log = MetadataLogReader.read(metadataDir, relDir);
        Optional<SnapshotId> latest = snapshots.stream().map(s -> s.model().id()).flatMap(Optional::stream)
                .max(SnapshotId.KAFKA_ORDER);
        List<Finding> findings = new ArrayList<>();
        for (Parsed<MetadataSnapshot> s : snapshots) {
            boolean isLatest = s.model().id().isPresent() && s.model().id().equals(latest);
            findings.addAll(isLatest ? s.findings() : MetadataSnapshotFile.asOlderSnapshot(s.findings()));
        }
        findings.addAll(log.findings());
        Parsed<ClusterMetadata> built = build(snapshots, log);
        findings.addAll(built.findings());
        return Parsed.of(built.model(), findings);
    }

    /**
     * Builds the image from parsed snapshots (any order; bootstrap files are ignored) and the parsed metadata log.
     * Only the builder's own findings are returned.
     */
    public static Parsed<ClusterMetadata> build(List<Parsed<MetadataSnapshot>> snapshots, Parsed<MetadataLog> log) {
        List<Finding> findings = new ArrayList<>();
        List<MetadataSnapshot> candidates = snapshots.stream().map(Parsed::model)
                .filter(s -> s != null && !s.bootstrap() && s.id().isPresent())
                .sorted(Comparator.comparing((MetadataSnapshot s) -> s.id().get(), SnapshotId.KAFKA_ORDER).reversed())
                .toList();
        MetadataSnapshot base = candidates.stream().filter(s -> s.intact() && s.image() != null).findFirst().orElse(null);
        if (base != null && base != candidates.get(0)) {
            MetadataSnapshot newest = candidates.get(0);
            findings.add(MetadataCodes.SNAP_IMAGE_FROM_OLDER.at(Location.file(base.file()),
                    "the image starts from snapshot " + base.id().get() + " because the newer snapshot " + newest.id().get()
                            + " is damaged; Kafka would read the newer one",
                    Evidence.of(base.id().get(), newest.id().get())));
        }

        MetadataLog mlog = log == null ? null : log.model();
        long start = base == null ? 0 : base.id().get().endOffset();
        OptionalInt kraftVersion = base == null ? OptionalInt.empty() : base.kraftVersion();
        List<Voter> voters = base == null ? List.of() : base.voters();
        ImageReplayer<MetadataLog.LogRecord> replayer = new ImageReplayer<>(
                base == null ? MetadataImage.EMPTY : base.image(),
                (r, message, e) -> findings.add(MetadataCodes.MLOG_RECORD_NOT_APPLICABLE.at(Location.at(r.file(), r.position(), -1),
                        MetadataRecordType.fromId(message.apiKey()) + " at offset " + r.offset() + " cannot be applied to the image",
                        Evidence.of(BatchWalker.describe(e), "a record consistent with the history before it"))));

        long first = -1;
        long last = -1;
        int lastEpoch = base == null ? -1 : base.id().get().epoch();
        Set<String> files = new LinkedHashSet<>();
        if (mlog != null) {
            if (mlog.firstOffset() > start) {
                findings.add(MetadataCodes.MLOG_IMAGE_GAP.at(Location.file(mlog.segments().isEmpty() ? "" : mlog.segments().get(0)),
                        "the metadata log starts at offset " + mlog.firstOffset() + " but "
                                + (base == null ? "no intact snapshot exists" : "the snapshot used ends at " + start)
                                + ": offsets " + start + ".." + (mlog.firstOffset() - 1) + " are missing from the image",
                        Evidence.of(mlog.firstOffset(), "<= " + start)));
            }
            for (MetadataLog.LogRecord r : mlog.records()) {
                if (r.offset() < start) continue;
                if (first < 0) first = r.offset();
                last = r.offset();
                lastEpoch = r.epoch();
                files.add(r.file());
                replayer.replay(r, r.record().message());
            }
            for (MetadataLog.KRaftVersionChange k : mlog.kraftVersionHistory()) {
                if (k.offset() >= start) kraftVersion = OptionalInt.of(k.kraftVersion());
            }
            for (MetadataLog.VotersChange v : mlog.voterHistory()) {
                if (v.offset() >= start) voters = v.voters();
            }
            MetadataLog.LogRecord open = replayer.openTransaction();
            if (open != null) {
                findings.add(MetadataCodes.MLOG_OPEN_TRANSACTION.at(Location.at(open.file(), open.position(), -1),
                        "the metadata transaction begun at offset " + open.offset() + " never ends; its "
                                + replayer.openTransactionRecords() + " record(s) are not in the image",
                        Evidence.of("BeginTransactionRecord at " + open.offset(), "EndTransactionRecord or AbortTransactionRecord")));
            }
        }

        StringBuilder whyNot = new StringBuilder();
        long lastContained = last >= 0 ? last : start - 1;
        MetadataImage image = replayer.apply(new MetadataProvenance(lastContained, Math.max(lastEpoch, 0), 0, true), whyNot);
        if (image == null) {
            findings.add(MetadataCodes.MLOG_RECORD_NOT_APPLICABLE.at(Location.file(files.isEmpty() ? "" : files.iterator().next()),
                    "Kafka's image code refuses the replayed records as a whole; the image is the snapshot alone",
                    Evidence.of(whyNot, "a consistent metadata image")));
            image = base == null ? MetadataImage.EMPTY : base.image();
        }
        ImageProvenance provenance = new ImageProvenance(base == null ? "" : base.file(),
                base == null ? Optional.empty() : base.id(), List.copyOf(files), first, last, lastEpoch,
                replayer.applied(), replayer.skipped());
        return Parsed.of(ImageModel.toModel(image, kraftVersion, voters, provenance), findings);
    }
}
