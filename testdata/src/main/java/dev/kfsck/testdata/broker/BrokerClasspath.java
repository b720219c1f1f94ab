package dev.kfsck.testdata.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath a child broker JVM is started with.
 *
 * <p>For the Kafka this module depends on (4.3.1) it is the runtime classpath that the maven-dependency-plugin writes
 * to {@code testdata/target/broker-classpath.txt} (named by the system property {@code kfsck.broker.classpath.file}
 * under Surefire, found in the testdata module's target/ otherwise); failing that, the classpath of the current JVM
 * (which then needs slf4j-simple on it: the harness reads the broker's INFO log lines). For another version (3.9.1) it is the file that
 * {@code generate.sh} builds from {@code testdata/kafka-3.9/pom.xml}.
 */
public final class BrokerClasspath {

    /** The Kafka version this module depends on. */
    public static final String CURRENT_VERSION = "4.3.1";

    private BrokerClasspath() {
    }

    public static String forVersion(String version) {
        String property = System.getProperty("kfsck.kafka." + version + ".classpath.file");
        if (property != null) {
            return read(Path.of(property));
        }
        if (CURRENT_VERSION.equals(version)) {
            String file = System.getProperty("kfsck.broker.classpath.file");
            if (file != null && Files.isRegularFile(Path.of(file))) {
                return read(Path.of(file));
            }
            Path built = ModuleDirs.testdataDir().resolve("target/broker-classpath.txt");
            if (Files.isRegularFile(built)) {
                return read(built);
            }
            return System.getProperty("java.class.path");
        }
        Path legacy = ModuleDirs.testdataDir().resolve("kafka-" + majorMinor(version)).resolve("target/classpath.txt");
        if (Files.isRegularFile(legacy)) {
            return read(legacy);
        }
        throw new IllegalStateException("no classpath for Kafka " + version + ": run testdata/generate.sh, which builds "
                + legacy);
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
