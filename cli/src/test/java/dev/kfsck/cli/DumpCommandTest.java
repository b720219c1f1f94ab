package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCommandTest {

    @TempDir
    Path tmp;

    private static List<JsonNode> jsonLines(String out) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.split("\n")) if (!l.isBlank()) lines.add(m.readTree(l));
        return lines;
    }

    @Test
    void rawDumpShowsEveryByteAndFoldsZeroRuns() throws Exception {
        byte[] bytes = new byte[16 + 64 + 5];
        bytes[0] = 'k';
        bytes[1] = 0x7f;
        for (int i = 80; i < bytes.length; i++) bytes[i] = (byte) ('a' + i - 80);
        Path f = Files.write(tmp.resolve("mystery.bin"), bytes);

        Cli.Result r = Cli.run("dump", "--format", "jsonl", f.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        List<JsonNode> lines = jsonLines(r.out());
        assertEquals("file", lines.get(0).get("type").asText());
        assertEquals("raw", lines.get(0).get("kind").asText());
        assertEquals(bytes.length, lines.get(0).get("size").asLong());
        assertEquals("6b 7f 00 00 00 00 00 00 00 00 00 00 00 00 00 00", lines.get(1).get("hex").asText());
        assertEquals("k...............", lines.get(1).get("text").asText());
        assertEquals("zeros", lines.get(2).get("type").asText());
        assertEquals(16, lines.get(2).get("offset").asLong());
        assertEquals(64, lines.get(2).get("length").asLong());
        assertEquals(80, lines.get(3).get("offset").asLong());
        assertEquals("abcde", lines.get(3).get("text").asText());
        assertEquals("end", lines.get(lines.size() - 1).get("type").asText());
        long covered = 0;
        for (JsonNode l : lines) if (l.has("length") && !l.get("length").isNull()) covered += l.get("length").asLong();
        assertEquals(bytes.length, covered, "every byte is in exactly one row");
    }

    @Test
    void textDumpHasByteRangesAndSeveralFiles() throws Exception {
        Path a = Files.write(tmp.resolve("a.bin"), new byte[] {1, 2, 3});
        Path b = Files.write(tmp.resolve("b.bin"), new byte[48]);
        Cli.Result r = Cli.run("dump", "--kind", "raw", a.toString(), b.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.out().contains(a + "  (raw, 3 bytes)"), r.out());
        assertTrue(r.out().contains("@0+3"), r.out());
        assertTrue(r.out().contains("01 02 03"), r.out());
        assertTrue(r.out().contains(b + "  (raw, 48 bytes)"), r.out());
        assertTrue(r.out().contains("zeros bytes=48"), r.out());
    }

    @Test
    void dumpOfAMissingFileOrADirIsAnOperationalError() {
        Cli.Result missing = Cli.run("dump", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.OPERATIONAL, missing.exit(), missing.toString());
        assertEquals(1, missing.err().lines().count());
        Cli.Result dir = Cli.run("dump", tmp.toString());
        assertEquals(ExitCodes.OPERATIONAL, dir.exit(), dir.toString());
        assertTrue(dir.err().contains("is a directory"), dir.err());
        assertFalse(dir.err().contains("\tat "));
    }

    @Test
    void unknownKindOrFormatIsAUsageError() throws Exception {
        Path f = Files.write(tmp.resolve("x"), new byte[] {1});
        Cli.Result kind = Cli.run("dump", "--kind", "teapot", f.toString());
        assertEquals(ExitCodes.USAGE, kind.exit(), kind.toString());
        assertTrue(kind.err().contains("kinds: "), kind.err());
        assertEquals(ExitCodes.USAGE, Cli.run("dump", "--format", "xml", f.toString()).exit());
        assertEquals(ExitCodes.USAGE, Cli.run("dump").exit());
    }
}
