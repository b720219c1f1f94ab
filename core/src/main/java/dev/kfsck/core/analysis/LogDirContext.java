package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one log dir's check as its passes run: the layout, the findings so far, and what each pass parsed
 * for the passes after it. Used by one thread at a time.
 */
public final class LogDirContext {

    /** A typed slot for what a pass leaves for later passes. */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Path dir;
    private final LogDirLayout layout;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Key<?>, Object> values = new HashMap<>();

    public LogDirContext(Path dir, LogDirLayout layout) {
        this.dir = dir;
        this.layout = layout;
    }

    public Path dir() {
        return dir;
    }

    public LogDirLayout layout() {
        return layout;
    }

    /** The path of a file relative to the log dir, with '/' separators. */
    public String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    public void add(Finding f) {
        findings.add(f.inLogDir(dir.toString()));
    }

    public void addAll(List<Finding> fs) {
        fs.forEach(this::add);
    }

    /** The findings so far, in the order they were added. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Replaces findings, for passes that recompute a reaction with context. */
    public void replaceFindings(List<Finding> replacement) {
        findings.clear();
        findings.addAll(replacement);
    }

    public <T> void put(Key<T> key, T value) {
        values.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }
}
