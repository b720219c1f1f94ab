package dev.kfsck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * The rules every parser entry point keeps on any input: it returns (a model and findings, or a typed result) and
 * never throws; it finishes within {@link #TIME_LIMIT}; each finding names the file it was given and lies inside it.
 */
final class ParserRules {

    /** Generous: the largest input here parses in milliseconds; only a hang or a quadratic blow-up hits it. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ParserRules() {
    }

    /** What a checked parse gave, and how many bytes its thread allocated. */
    record Checked(List<FileKind.Outcome> outcomes, long allocatedBytes) {

        boolean anyError() {
            return outcomes.stream().flatMap(o -> o.findings().stream()).anyMatch(f -> f.severity() == Severity.ERROR);
        }

        List<Finding> findings() {
            return outcomes.stream().flatMap(o -> o.findings().stream()).toList();
        }
    }

    /** Parses with every entry point of {@code kind} and holds the result to the rules. */
    static Checked check(FileKind kind, String rel, byte[] bytes) {
        Checked c = assertTimeoutPreemptively(TIME_LIMIT, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            List<FileKind.Outcome> outcomes;
            try {
                outcomes = kind.parse(rel, bytes);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(kind + " parser threw on " + bytes.length + " bytes: " + Hex.head(bytes), e);
            }
            return new Checked(outcomes, THREADS.getCurrentThreadAllocatedBytes() - before);
        }, () -> kind + " parse of " + bytes.length + " bytes took over " + TIME_LIMIT + ": " + Hex.head(bytes));
        for (FileKind.Outcome o : c.outcomes()) {
            for (Finding f : o.findings()) {
                assertInside(o.entryPoint(), rel, bytes.length, f);
            }
        }
        return c;
    }

    /**
     * The same rules without the watchdog thread, for a coverage-guided fuzzer that runs millions of inputs and has
     * its own time limit per input.
     */
    static List<FileKind.Outcome> checkInline(FileKind kind, String rel, byte[] bytes) {
        List<FileKind.Outcome> outcomes = kind.parse(rel, bytes);
        for (FileKind.Outcome o : outcomes) {
            for (Finding f : o.findings()) assertInside(o.entryPoint(), rel, bytes.length, f);
        }
        return outcomes;
    }

    static void assertInside(String entryPoint, String rel, long size, Finding f) {
        String where = entryPoint + ": " + f;
        assertEquals("", f.location().logDir(), where);
        assertEquals(rel, f.location().file(), where);
        long off = f.location().offset();
        long len = f.location().length();
        if (off == -1) {
            assertTrue(len == -1 || len == size, where + " (a whole-file finding has no length or the file's)");
            return;
        }
        assertTrue(off >= 0 && off <= size, where + " offset outside the " + size + "-byte file");
        assertTrue(len >= -1, where);
        if (len > 0) assertTrue(off + len <= size, where + " range ends past the " + size + "-byte file");
        if (off == size && size > 0 && len > 0) fail(where + " a non-empty range that starts at the end");
    }
}
