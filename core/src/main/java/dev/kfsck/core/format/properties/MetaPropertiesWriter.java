package dev.kfsck.core.format.properties;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes meta.properties as Kafka's {@code PropertiesUtils.writePropertiesFile(MetaProperties.toProperties())} does:
 * the keys set in the same order into a {@link Properties}, stored with {@code Properties.store}, so the line order is
 * the one a broker on this JVM would write. The first line is {@code #} (the empty comment); the second, the date,
 * is given by the caller (or left out). Non-ASCII characters are written as {@code \\uXXXX} escapes, so Kafka's
 * ISO-8859-1 reader reads back the same text (Kafka's own writer would write UTF-8 and read it back wrongly).
 */
public final class MetaPropertiesWriter {

    private static final DateTimeFormatter DATE_TO_STRING =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

    private MetaPropertiesWriter() {
    }

    /**
     * The bytes of the file.
     *
     * @param date the text of the date comment line (without '#'), as {@link java.util.Date#toString()} gives it;
     *             empty to leave that line out
     */
    public static byte[] write(MetaPropertiesFile m, Optional<String> date) {
        Properties props = new Properties();
        props.setProperty("version", Integer.toString(m.version()));
        m.clusterId().ifPresent(c -> props.setProperty("cluster.id", c));
        if (m.version() == 0) {
            m.nodeId().ifPresent(id -> props.setProperty("broker.id", Integer.toString(id)));
        } else {
            props.setProperty("node.id", Integer.toString(m.nodeId().orElseThrow(
                    () -> new IllegalArgumentException("a version 1 meta.properties needs a node id"))));
        }
        m.directoryId().ifPresent(d -> props.setProperty("directory.id", d.toString()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            props.store(out, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        // text is "#\n#<now>\n<entries>": replace the date line
        int first = text.indexOf('\n') + 1;
        int second = text.indexOf('\n', first) + 1;
        String body = text.substring(0, first) + date.map(d -> "#" + d + "\n").orElse("") + text.substring(second);
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A date as {@link java.util.Date#toString()} writes it, e.g. {@code Sat Nov 21 04:19:34 UTC 2026}. */
    public static String dateLine(ZonedDateTime t) {
        return DATE_TO_STRING.format(t);
    }
}
