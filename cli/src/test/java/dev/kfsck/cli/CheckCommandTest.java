package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {

    @TempDir
    Path tmp;

    @Test
    void healthyDirExitsZeroAndSaysTheBrokerWouldStart() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("check", dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.out().contains("Summary: 0 errors, 0 warnings, "), r.toString());
        assertTrue(r.out().contains(" in 1 log dir\n"), r.toString());
        assertTrue(r.out().contains("broker would start"), r.toString());
        assertEquals("", r.err());
    }

    @Test
    void errorFindingIsReportedWithEverythingAndExitsFour() throws Exception {
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("check", dir.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("lost+found"), out);
        assertTrue(out.contains("ERROR LAYOUT-STRAY-FOLDER"), out);
        assertTrue(out.contains("seen:     lost+found"), out);
        assertTrue(out.contains("expected: <topic>-<partition>"), out);
        assertTrue(out.contains("kafka:    broker would exit"), out);
        assertTrue(out.contains("repair:   move the folder out of the log dir"), out);
        assertTrue(out.contains("Summary: 1 error"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("broker would exit: ") && l.contains("lost+found")), out);
    }

    @Test
    void findingsAreGroupedByDirThenFile() throws Exception {
        Path a = LogDirs.withStrayFolder(tmp.resolve("a"));
        Path b = LogDirs.withWarningOnly(tmp.resolve("b"));
        String out = Cli.run("check", a.toString(), b.toString()).out();
        List<String> lines = out.lines().toList();
        int dirA = headingLine(lines, a);
        int stray = lines.indexOf("  lost+found");
        int dirB = headingLine(lines, b);
        int swap = lines.indexOf("  orders-0/00000000000000000202.log.swap");
        assertTrue(dirA >= 0 && dirA < stray && stray < dirB && dirB < swap, out);
        assertTrue(lines.get(swap + 1).startsWith("    WARN  LAYOUT-LEFTOVER-SWAP"), out);
        assertTrue(out.contains("checked 2 log dirs"), out);
    }

    private static int headingLine(List<String> lines, Path dir) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(dir.toString()) || lines.get(i).startsWith(dir + "  (")) return i;
        }
        return -1;
    }

    @Test
    void warningsAloneExitZeroUnlessFailOnWarn() throws Exception {
        Path dir = LogDirs.withWarningOnly(tmp.resolve("data-0"));
        Cli.Result normal = Cli.run("check", dir.toString());
        assertEquals(ExitCodes.OK, normal.exit(), normal.toString());
        assertTrue(normal.out().contains("WARN  LAYOUT-LEFTOVER-SWAP"), normal.toString());
        assertEquals(ExitCodes.UNCORRECTED, Cli.run("check", "--fail-on", "warn", dir.toString()).exit());
        assertEquals(ExitCodes.OK, Cli.run("check", "--fail-on=ERROR", dir.toString()).exit());
    }

    @Test
    void jsonReportCarriesFindingsFactsAndSummary() throws Exception {
        Path a = LogDirs.withStrayFolder(tmp.resolve("a"));
        Path b = LogDirs.withWarningOnly(tmp.resolve("b"));
        Cli.Result r = Cli.run("check", "--format", "json", a.toString(), b.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("kfsck-report/1", doc.get("schema").asText());
        assertEquals(KfsckVersion.version(), doc.at("/kfsck/version").asText());
        assertEquals(2, doc.get("dirs").size());
        JsonNode stray = null;
        for (JsonNode f : doc.at("/dirs/0/findings")) if (f.get("code").asText().equals("LAYOUT-STRAY-FOLDER")) stray = f;
        assertTrue(stray != null, r.out());
        assertEquals("ERROR", stray.get("severity").asText());
        assertEquals("STARTUP_FATAL", stray.get("reaction").asText());
        assertEquals("lost+found", stray.get("file").asText());
        assertTrue(stray.get("offset").isNull());
        assertEquals("lost+found", stray.at("/evidence/seen").asText());
        assertFalse(stray.get("repair").asText().isEmpty());
        assertTrue(doc.at("/dirs/1/facts").isObject());
        // Two copies of one node's dir also disagree with each other (same node and directory ids): cross-dir findings.
        int errors = 0;
        int warnings = 0;
        List<JsonNode> all = new java.util.ArrayList<>();
        doc.get("dirs").forEach(d -> d.get("findings").forEach(all::add));
        doc.get("crossDirFindings").forEach(all::add);
        for (JsonNode f : all) {
            if (f.get("severity").asText().equals("ERROR")) errors++;
            if (f.get("severity").asText().equals("WARN")) warnings++;
        }
        assertEquals(errors, doc.at("/summary/errors").asInt());
        assertEquals(warnings, doc.at("/summary/warnings").asInt());
        assertTrue(warnings >= 1 && errors >= 1, r.out());
        assertEquals(ExitCodes.UNCORRECTED, doc.at("/summary/exitCode").asInt());
        assertTrue(doc.at("/summary/startupOutlook/0").asText().startsWith("broker would exit: "));
        assertEquals("", r.err());
    }

    @Test
    void jsonValidatesAgainstThePublishedSchema() throws Exception {
        Path a = LogDirs.withStrayFolder(tmp.resolve("a"));
        Path b = LogDirs.withWarningOnly(tmp.resolve("b"));
        Path c = LogDirs.healthy(tmp.resolve("c"));
        Files.createDirectories(tmp.resolve("d").resolve("orders-0"));
        for (String[] args : new String[][] {
                {a.toString()}, {a.toString(), b.toString(), c.toString()}, {tmp.resolve("d").toString()}}) {
            String[] full = new String[args.length + 3];
            full[0] = "check";
            full[1] = "--format";
            full[2] = "json";
            System.arraycopy(args, 0, full, 3, args.length);
            Cli.Result r = Cli.run(full);
            ReportSchema.assertValid(r.out());
        }
    }

    @Test
    void missingPathIsAnOperationalErrorInOneLine() {
        Cli.Result r = Cli.run("check", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.OPERATIONAL, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("kfsck check: cannot read "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFileInsteadOfADirIsAnOperationalError() throws Exception {
        Path f = Files.writeString(tmp.resolve("meta.properties"), "version=1\n");
        Cli.Result r = Cli.run("check", f.toString());
        assertEquals(ExitCodes.OPERATIONAL, r.exit(), r.toString());
        assertTrue(r.err().contains("not a directory"), r.err());
    }

    @Test
    void unreadableDirIsAnOperationalError() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("locked"));
        boolean changed = dir.toFile().setReadable(false, false) && dir.toFile().setExecutable(false, false);
        try {
            Cli.Result r = Cli.run("check", dir.toString());
            if (changed && !Files.isReadable(dir)) {
                assertEquals(ExitCodes.OPERATIONAL, r.exit(), r.toString());
                assertTrue(r.err().contains("permission denied"), r.err());
            } else {
                // Running as root: permissions do not stop reads, so the dir is checked as usual.
                assertEquals(ExitCodes.OK, r.exit(), r.toString());
            }
        } finally {
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
        }
    }

    @Test
    void colourOnlyWhenAskedOrOnATerminal() throws Exception {
        Path dir = LogDirs.withStrayFolder(tmp.resolve("data-0"));
        // Tests run without a terminal, so auto means no colour.
        assertFalse(Cli.run("check", dir.toString()).out().contains("\u001b["));
        assertFalse(Cli.run("check", "--color", "never", dir.toString()).out().contains("\u001b["));
        assertTrue(Cli.run("check", "--color=always", dir.toString()).out().contains("\u001b[1;31mERROR"));
    }

    @Test
    void noProgressBarWithoutATerminal() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("data-0"));
        Cli.Result r = Cli.run("check", dir.toString(), dir.toString());
        assertEquals("", r.err());
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        Path dir = LogDirs.healthy(tmp.resolve("data-0"));
        for (String[] args : new String[][] {
                {"check"},
                {"check", "--format", "xml", dir.toString()},
                {"check", "--fail-on", "info", dir.toString()},
                {"check", "--no-such-option", dir.toString()},
                {"frobnicate"},
                {}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", args) + "\n" + r);
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().contains("--help"), r.toString());
            assertFalse(r.err().contains("\tat "), r.toString());
        }
    }
}
