package dev.kfsck.cli.render;

import dev.kfsck.core.finding.Severity;

/** ANSI colours for text output, or none. */
public final class Style {

    private static final String RESET = "\u001b[0m";

    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    public static Style of(boolean colored) {
        return new Style(colored);
    }

    public static Style plain() {
        return new Style(false);
    }

    public String bold(String s) {
        return wrap("\u001b[1m", s);
    }

    public String dim(String s) {
        return wrap("\u001b[2m", s);
    }

    public String good(String s) {
        return wrap("\u001b[32m", s);
    }

    public String bad(String s) {
        return wrap("\u001b[1;31m", s);
    }

    /** The severity word, coloured by how bad it is. */
    public String severity(Severity s) {
        String word = String.format("%-5s", s.name());
        return switch (s) {
            case ERROR -> wrap("\u001b[1;31m", word);
            case WARN -> wrap("\u001b[33m", word);
            case INFO -> wrap("\u001b[36m", word);
        };
    }

    private String wrap(String code, String s) {
        return on ? code + s + RESET : s;
    }
}
