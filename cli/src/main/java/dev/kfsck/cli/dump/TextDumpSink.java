package dev.kfsck.cli.dump;

import dev.kfsck.cli.render.Places;
import dev.kfsck.cli.render.Style;
import dev.kfsck.core.finding.Finding;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Dump output for people: one line per element, prefixed with its byte range. */
public final class TextDumpSink implements DumpSink {

    private final PrintWriter out;
    private final Style style;
    private int holes;
    private int errors;

    public TextDumpSink(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void begin(Path file, String kind, long size) {
        out.println(style.bold(file.toString()) + style.dim("  (" + kind + ", " + size + " bytes)"));
    }

    @Override
    public void entry(long offset, long length, String type, Map<String, ?> fields) {
        String values = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        out.println(style.dim(where(offset, length)) + " " + type + (values.isEmpty() ? "" : " " + values));
    }

    @Override
    public void hole(long offset, long length, String reason) {
        holes++;
        out.println(style.dim(where(offset, length)) + " " + style.bad("HOLE") + " " + Places.range(offset, length) + ": " + reason);
    }

    @Override
    public void finding(Finding f) {
        if (f.severity() == dev.kfsck.core.finding.Severity.ERROR) errors++;
        String range = Places.range(f.location());
        out.println("  " + style.severity(f.severity()) + " " + style.bold(f.code().id()) + (range.isEmpty() ? "" : " " + range)
                + ": " + f.message());
    }

    @Override
    public void end() {
        if (holes > 0 || errors > 0) {
            out.println(style.dim("-- " + holes + (holes == 1 ? " hole, " : " holes, ") + errors + (errors == 1 ? " error" : " errors")));
        }
        out.println();
        holes = 0;
        errors = 0;
        out.flush();
    }

    private static String where(long offset, long length) {
        if (offset < 0) return String.format("%-18s", "");
        return String.format("%-18s", length < 0 ? "@" + offset : "@" + offset + "+" + length);
    }
}
