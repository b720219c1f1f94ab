package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.checkpoint.CheckpointKind;
import dev.kfsck.core.format.checkpoint.CheckpointParser;
import dev.kfsck.core.format.checkpoint.EpochEntry;
import dev.kfsck.core.format.checkpoint.LeaderEpochCheckpoint;
import dev.kfsck.core.format.checkpoint.OffsetCheckpoint;
import dev.kfsck.core.format.checkpoint.OffsetEntry;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four offset checkpoints of a log dir root and {@code leader-epoch-checkpoint}: each line with its byte range,
 * the entries Kafka's reader would take, what Kafka's reader does with the file, and what is wrong.
 */
public final class CheckpointDumper implements Dumper {

    /** The most bytes read: far more than any real checkpoint (about 40 bytes an entry). */
    static final int MAX_BYTES = 64 << 20;

    private final boolean leaderEpoch;

    private CheckpointDumper(boolean leaderEpoch) {
        this.leaderEpoch = leaderEpoch;
    }

    public static CheckpointDumper offsets() {
        return new CheckpointDumper(false);
    }

    public static CheckpointDumper leaderEpochs() {
        return new CheckpointDumper(true);
    }

    @Override
    public String kind() {
        return leaderEpoch ? "leader-epoch-checkpoint" : "offset-checkpoint";
    }

    @Override
    public boolean handles(String fileName) {
        CheckpointKind k = CheckpointKind.ofPath(fileName);
        return k != null && k.isLeaderEpoch() == leaderEpoch;
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        BoundedRead.Result read = BoundedRead.read(file, MAX_BYTES);
        byte[] bytes = read.bytes();
        QuorumStateDumper.TextLines.dump(bytes, sink);
        if (read.truncated()) sink.hole(bytes.length, read.size() - bytes.length, "not read: larger than " + MAX_BYTES + " bytes");
        String rel = SegmentDumper.relativeName(file);
        CheckpointKind kind = CheckpointKind.ofPath(rel);
        if (leaderEpoch) {
            if (kind == null || !kind.isLeaderEpoch()) kind = CheckpointKind.LEADER_EPOCH;
            Parsed<LeaderEpochCheckpoint> p = CheckpointParser.parseLeaderEpochs(rel, bytes, kind);
            p.value().ifPresent(c -> {
                sink.entry(-1, -1, "header", header(c.kind(), c.declaredCount(), c.kafkaRead()));
                for (EpochEntry e : c.entries()) sink.entry(-1, -1, "entry", Map.of("epoch", e.epoch(), "startOffset", e.startOffset()));
            });
            findings(p.findings(), sink);
        } else {
            if (kind == null || kind.isLeaderEpoch()) kind = CheckpointKind.REPLICATION_OFFSET;
            Parsed<OffsetCheckpoint> p = CheckpointParser.parseOffsets(rel.substring(rel.lastIndexOf('/') + 1), bytes, kind);
            p.value().ifPresent(c -> {
                sink.entry(-1, -1, "header", header(c.kind(), c.declaredCount(), c.kafkaRead()));
                for (OffsetEntry e : c.entries()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("topic", e.topic());
                    m.put("partition", e.partition());
                    m.put("offsetValue", e.offset());
                    sink.entry(-1, -1, "entry", m);
                }
            });
            findings(p.findings(), sink);
        }
    }

    private static Map<String, Object> header(CheckpointKind kind, java.util.OptionalInt count, Object kafkaRead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", kind.name().toLowerCase().replace('_', '-'));
        m.put("declaredCount", count.isPresent() ? count.getAsInt() : null);
        m.put("kafkaRead", String.valueOf(kafkaRead));
        return m;
    }

    private static void findings(List<Finding> findings, DumpSink sink) {
        for (Finding f : findings) sink.finding(f);
    }
}
