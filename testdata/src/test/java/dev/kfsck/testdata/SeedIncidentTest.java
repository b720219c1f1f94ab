package dev.kfsck.testdata;

import dev.kfsck.testdata.gen.SeedIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SeedIncidentTest {

    @TempDir
    Path tmp;

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    void committedBundleIsWhatTheGeneratorWrites() throws IOException {
        Path fresh = tmp.resolve("seed-incident");
        SeedIncident.write(fresh);
        Path committed = Fixtures.root().getParent().resolve("corrupted").resolve("seed-incident");
        assertEquals(tree(fresh), tree(committed), "testdata/corrupted/seed-incident is stale: regenerate it (testdata/README.md)");
    }

    @Test
    void everyNodeHasTheIncidentDamage() throws IOException {
        Path committed = Fixtures.root().getParent().resolve("corrupted").resolve("seed-incident");
        for (int node = 0; node < 3; node++) {
            byte[] repl = Files.readAllBytes(SeedIncident.dataDir(committed, node).resolve("replication-offset-checkpoint"));
            for (byte b : repl) assertEquals(0, b);
        }
        String qs0 = Files.readString(SeedIncident.dataDir(committed, 0).resolve("__cluster_metadata-0/quorum-state"));
        assertNotEquals(-1, qs0.indexOf("\"leaderEpoch\":0"));
        String qs1 = Files.readString(SeedIncident.dataDir(committed, 1).resolve("__cluster_metadata-0/quorum-state"));
        assertNotEquals(-1, qs1.indexOf("\"leaderEpoch\":1000000"));
    }
}
