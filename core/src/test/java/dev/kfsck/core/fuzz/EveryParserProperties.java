package dev.kfsck.core.fuzz;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every parser entry point of kfsck-core ({@link FileKind#parse}) on inputs it was not written for: it returns a model
 * and findings (or a typed scan) and never throws, finishes in bounded time, and every finding lies inside the file.
 * The format packages test their own parser against Kafka on small inputs; here all of them get the same inputs.
 */
class EveryParserProperties {

    /** The same arbitrary bytes, given to every parser under its usual file name. */
    @Property
    void arbitraryBytesToEveryParser(@ForAll @Size(max = 4096) byte[] bytes) {
        for (FileKind kind : FileKind.values()) {
            ParserRules.check(kind, kind.samplePath, bytes);
        }
    }

    /**
     * A real file's first bytes (its header, its first batch or first lines), then arbitrary bytes: gets past the
     * first checks of each parser, where arbitrary bytes alone rarely do.
     */
    @Property
    void realStartThenArbitraryBytes(@ForAll("realFiles") FixtureCorpus.RealFile file,
                                     @ForAll @IntRange(max = 200) int keep, @ForAll @Size(max = 2048) byte[] tail) {
        int start = Math.min(keep, file.bytes().length);
        byte[] bytes = Arrays.copyOf(file.bytes(), start + tail.length);
        System.arraycopy(tail, 0, bytes, start, tail.length);
        ParserRules.check(file.kind(), file.rel(), bytes);
    }

    /** A real file of one kind given to the parser of another kind: formats that look alike must not confuse. */
    @Property
    void realFilesToTheWrongParser(@ForAll("realFiles") FixtureCorpus.RealFile file, @ForAll("kinds") FileKind kind) {
        ParserRules.check(kind, kind.samplePath, file.bytes());
    }

    /** Mutated real files of every kind: the parser rules alone (the Kafka oracle is FixtureMutationProperties'). */
    @Property
    void mutatedRealFiles(@ForAll("realFiles") FixtureCorpus.RealFile file, @ForAll("mutations") List<Mutation> ms) {
        ParserRules.check(file.kind(), file.rel(), Mutation.applyAll(ms, file.bytes()));
    }

    @Provide
    Arbitrary<FileKind> kinds() {
        return Arbitraries.of(FileKind.values());
    }

    @Provide
    Arbitrary<FixtureCorpus.RealFile> realFiles() {
        FixtureCorpus corpus = FixtureCorpus.get();
        net.jqwik.api.Assume.that(!corpus.isEmpty());
        return Arbitraries.of(corpus.byKind.keySet().toArray(FileKind[]::new)).flatMap(k -> Arbitraries.of(corpus.of(k)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }
}
