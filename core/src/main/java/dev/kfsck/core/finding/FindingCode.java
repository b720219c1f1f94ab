package dev.kfsck.core.finding;

import java.util.Objects;

/**
 * A stable finding code. Codes are never renamed once released. Each format package declares its codes as
 * constants in one holder class, listed in {@link FindingCatalog}; the documentation's catalog is generated
 * from there.
 *
 * @param id       the stable id, such as {@code QS-NULL-BYTES}
 * @param severity the severity a finding with this code usually has
 * @param reaction what Kafka usually does at startup; the checker may compute a different one from context
 * @param title    one line saying what is wrong
 * @param repair   the repair that fixes it, or why none is safe
 */
public record FindingCode(String id, Severity severity, KafkaReaction reaction, String title, String repair) {

    public FindingCode {
        Objects.requireNonNull(id);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(reaction);
        Objects.requireNonNull(title);
        Objects.requireNonNull(repair);
        if (!id.matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+")) {
            throw new IllegalArgumentException("finding code must be upper-case words joined by '-': " + id);
        }
    }

    public static FindingCode error(String id, KafkaReaction reaction, String title, String repair) {
        return new FindingCode(id, Severity.ERROR, reaction, title, repair);
    }

    public static FindingCode warn(String id, KafkaReaction reaction, String title, String repair) {
        return new FindingCode(id, Severity.WARN, reaction, title, repair);
    }

    public static FindingCode info(String id, KafkaReaction reaction, String title, String repair) {
        return new FindingCode(id, Severity.INFO, reaction, title, repair);
    }

    /** A finding with this code's severity and reaction. */
    public Finding at(Location location, String message, Evidence evidence) {
        return new Finding(this, severity, reaction, location, message, evidence);
    }

    @Override
    public String toString() {
        return id;
    }
}
