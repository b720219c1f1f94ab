package dev.kfsck.testdata.gen;

import dev.kfsck.testdata.Fixtures;
import dev.kfsck.testdata.corrupt.Applied;
import dev.kfsck.testdata.corrupt.Corruption;
import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the bundled seed-incident dirs, {@code testdata/corrupted/seed-incident/}: the three nodes of the
 * {@code quorum3-4.3} fixture with the damage of the incident that started kfsck (2025-11-01): on every node the
 * {@code replication-offset-checkpoint} null-filled; node 0's {@code quorum-state} reset to a fresh node's (empty
 * clusterId, leaderEpoch 0), node 1's with a leaderEpoch far above its log's, node 2's null-filled.
 *
 * <p>The committed files are the fixture's committed bytes (so the metadata log's active index files end after their
 * last entry, without the broker's zero tail) plus the corruptions, which {@code corruptions.txt} lists.
 */
public final class SeedIncident {

    private SeedIncident() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "testdata/corrupted/seed-incident");
        write(out);
        System.out.println("wrote " + out);
    }

    public static List<Applied> write(Path out) throws IOException {
        if (Files.exists(out)) PathUtils.deleteDirectory(out);
        Path source = Fixtures.dir("quorum3-4.3");
        Files.createDirectories(out.getParent());
        PathUtils.copyDirectory(source, out);
        List<Applied> applied = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            applied.add(Corruption.REPL_CKPT_NULL_FILL.apply(dataDir(out, node)));
        }
        applied.add(Corruption.QS_EMPTY_CLUSTER_ID_EPOCH_0.apply(dataDir(out, 0)));
        applied.add(Corruption.QS_EPOCH_FAR_AHEAD.apply(dataDir(out, 1)));
        applied.add(Corruption.QS_NULL_FILL.apply(dataDir(out, 2)));
        StringBuilder sb = new StringBuilder("# Corruptions applied to a copy of testdata/fixtures/quorum3-4.3 by SeedIncident\n");
        for (int i = 0; i < applied.size(); i++) {
            Applied a = applied.get(i);
            int node = i < 3 ? i : i - 3;
            sb.append("node-").append(node).append('\t').append(a.name()).append('\t').append(a.file())
                    .append("\toffset ").append(a.offset()).append("\tlength ").append(a.length()).append('\t').append(a.description()).append('\n');
        }
        Files.writeString(out.resolve("corruptions.txt"), sb.toString());
        return applied;
    }

    public static Path dataDir(Path root, int node) {
        return root.resolve("node-" + node).resolve("data");
    }
}
