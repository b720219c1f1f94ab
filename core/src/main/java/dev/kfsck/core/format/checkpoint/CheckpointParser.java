package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.Evidence;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.FindingCode;
import dev.kfsck.core.finding.Location;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.io.ZeroRuns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads checkpoints by the rules of Kafka 4.3.1's {@code CheckpointFile.CheckpointReadBuffer} and its entry formatters.
 *
 * <ul>
 *   <li>A 0-byte file, and a file holding only the version line, are valid and empty.</li>
 *   <li>The version line must be the int 0; the count line an int; every further line must split on {@code \s+}
 *       into exactly 3 (offsets) or 2 (leader epochs) fields; the number of entry lines must equal the count.
 *       Each of these failures is an IOException in Kafka, so the log dir goes offline.</li>
 *   <li>A field that is not a number, and a negative count, are non-IO exceptions: for offset checkpoints Kafka
 *       warns and drops the file; for leader-epoch checkpoints the log load fails and the broker exits.</li>
 * </ul>
 *
 * The parser never allocates by the count line, keeps every entry that parses (salvage), reports every damaged line
 * with its byte offset (at most {@link #MAX_FINDINGS} findings plus a summary), and works out what Kafka's own reader
 * would do with the same bytes ({@link KafkaReadOutcome}).
 */
public final class CheckpointParser {

    /** Findings listed per file before the rest are summarised. */
    public static final int MAX_FINDINGS = 50;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String file;
    private final byte[] bytes;
    private final CheckpointKind kind;
    private final CappedFindings findings;
    private final List<OffsetEntry> offsets = new ArrayList<>();
    private final List<EpochEntry> epochs = new ArrayList<>();
    private final List<Location> epochLines = new ArrayList<>();
    private final Map<String, Integer> seenPartitions = new HashMap<>();
    private OptionalInt count = OptionalInt.empty();

    private CheckpointParser(String file, byte[] bytes, CheckpointKind kind) {
        this.file = file;
        this.bytes = bytes;
        this.kind = kind;
        this.findings = new CappedFindings(file, MAX_FINDINGS, CheckpointCodes.MORE_FINDINGS);
    }

    /** Parses one of the four offset checkpoints. */
    public static Parsed<OffsetCheckpoint> parseOffsets(String file, byte[] bytes, CheckpointKind kind) {
        if (kind.isLeaderEpoch()) throw new IllegalArgumentException(kind + " is not an offset checkpoint");
        CheckpointParser p = new CheckpointParser(file, bytes, kind);
        KafkaReadOutcome outcome = p.run();
        return Parsed.of(new OffsetCheckpoint(kind, p.count, p.offsets, outcome), p.findings.done());
    }

    /** Parses a leader-epoch-checkpoint ({@code kind} says whether it is the metadata log's). */
    public static Parsed<LeaderEpochCheckpoint> parseLeaderEpochs(String file, byte[] bytes, CheckpointKind kind) {
        if (!kind.isLeaderEpoch()) throw new IllegalArgumentException(kind + " is not a leader-epoch checkpoint");
        CheckpointParser p = new CheckpointParser(file, bytes, kind);
        KafkaReadOutcome outcome = p.run();
        p.checkEpochValues();
        return Parsed.of(new LeaderEpochCheckpoint(kind, p.count, p.epochs, outcome), p.findings.done());
    }

    private KafkaReadOutcome run() {
        if (bytes.length == 0) return KafkaReadOutcome.READS;
        if (ZeroRuns.allZero(bytes)) {
            add(CheckpointCodes.NULL_BYTES, Location.at(file, 0, bytes.length), "the whole file is " + bytes.length
                    + " NUL bytes", Evidence.of(Evidence.hex(bytes, 0, 16), "0\\n<count>\\n<entries>"));
            return KafkaReadOutcome.FAILS_IO;
        }
        List<TextLines.Line> lines = TextLines.split(bytes, bytes.length);
        Utf8Replay.Result replay = Utf8Replay.readLines(bytes, bytes.length, lines.size() + 1);
        String[] text = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) text[i] = decodeLine(lines.get(i));

        checkHeader(lines, text);
        int entryLines = 0;
        for (int i = 2; i < lines.size(); i++) {
            if (!ZeroRuns.allZero(bytes, lines.get(i).start(), lines.get(i).end())) entryLines++;
            if (text[i] == null) continue;
            entry(lines.get(i), text[i]);
        }
        if (count.isPresent() && count.getAsInt() >= 0 && lines.size() >= 2 && count.getAsInt() != entryLines) {
            TextLines.Line l = lines.get(1);
            add(CheckpointCodes.COUNT_MISMATCH, Location.at(file, l.start(), l.length()), "the count line says "
                    + count.getAsInt() + " entries but " + entryLines + " entry lines follow"
                    + (count.getAsInt() > 10_000_000 ? " (Kafka also pre-allocates a list of that size)" : ""),
                    Evidence.of(count.getAsInt(), entryLines));
        }
        TextLines.Line last = lines.get(lines.size() - 1);
        if (!last.terminated() && !ZeroRuns.allZero(bytes, last.start(), last.end())) {
            add(CheckpointCodes.TRUNCATED, Location.at(file, last.start(), last.length()),
                    "the last line has no newline; Kafka ends every line with one",
                    Evidence.of(Evidence.printable(text[lines.size() - 1] == null ? "" : text[lines.size() - 1]), "a line ending in \\n"));
        }
        return kafkaOutcome(replay);
    }

    private void checkHeader(List<TextLines.Line> lines, String[] text) {
        TextLines.Line v = lines.get(0);
        if (text[0] != null) {
            Integer version = parseInt(text[0]);
            if (version == null) {
                if (!reportNul(v)) {
                    add(CheckpointCodes.MALFORMED_LINE, where(v), "the version line is not an int",
                            Evidence.of(Evidence.printable(text[0]), "0"));
                }
            } else if (version != 0) {
                add(CheckpointCodes.UNKNOWN_VERSION, where(v), "Unrecognised version:" + version + ", expected version: 0",
                        Evidence.of(version, 0));
            }
        }
        if (lines.size() < 2) return;
        TextLines.Line c = lines.get(1);
        if (text[1] == null) return;
        Integer n = parseInt(text[1]);
        if (n == null) {
            if (!reportNul(c)) {
                add(CheckpointCodes.MALFORMED_LINE, where(c), "the count line is not an int",
                        Evidence.of(Evidence.printable(text[1]), "the number of entries"));
            }
            return;
        }
        count = OptionalInt.of(n);
        if (n < 0) {
            add(kind.isLeaderEpoch() ? CheckpointCodes.LEC_BAD_NUMBER : CheckpointCodes.BAD_NUMBER, where(c),
                    "negative count " + n + ": Kafka's ArrayList throws IllegalArgumentException (not an IOException)",
                    Evidence.of(n, "a count >= 0"));
        }
    }

    private void entry(TextLines.Line l, String line) {
        String[] parts = WHITESPACE.split(line);
        if (parts.length != kind.fields()) {
            if (reportNul(l)) return;
            String why = line.isEmpty() ? "a blank line"
                    : (WHITESPACE.matcher(line.substring(0, 1)).matches() ? "leading whitespace, so " + parts.length + " fields"
                    : parts.length + " fields");
            add(CheckpointCodes.MALFORMED_LINE, where(l), "Malformed line: " + why + ", expected " + kind.fields(),
                    Evidence.of(Evidence.printable(line), kind.isLeaderEpoch() ? "epoch startOffset" : "topic partition offset"));
            return;
        }
        FindingCode badNumber = kind.isLeaderEpoch() ? CheckpointCodes.LEC_BAD_NUMBER : CheckpointCodes.BAD_NUMBER;
        try {
            if (kind.isLeaderEpoch()) {
                epochs.add(new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
                epochLines.add(where(l));
            } else {
                OffsetEntry e = new OffsetEntry(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                offsets.add(e);
                long[] nul = ZeroRuns.firstRun(bytes, l.start(), l.end(), 1);
                if (nul != null) {
                    add(CheckpointCodes.NULL_IN_TOPIC, Location.at(file, nul[0], nul[1]), nul[1] + " NUL bytes in topic name "
                            + "\"" + Evidence.printable(e.topic()) + "\": Kafka reads an entry for a topic that does not exist",
                            Evidence.of(Evidence.hex(bytes, l.start(), l.length()), "a topic name"));
                }
                Integer previous = seenPartitions.put(e.topic() + "-" + e.partition(), l.start());
                if (previous != null) {
                    add(CheckpointCodes.DUPLICATE_ENTRY, where(l), e.topic() + "-" + e.partition()
                            + " already appeared at byte " + previous + "; Kafka keeps this later one",
                            Evidence.seen(Evidence.printable(line)));
                }
            }
        } catch (NumberFormatException e) {
            String nul = ZeroRuns.firstRun(bytes, l.start(), l.end(), 1) == null ? "" : " (NUL bytes in a number)";
            add(badNumber, where(l), "not a number: " + Evidence.printable(e.getMessage()) + nul
                            + " (NumberFormatException, not an IOException)",
                    Evidence.of(Evidence.printable(line), kind.isLeaderEpoch() ? "int32 long" : "topic int32 int64"));
        }
    }

    private void checkEpochValues() {
        EpochEntry previous = null;
        for (int i = 0; i < epochs.size(); i++) {
            EpochEntry e = epochs.get(i);
            Location at = epochLines.get(i);
            if (e.epoch() < 0 || e.startOffset() < 0) {
                add(CheckpointCodes.LEC_NEGATIVE_ENTRY, at, "entry " + e.epoch() + " " + e.startOffset()
                        + " is negative: Kafka's cache rejects it with IllegalArgumentException", Evidence.of(e, "epoch >= 0, offset >= 0"));
            } else if (previous != null && (e.epoch() <= previous.epoch() || e.startOffset() <= previous.startOffset())) {
                add(CheckpointCodes.LEC_NON_MONOTONIC, at, "entry " + e.epoch() + " " + e.startOffset()
                        + " does not follow " + previous.epoch() + " " + previous.startOffset()
                        + "; Kafka's cache truncates the conflicting entries", Evidence.of(e, "epoch and offset above the previous entry's"));
            }
            if (e.epoch() >= 0 && e.startOffset() >= 0) previous = e;
        }
    }

    /** Kafka's reader, step by step, over the lines the JDK's reader gives it. */
    private KafkaReadOutcome kafkaOutcome(Utf8Replay.Result replay) {
        List<String> read = replay.lines();
        int call = 0;
        // line 1: version
        if (++call == replay.failedAtCall()) return KafkaReadOutcome.FAILS_IO;
        if (read.size() < call) return KafkaReadOutcome.READS;
        Integer version = parseInt(read.get(0));
        if (version == null || version != 0) return KafkaReadOutcome.FAILS_IO;
        // line 2: count
        if (++call == replay.failedAtCall()) return KafkaReadOutcome.FAILS_IO;
        if (read.size() < call) return KafkaReadOutcome.READS;
        Integer n = parseInt(read.get(1));
        if (n == null) return KafkaReadOutcome.FAILS_IO;
        if (n < 0) return KafkaReadOutcome.FAILS_OTHER;
        int entries = 0;
        while (true) {
            if (++call == replay.failedAtCall()) return KafkaReadOutcome.FAILS_IO;
            if (read.size() < call) break;
            String[] parts = WHITESPACE.split(read.get(call - 1));
            if (parts.length != kind.fields()) return KafkaReadOutcome.FAILS_IO;
            try {
                // epoch/partition is the int field, the offset (last field) the long one
                Integer.parseInt(parts[kind.fields() - 2]);
                Long.parseLong(parts[kind.fields() - 1]);
            } catch (NumberFormatException e) {
                return KafkaReadOutcome.FAILS_OTHER;
            }
            entries++;
        }
        return entries == n ? KafkaReadOutcome.READS : KafkaReadOutcome.FAILS_IO;
    }

    /** The line as text, or null (with a finding) when it is not valid UTF-8. */
    private String decodeLine(TextLines.Line l) {
        String s = Utf8Replay.decode(bytes, l.start(), l.end());
        if (s == null) {
            int at = Utf8Replay.firstMalformed(bytes, l.start(), l.end());
            add(CheckpointCodes.INVALID_UTF8, Location.at(file, at, 1), "invalid UTF-8 at byte " + at,
                    Evidence.of(Evidence.hex(bytes, at, 8), "UTF-8 text"));
        }
        return s;
    }

    /** Reports the first NUL run of a line Kafka rejects, and says whether there was one. */
    private boolean reportNul(TextLines.Line l) {
        long[] run = ZeroRuns.firstRun(bytes, l.start(), l.end(), 1);
        if (run == null) return false;
        boolean whole = run[0] == l.start() && run[1] == l.length();
        boolean tail = run[0] + run[1] == bytes.length;
        add(CheckpointCodes.NULL_BYTES, Location.at(file, run[0], run[1]), run[1] + " NUL bytes at byte " + run[0]
                        + (tail ? " up to the end of the file (a zero tail)" : whole ? " (a whole line)" : " inside a line"),
                Evidence.of(Evidence.hex(bytes, (int) Math.max(l.start(), run[0] - 8), 24), "text"));
        return true;
    }

    private Location where(TextLines.Line l) {
        return Location.at(file, l.start(), l.length());
    }

    private void add(FindingCode code, Location where, String message, Evidence evidence) {
        Finding f = code.at(where, message, evidence);
        if (code.severity() == dev.kfsck.core.finding.Severity.ERROR
                && code.reaction() == dev.kfsck.core.finding.KafkaReaction.LOG_DIR_OFFLINE) {
            f = f.withReaction(kind.ioFailureReaction());
        }
        findings.add(f);
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
