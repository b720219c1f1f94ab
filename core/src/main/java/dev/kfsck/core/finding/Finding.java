package dev.kfsck.core.finding;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing found wrong (or worth knowing) in a Kafka log dir. Immutable data: the checker never prints.
 *
 * @param code     the stable code
 * @param severity how bad it is here (usually the code's own severity)
 * @param reaction what Kafka will do about it at startup, computed from context where it depends on it
 * @param location file, byte offset and length
 * @param message  one sentence for people
 * @param evidence what was seen, against what was expected
 */
public record Finding(FindingCode code, Severity severity, KafkaReaction reaction, Location location,
                      String message, Evidence evidence) {

    /** Severity first, then place, then code: a deterministic order for reports. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().logDir())
            .thenComparing(f -> f.location().file())
            .thenComparingLong(f -> f.location().offset())
            .thenComparing(f -> f.code().id())
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(code);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(reaction);
        Objects.requireNonNull(location);
        Objects.requireNonNull(message);
        Objects.requireNonNull(evidence);
    }

    /** The repair that fixes it, from the code. */
    public String repair() {
        return code.repair();
    }

    public Finding withReaction(KafkaReaction r) {
        return new Finding(code, severity, r, location, message, evidence);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(code, s, reaction, location, message, evidence);
    }

    public Finding inLogDir(String dir) {
        return new Finding(code, severity, reaction, location.inLogDir(dir), message, evidence);
    }

    /** The same finding about a file at another path (used when a parser was given a bare file name). */
    public Finding atFile(String file) {
        Location l = location;
        return new Finding(code, severity, reaction, new Location(l.logDir(), file, l.offset(), l.length()), message, evidence);
    }
}
