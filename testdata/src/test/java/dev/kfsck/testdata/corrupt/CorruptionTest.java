package dev.kfsck.testdata.corrupt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every named corruption changes exactly the bytes its {@link Applied} describes, on every scenario. */
class CorruptionTest {

    static Stream<Arguments> everyCorruptionOnEveryScenario() {
        return Fixtures.SCENARIOS.stream().flatMap(s -> Arrays.stream(Corruption.values()).map(c -> Arguments.of(s, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyCorruptionOnEveryScenario")
    void changesExactlyWhatItDescribes(String scenario, Corruption corruption, @TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest(scenario);
        Path copy = Fixtures.copy(scenario, tmp);
        Path logDir = copy.resolve(m.firstNode().logDir());
        Map<Path, byte[]> before = smallFiles(logDir);

        Applied a = corruption.apply(m, copy);

        assertEquals(corruption.name(), a.name());
        assertEquals(logDir.resolve(a.file()), a.path());
        assertFalse(a.description().isEmpty());
        byte[] old = before.get(a.path());
        switch (a.kind()) {
            case NULL_FILL -> {
                byte[] now = Files.readAllBytes(a.path());
                assertEquals(old.length, now.length);
                assertTrue(range(old, a).anyMatch(b -> b != 0), "the range held data before");
                assertTrue(range(now, a).allMatch(b -> b == 0));
                assertOutsideUnchanged(old, now, a);
            }
            case ZERO_TAIL -> {
                byte[] now = Files.readAllBytes(a.path());
                assertEquals(old.length, a.offset());
                assertEquals(old.length + a.length(), now.length);
                assertArrayEquals(old, Arrays.copyOf(now, old.length));
                assertTrue(range(now, a).allMatch(b -> b == 0));
            }
            case TRUNCATE -> {
                byte[] now = Files.readAllBytes(a.path());
                assertEquals(a.offset(), now.length);
                assertEquals(old.length, a.offset() + a.length());
                assertArrayEquals(Arrays.copyOf(old, now.length), now);
            }
            case FLIP_BIT -> {
                byte[] now = Files.readAllBytes(a.path());
                assertEquals(1, a.length());
                assertEquals(old.length, now.length);
                assertEquals(1, Integer.bitCount((old[(int) a.offset()] ^ now[(int) a.offset()]) & 0xff));
                assertOutsideUnchanged(old, now, a);
            }
            case GARBAGE -> {
                byte[] now = Files.readAllBytes(a.path());
                assertEquals(Math.max(old.length, a.offset() + a.length()), now.length);
                assertFalse(Arrays.equals(Arrays.copyOfRange(old, (int) a.offset(), (int) Math.min(old.length, a.offset() + a.length())),
                        Arrays.copyOfRange(now, (int) a.offset(), (int) Math.min(old.length, a.offset() + a.length())))
                        && old.length > 0);
                assertOutsideUnchanged(Arrays.copyOf(old, now.length), now, a);
            }
            case REWRITE -> {
                byte[] now = Files.readAllBytes(a.path());
                assertFalse(Arrays.equals(old, now));
                assertTrue(a.offset() + a.length() <= now.length);
                assertTrue(a.length() > 0);
            }
            case REMOVE -> {
                assertFalse(Files.exists(a.path()));
                assertEquals(old.length, a.length());
            }
            case ADD_FOLDER -> {
                assertTrue(Files.isDirectory(a.path()));
                assertFalse(before.containsKey(a.path()));
            }
            default -> throw new AssertionError(a.kind());
        }
        // Nothing else in the log dir changed.
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            if (!e.getKey().equals(a.path())) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
            }
        }
    }

    @Test
    void segmentFlipBreaksTheCrcOfExactlyThatBatchAsKafkaSeesIt(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path copy = Fixtures.copy("single-4.3-kill", tmp);
        Applied a = Corruption.SEG_CRC_FLIP_MIDDLE.apply(m, copy);
        int invalid = 0;
        try (FileRecords records = FileRecords.open(a.path().toFile(), false)) {
            for (FileChannelRecordBatch b : records.batches()) {
                boolean contains = b.position() <= a.offset() && a.offset() < b.position() + b.sizeInBytes();
                assertEquals(!contains, b.isValid(), "batch at " + b.position());
                invalid += b.isValid() ? 0 : 1;
            }
        }
        assertEquals(1, invalid);
    }

    @Test
    void quorumStateEditsKeepValidJsonWithTheNewValue(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-kill");
        Path copy = Fixtures.copy("single-4.3-kill", tmp);
        Applied a = Corruption.QS_EPOCH_FAR_AHEAD.apply(m, copy);
        String json = Files.readString(a.path(), StandardCharsets.UTF_8);
        var tree = Fixtures.json().readTree(json);
        assertEquals(1_000_000, tree.get("leaderEpoch").asInt());
        assertEquals("1000000", json.substring((int) a.offset(), (int) (a.offset() + a.length())));
        assertEquals(m.quorum().leaderId(), tree.get("leaderId").asInt());
    }

    @Test
    void epochBelowLogIsBelowTheMetadataLogsLatestEpoch(@TempDir Path tmp) throws Exception {
        Manifest m = Fixtures.manifest("single-4.3-clean");
        Path copy = Fixtures.copy("single-4.3-clean", tmp);
        Applied a = Corruption.QS_EPOCH_BELOW_LOG.apply(m, copy);
        var tree = Fixtures.json().readTree(Files.readString(a.path()));
        assertTrue(tree.get("leaderEpoch").asLong() < m.quorum().leaderEpoch());
    }

    @Test
    void primitivesRefuseMissingFiles(@TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> Damage.nullFillFile(tmp, "nope"));
        assertNotEquals(0, Corruption.values().length);
    }

    private static Stream<Byte> range(byte[] bytes, Applied a) {
        return java.util.stream.IntStream.range((int) a.offset(), (int) (a.offset() + a.length())).mapToObj(i -> bytes[i]);
    }

    private static void assertOutsideUnchanged(byte[] old, byte[] now, Applied a) {
        for (int i = 0; i < now.length; i++) {
            if (i < a.offset() || i >= a.offset() + a.length()) {
                if (old[i] != now[i]) {
                    throw new AssertionError(a.file() + ": byte " + i + " outside the described range changed");
                }
            }
        }
    }

    /** Every file up to 1 MiB (the preallocated 10 MiB metadata indexes are never targets). */
    private static Map<Path, byte[]> smallFiles(Path logDir) throws Exception {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(logDir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (Files.size(p) <= 1024 * 1024) {
                    out.put(p, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
