package dev.kfsck.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** kfsck's own version and the Kafka versions whose on-disk data it understands, from a resource the build fills in. */
public final class KfsckVersion implements IVersionProvider {

    private static final Properties PROPS = load();

    /** kfsck's version, such as {@code 0.1.0}. */
    public static String version() {
        return PROPS.getProperty("kfsck.version", "unknown");
    }

    /** The Kafka release kfsck is built and verified against (4.3.x). */
    public static String kafkaVersion() {
        return PROPS.getProperty("kafka.version", "unknown");
    }

    /** The older Kafka release whose data kfsck also reads (3.9.x). */
    public static String kafkaLegacyVersion() {
        return PROPS.getProperty("kafka.legacy.version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "kfsck " + version(),
                "Kafka on-disk data understood: " + minor(kafkaVersion()) + ".x (verified against " + kafkaVersion() + "), "
                        + minor(kafkaLegacyVersion()) + ".x (older data, verified against " + kafkaLegacyVersion() + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String minor(String v) {
        String[] parts = v.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = KfsckVersion.class.getResourceAsStream("kfsck-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
