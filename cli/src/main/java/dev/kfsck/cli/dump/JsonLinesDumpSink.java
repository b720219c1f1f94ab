package dev.kfsck.cli.dump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfsck.cli.render.JsonReport;
import dev.kfsck.core.finding.Finding;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Dump output for programs: one JSON object per line. Every line has {@code file} and {@code type}
 * ({@code file}, {@code hole}, {@code finding}, {@code end}, or what the dumper decoded, such as {@code batch}).
 */
public final class JsonLinesDumpSink implements DumpSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;
    private String file = "";

    public JsonLinesDumpSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(Path file, String kind, long size) {
        this.file = file.toString();
        ObjectNode n = line("file");
        n.put("kind", kind);
        n.put("size", size);
        emit(n);
    }

    @Override
    public void entry(long offset, long length, String type, Map<String, ?> fields) {
        ObjectNode n = line(type);
        place(n, offset, length);
        for (var e : fields.entrySet()) n.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        emit(n);
    }

    @Override
    public void hole(long offset, long length, String reason) {
        ObjectNode n = line("hole");
        place(n, offset, length);
        n.put("reason", reason);
        emit(n);
    }

    @Override
    public void finding(Finding f) {
        ObjectNode n = line("finding");
        n.setAll(JsonReport.finding(f));
        n.put("file", file);
        n.put("type", "finding");
        emit(n);
    }

    @Override
    public void end() {
        emit(line("end"));
        out.flush();
    }

    private ObjectNode line(String type) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", file);
        n.put("type", type);
        return n;
    }

    private static void place(ObjectNode n, long offset, long length) {
        if (offset >= 0) n.put("offset", offset); else n.putNull("offset");
        if (length >= 0) n.put("length", length); else n.putNull("length");
    }

    private void emit(ObjectNode n) {
        try {
            out.println(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
