package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.quorum.QuorumState;
import dev.kfsck.core.format.quorum.QuorumStateParser;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code __cluster_metadata-0/quorum-state}: the text as stored, the fields as Kafka reads them, and what is wrong. */
public final class QuorumStateDumper implements Dumper {

    @Override
    public String kind() {
        return "quorum-state";
    }

    @Override
    public boolean handles(String fileName) {
        return fileName.equals("quorum-state");
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        BoundedRead.Result read = BoundedRead.read(file, QuorumStateParser.MAX_BYTES);
        TextLines.dump(read.bytes(), sink);
        if (read.truncated()) sink.hole(read.bytes().length, read.size() - read.bytes().length, "not read: beyond what Kafka's reader could hold");
        Parsed<QuorumState> parsed = QuorumStateParser.parse("__cluster_metadata-0/quorum-state", read.bytes());
        parsed.value().ifPresent(q -> sink.entry(-1, -1, "state", fields(q)));
        for (Finding f : parsed.findings()) sink.finding(f);
    }

    private static Map<String, Object> fields(QuorumState q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataVersion", q.dataVersion());
        if (q.clusterId() != null) m.put("clusterId", q.clusterId());
        m.put("leaderId", q.leaderId());
        m.put("leaderEpoch", q.leaderEpoch());
        m.put("votedId", q.votedId());
        if (q.votedDirectoryId() != null) m.put("votedDirectoryId", q.votedDirectoryId());
        if (q.dataVersion() == 0) m.put("appliedOffset", q.appliedOffset());
        if (q.currentVoters() != null) m.put("currentVoters", q.currentVoters());
        return m;
    }

    /** Lines of a small text file with their byte ranges, control characters made visible. */
    static final class TextLines {
        private TextLines() {
        }

        static void dump(byte[] bytes, DumpSink sink) {
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    if (i > start || i < bytes.length) {
                        int end = Math.min(i + 1, bytes.length);
                        String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                        sink.entry(start, end - start, "line", Map.of("text", Evidence.printable(text)));
                    }
                    start = i + 1;
                }
            }
        }
    }
}
