package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.nio.file.Path;
import java.util.Map;

/** Passes everything on, and counts the holes and error findings that decide a dump's exit code. */
public final class CountingSink implements DumpSink {

    private final DumpSink next;
    private long holes;
    private long errors;

    public CountingSink(DumpSink next) {
        this.next = next;
    }

    public long holes() {
        return holes;
    }

    public long errors() {
        return errors;
    }

    @Override
    public void begin(Path file, String kind, long size) {
        next.begin(file, kind, size);
    }

    @Override
    public void entry(long offset, long length, String type, Map<String, ?> fields) {
        next.entry(offset, length, type, fields);
    }

    @Override
    public void hole(long offset, long length, String reason) {
        holes++;
        next.hole(offset, length, reason);
    }

    @Override
    public void finding(Finding f) {
        if (f.severity() == Severity.ERROR) errors++;
        next.finding(f);
    }

    @Override
    public void end() {
        next.end();
    }
}
