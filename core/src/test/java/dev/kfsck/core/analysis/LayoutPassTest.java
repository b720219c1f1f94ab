package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutPassTest {

    @TempDir
    Path dir;

    private List<String> codes(Report r) {
        return r.findings().stream().map(f -> f.code().id() + " " + f.location().file()).toList();
    }

    @Test
    void strayFolderIsFatalButPartitionFoldersAreNot() throws Exception {
        Files.writeString(dir.resolve("meta.properties"), "version=1\n");
        Files.createDirectories(dir.resolve("__cluster_metadata-0"));
        Files.createDirectories(dir.resolve("orders-0"));
        Files.createDirectories(dir.resolve("orders-1.0123456789abcdef0123456789abcdef-stray"));
        Files.createDirectories(dir.resolve("lost+found"));
        Files.createDirectories(dir.resolve("foo"));

        Report r = LogDirChecker.check(dir);

        List<String> codes = codes(r);
        assertTrue(codes.contains("LAYOUT-STRAY-FOLDER foo"), codes.toString());
        assertTrue(codes.contains("LAYOUT-STRAY-FOLDER lost+found"), codes.toString());
        assertTrue(codes.contains("LAYOUT-PARTITION-STRAY orders-1.0123456789abcdef0123456789abcdef-stray"), codes.toString());
        assertTrue(codes.stream().noneMatch(c -> c.endsWith(" orders-0")), codes.toString());
        assertTrue(r.startupOutlook().get(0).startsWith("broker would exit"), r.startupOutlook().toString());
    }

    @Test
    void segmentFilesAreGroupedAndOrphansReported() throws Exception {
        Files.writeString(dir.resolve("meta.properties"), "version=1\n");
        Files.createDirectories(dir.resolve("__cluster_metadata-0"));
        Path p = Files.createDirectories(dir.resolve("orders-0"));
        Files.write(p.resolve("00000000000000000000.log"), new byte[0]);
        Files.write(p.resolve("00000000000000000000.index"), new byte[0]);
        Files.write(p.resolve("00000000000000000100.log"), new byte[0]);
        Files.write(p.resolve("00000000000000000200.index"), new byte[0]);
        Files.write(p.resolve("00000000000000000100.log.deleted"), new byte[0]);

        LogDirLayout layout = LogDirLayout.scan(dir);
        PartitionDir orders = layout.dataPartitions().get(0);
        assertEquals(3, orders.segments().size());
        assertEquals(200, orders.activeSegment().baseOffset());

        List<String> codes = codes(LogDirChecker.check(dir));
        assertTrue(codes.contains("LAYOUT-INDEX-MISSING orders-0/00000000000000000100.log"), codes.toString());
        assertTrue(codes.contains("LAYOUT-ORPHAN-INDEX orders-0/00000000000000000200.index"), codes.toString());
        assertTrue(codes.contains("LAYOUT-LEFTOVER-TEMP orders-0/00000000000000000100.log.deleted"), codes.toString());
    }

    @Test
    void missingMetadataDirIsReportedWhenNoCheckedDirHasIt() throws Exception {
        Files.writeString(dir.resolve("meta.properties"), "version=1\n");
        Files.createDirectories(dir.resolve("orders-0"));
        Report r = LogDirChecker.check(dir);
        assertTrue(r.findings().stream().map(Finding::code).anyMatch(c -> c == LayoutCodes.METADATA_DIR_MISSING));
    }

    @Test
    void notADirectoryIsAFindingNotAnException() {
        Report r = LogDirChecker.check(dir.resolve("nope"));
        assertEquals("LAYOUT-NOT-A-DIRECTORY", r.findings().get(0).code().id());
    }

    @Test
    void partitionNamesParseLikeKafka() {
        assertEquals(new PartitionDirName("a-b", 3, PartitionDirName.State.LIVE), PartitionDirName.parse("a-b-3").orElseThrow());
        assertTrue(PartitionDirName.parse("foo").isEmpty());
        assertTrue(PartitionDirName.parse("lost+found").isEmpty());
        assertTrue(PartitionDirName.parse("__cluster_metadata-0").orElseThrow().isMetadata());
        assertEquals(PartitionDirName.State.DELETE,
                PartitionDirName.parse("t-0.0123456789abcdef0123456789abcdef-delete").orElseThrow().state());
    }
}
