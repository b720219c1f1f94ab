package dev.kfsck.core.format.metadata;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import org.apache.kafka.common.message.KRaftVersionRecord;
import org.apache.kafka.common.message.LeaderChangeMessage;
import org.apache.kafka.common.message.VotersRecord;
import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decodes the content of the {@code __cluster_metadata-0} log: control records (LeaderChange, KRaftVersion, Voters)
 * and metadata records, batch by batch, stopping at the first damaged batch as Kafka's recovery does. The framing
 * itself (CRC, lengths) is reported by the segment scanner; this reader reports only what the content adds.
 */
public final class MetadataLogReader {

    private static final Pattern SEGMENT = Pattern.compile("\\d{20}\\.log");

    /** A segment file: its path relative to the log dir, and where to read it. */
    public record SegmentFile(String file, Path path) {
    }

    private MetadataLogReader() {
    }

    /** The {@code <20 digits>.log} files of a metadata log dir, in offset order. */
    public static List<SegmentFile> segmentsOf(Path metadataDir, String relDir) throws IOException {
        List<SegmentFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(metadataDir)) {
            files.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(p -> out.add(new SegmentFile(relDir + "/" + p.getFileName(), p)));
        }
        return out;
    }

    /** Reads every segment of a metadata log dir ({@code relDir} is its path relative to the log dir). */
    public static Parsed<MetadataLog> read(Path metadataDir, String relDir) throws IOException {
        return read(segmentsOf(metadataDir, relDir));
    }

    /** Reads segments, given in offset order, without modifying them. */
    public static Parsed<MetadataLog> read(List<SegmentFile> segments) throws IOException {
        Decode d = new Decode();
        for (SegmentFile s : segments) {
            if (d.stop != null) {
                d.unread.add(s.file());
                continue;
            }
            d.segment(s.file(), ReadOnlyFile.map(s.path()));
        }
        return d.result();
    }

    /** Decodes segments already in memory (file name → content, in offset order). */
    public static Parsed<MetadataLog> parse(Map<String, ByteBuffer> segments) {
        Decode d = new Decode();
        segments.forEach((file, buf) -> {
            if (d.stop != null) d.unread.add(file);
            else d.segment(file, buf);
        });
        return d.result();
    }

    private static final class Decode implements BatchWalker.Visitor {
        final FindingSink sink = new FindingSink();
        final List<String> read = new ArrayList<>();
        final List<String> unread = new ArrayList<>();
        final List<MetadataLog.EpochStart> epochs = new ArrayList<>();
        final List<MetadataLog.LeaderChange> leaders = new ArrayList<>();
        final List<MetadataLog.KRaftVersionChange> kraft = new ArrayList<>();
        final List<MetadataLog.VotersChange> voters = new ArrayList<>();
        final List<MetadataLog.LogRecord> records = new ArrayList<>();
        final Map<String, Integer> counts = new HashMap<>();
        MetadataLog.StopPoint stop;
        String file;
        long firstOffset = -1;
        long nextOffset = -1;
        int lastEpoch = -1;

        void segment(String name, ByteBuffer buf) {
            file = name;
            read.add(name);
            BatchWalker.Outcome o = BatchWalker.walk(buf, BatchWalker.CrcPolicy.STOP, this);
            if (o.stopped() != null) {
                long lost = buf.limit() - o.stopPosition();
                stop = new MetadataLog.StopPoint(name, o.stopPosition(), o.stopped().name());
                sink.add(MetadataCodes.MLOG_DECODE_STOPPED, Location.at(name, o.stopPosition(), lost),
                        "metadata log decoding stopped at position " + o.stopPosition() + " (" + o.stopped()
                                + "); recovery truncates the log there, dropping " + lost + " byte(s) and every later segment",
                        Evidence.of(o.stopped(), "a complete batch with a valid CRC"));
            }
        }

        @Override
        public void batch(BatchInfo b) {
            if (!b.crcValid()) return;
            if (firstOffset < 0) firstOffset = b.baseOffset();
            if (epochs.isEmpty() || epochs.get(epochs.size() - 1).epoch() != b.partitionLeaderEpoch()) {
                epochs.add(new MetadataLog.EpochStart(b.partitionLeaderEpoch(), b.baseOffset()));
            }
            nextOffset = b.lastOffset() + 1;
            lastEpoch = b.partitionLeaderEpoch();
        }

        @Override
        public void control(BatchInfo b, long offset, ControlRecordType type, ApiMessage message) {
            if (message instanceof LeaderChangeMessage m) {
                leaders.add(new MetadataLog.LeaderChange(offset, b.partitionLeaderEpoch(), m.leaderId(),
                        m.voters().stream().map(LeaderChangeMessage.Voter::voterId).toList()));
            } else if (message instanceof KRaftVersionRecord k) {
                kraft.add(new MetadataLog.KRaftVersionChange(offset, k.kRaftVersion()));
            } else if (message instanceof VotersRecord v) {
                voters.add(new MetadataLog.VotersChange(offset, ImageModel.voters(v)));
            }
        }

        @Override
        public void data(BatchInfo b, long offset, ApiMessageAndVersion record) {
            counts.merge(MetadataRecordType.fromId(record.message().apiKey()).name(), 1, Integer::sum);
            records.add(new MetadataLog.LogRecord(offset, b.partitionLeaderEpoch(), file, b.position(), record));
        }

        @Override
        public void damage(BatchWalker.Damage d) {
            Location where = Location.at(file, d.position(), d.length());
            switch (d.problem()) {
                case UNDECODABLE -> sink.add(MetadataCodes.MLOG_UNDECODABLE_RECORD, where, d.message(), d.evidence());
                case FRAME_VERSION -> sink.add(MetadataCodes.MLOG_FRAME_VERSION, where, d.message(), d.evidence());
                default -> {
                    // framing damage belongs to the segment scanner; the stop point is reported once per walk
                }
            }
        }

        Parsed<MetadataLog> result() {
            MetadataLog log = new MetadataLog(read, unread, firstOffset, nextOffset, lastEpoch, epochs, leaders, kraft,
                    voters, records, counts, Optional.ofNullable(stop));
            return Parsed.of(log, sink.findings());
        }
    }
}
