package dev.kfsck.core.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any plan over any files: apply-then-undo leaves the log dir exactly as found, and a failure at any step
 * leaves it exactly as found too.
 */
class RepairRoundTripProperties {

    /** One file and what the plan does to it: 0 nothing, 1 write, 2 delete, 3 truncate, 4 move out, 5 create. */
    record FilePlan(byte[] content, int op, byte[] newBytes, int cutPercent) {
    }

    @Provide
    Arbitrary<List<FilePlan>> plans() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<FilePlan> one = Combinators.combine(bytes, Arbitraries.integers().between(0, 5), bytes,
                Arbitraries.integers().between(0, 100)).as(FilePlan::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 40)
    void applyThenUndoRestoresEveryByte(@ForAll("plans") List<FilePlan> files) throws Exception {
        roundTrip(files, -1);
    }

    @Property(tries = 40)
    void aFailureAtAnyStepRollsBackEveryByte(@ForAll("plans") List<FilePlan> files,
                                            @ForAll("failAt") int failAt) throws Exception {
        roundTrip(files, failAt);
    }

    @Provide
    Arbitrary<Integer> failAt() {
        return Arbitraries.integers().between(0, 5);
    }

    private void roundTrip(List<FilePlan> files, int failAt) throws Exception {
        Path root = Files.createTempDirectory("kfsck-prop");
        try {
            Path logDir = Files.createDirectories(root.resolve("logs/topic-0"));
            List<RepairPlan.Step> steps = new ArrayList<>();
            Provenance why = Provenance.of("property");
            for (int i = 0; i < files.size(); i++) {
                FilePlan f = files.get(i);
                Path p = logDir.resolve(String.format("%020d.log", i));
                if (f.op() != 5) Files.write(p, f.content());
                RepairAction a = switch (f.op()) {
                    case 1, 5 -> new RepairAction.WriteFile(p, f.newBytes(), why);
                    case 2 -> new RepairAction.DeleteFile(p, why);
                    case 3 -> new RepairAction.TruncateFile(p, (long) f.content().length * f.cutPercent() / 100, why);
                    case 4 -> new RepairAction.MoveOut(p, root.resolve("out/" + p.getFileName()), why);
                    default -> null;
                };
                if (a != null) steps.add(RepairPlan.Step.of(a, "step " + i));
            }
            SortedMap<String, String> before = LogDirFixture.tree(root.resolve("logs"));
            ApplyResult r = new RepairExecutor((i, a) -> {
                if (i == failAt) throw new IOException("injected");
            }).run(new RepairPlan(steps, List.of()), List.of(root.resolve("logs")), root.resolve("backup"));
            if (failAt >= 0 && failAt < steps.size()) {
                assertEquals(Journal.State.ROLLED_BACK, r.state(), r.failure());
            } else {
                assertEquals(Journal.State.APPLIED, r.state(), r.failure());
                assertEquals(Journal.State.UNDONE, Undo.apply(r.journalFile()).state());
            }
            assertEquals(before, LogDirFixture.tree(root.resolve("logs")));
            assertEquals(new TreeMap<>(), outside(root.resolve("out")), "moved files came back");
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    private static SortedMap<String, String> outside(Path dir) throws IOException {
        if (!Files.exists(dir)) return new TreeMap<>();
        SortedMap<String, String> t = LogDirFixture.tree(dir);
        t.remove("");
        return t;
    }
}
