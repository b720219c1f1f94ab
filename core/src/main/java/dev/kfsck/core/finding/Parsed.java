package dev.kfsck.core.finding;

import java.util.List;
import java.util.Optional;

/**
 * What a parser returns: the model when one could be read (possibly partial), and the findings. Parsers do not
 * throw on bad data.
 */
public record Parsed<T>(T model, List<Finding> findings) {

    public Parsed {
        findings = List.copyOf(findings);
    }

    public static <T> Parsed<T> ok(T model) {
        return new Parsed<>(model, List.of());
    }

    public static <T> Parsed<T> of(T model, List<Finding> findings) {
        return new Parsed<>(model, findings);
    }

    public static <T> Parsed<T> failed(List<Finding> findings) {
        return new Parsed<>(null, findings);
    }

    public Optional<T> value() {
        return Optional.ofNullable(model);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
