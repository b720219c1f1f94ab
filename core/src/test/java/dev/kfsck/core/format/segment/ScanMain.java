package dev.kfsck.core.format.segment;

import java.nio.file.Path;

/** Scans one file and prints "batches validBytes holes": run in a child JVM with a small heap by the tests. */
public final class ScanMain {

    private ScanMain() {
    }

    public static void main(String[] args) throws Exception {
        Path p = Path.of(args[0]);
        ScanOptions o = (args[2].equals("full") ? ScanOptions.full() : ScanOptions.headersOnly())
                .withSource(ByteSource.valueOf(args[1]), 0);
        SegmentScan s = SegmentScanner.scan(p, p.getFileName().toString(), o);
        System.out.println(s.batchCount() + " " + s.validBytes() + " " + s.holes().size());
    }
}
