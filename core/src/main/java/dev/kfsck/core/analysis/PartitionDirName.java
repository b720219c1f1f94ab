package dev.kfsck.core.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a partition folder, parsed the way Kafka's loader does: {@code <topic>-<partition>}, or the
 * {@code <topic>-<partition>.<uuid32hex>-delete|-future|-stray} forms.
 *
 * @param topic     the topic name
 * @param partition the partition number
 * @param state     LIVE, or the suffix state
 */
public record PartitionDirName(String topic, int partition, State state) {

    public enum State { LIVE, DELETE, FUTURE, STRAY }

    private static final Pattern SUFFIXED = Pattern.compile("^(.+)-(\\d+)\\.([0-9a-f]{32})-(delete|future|stray)$");
    private static final Pattern LIVE = Pattern.compile("^(.+)-(\\d+)$");
    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    public static Optional<PartitionDirName> parse(String name) {
        Matcher m = SUFFIXED.matcher(name);
        if (m.matches()) {
            return of(m.group(1), m.group(2), State.valueOf(m.group(4).toUpperCase(java.util.Locale.ROOT)));
        }
        m = LIVE.matcher(name);
        if (m.matches()) return of(m.group(1), m.group(2), State.LIVE);
        return Optional.empty();
    }

    private static Optional<PartitionDirName> of(String topic, String partition, State state) {
        if (topic.isEmpty() || !TOPIC_CHARS.matcher(topic).matches() || partition.length() > 10) return Optional.empty();
        long p = Long.parseLong(partition);
        if (p > Integer.MAX_VALUE) return Optional.empty();
        return Optional.of(new PartitionDirName(topic, (int) p, state));
    }

    /** {@code topic-partition}, the key used in checkpoint files. */
    public String topicPartition() {
        return topic + "-" + partition;
    }

    public boolean isMetadata() {
        return state == State.LIVE && partition == 0 && topic.equals("__cluster_metadata");
    }
}
