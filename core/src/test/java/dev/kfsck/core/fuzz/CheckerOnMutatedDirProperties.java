package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kfsck.core.analysis.LogDirChecker;
import dev.kfsck.core.analysis.Report;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The whole check ({@link LogDirChecker#check}) on a real log dir with one file damaged: it never throws and ends in
 * bounded time; and for each kind of file the checker already reads, whenever Kafka's own reader refuses the damaged
 * file, the report holds an ERROR on that file (exceptions as in {@link KafkaAgreement}).
 *
 * <p>Which kinds the checker reads is probed, not assumed: a kind counts once the checker reports anything about a
 * file of that kind filled with 0xFF bytes. Passes still being written elsewhere join the oracle as they land.
 */
class CheckerOnMutatedDirProperties {

    private static final Duration CHECK_LIMIT = Duration.ofSeconds(60);
    private static Path copies;
    private static final Map<FileKind, Boolean> WIRED = new EnumMap<>(FileKind.class);

    @AfterContainer
    static void deleteCopies() {
        if (copies != null) FixtureCorpus.deleteTree(copies);
        // Which kinds the oracle held the checker to in this run (the others it only ran on).
        System.out.println("LogDirChecker reads, by kind: " + WIRED);
    }

    @Property
    void checkerReportsWhatKafkaRefuses(@ForAll("realFiles") FixtureCorpus.RealFile file,
                                        @ForAll("mutations") List<Mutation> mutations) throws IOException {
        byte[] bytes = Mutation.applyAll(mutations, file.bytes());
        List<Finding> onFile = checkWith(file, bytes);
        if (knownGap(file) != null || !wired(file)) return;
        KafkaOracle.Verdict kafka = KafkaOracle.judge(file.kind(), file.rel(),
                FixtureMutationProperties.withoutZeroSlack(file.kind(), bytes));
        KafkaAgreement.assertAgrees(file.kind(), bytes, onFile, null, kafka, () -> "LogDirChecker on " + file + " after " + mutations);
    }

    /**
     * Files the checker is known not to read yet although it reads their kind elsewhere, each with the reason; the
     * owner of the pass has been told. Remove an entry when the pass lands: the oracle then holds it too.
     */
    static String knownGap(FixtureCorpus.RealFile file) {
        return null;
    }

    /** Writes the bytes in place of the file in a working copy, checks the dir, puts the original back. */
    static List<Finding> checkWith(FixtureCorpus.RealFile file, byte[] bytes) throws IOException {
        Path logDir = workingCopyOf(file);
        Path target = logDir.resolve(file.rel());
        Files.write(target, bytes);
        try {
            Report report = assertTimeoutPreemptively(CHECK_LIMIT, () -> LogDirChecker.check(logDir),
                    () -> "check of " + logDir + " with " + file + " damaged took over " + CHECK_LIMIT);
            return report.findings().stream().filter(f -> f.location().file().equals(file.rel())).toList();
        } finally {
            Files.write(target, file.bytes());
        }
    }

    private static synchronized boolean wired(FixtureCorpus.RealFile file) {
        Boolean w = WIRED.get(file.kind());
        if (w == null) {
            byte[] garbage = new byte[Math.max(64, file.bytes().length)];
            Arrays.fill(garbage, (byte) 0xFF);
            try {
                w = !checkWith(file, garbage).isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            WIRED.put(file.kind(), w);
        }
        return w;
    }

    private static synchronized Path workingCopyOf(FixtureCorpus.RealFile file) throws IOException {
        FixtureCorpus corpus = FixtureCorpus.get();
        if (copies == null) {
            copies = Files.createTempDirectory("kfsck-fuzz-checker");
            Path dir = copies;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FixtureCorpus.deleteTree(dir)));
        }
        Path scenario = copies.resolve(file.scenario());
        if (!Files.exists(scenario)) Fixtures.copy(file.scenario(), scenario);
        return scenario.resolve(corpus.root.resolve(file.scenario()).relativize(file.logDir()));
    }

    @Provide
    Arbitrary<FixtureCorpus.RealFile> realFiles() {
        FixtureCorpus corpus = FixtureCorpus.get();
        Assume.that(!corpus.isEmpty());
        return Arbitraries.of(corpus.byKind.keySet().toArray(FileKind[]::new)).flatMap(k -> Arbitraries.of(corpus.of(k)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }
}
