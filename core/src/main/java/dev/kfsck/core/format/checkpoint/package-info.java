/**
 * The four offset checkpoints of a log dir and every {@code leader-epoch-checkpoint}:
 * {@link dev.kfsck.core.format.checkpoint.CheckpointParser} reads them by the rules of Kafka 4.3.1's
 * {@code CheckpointFile} and its formatters, tells IOException-class damage (log dir offline, or fatal for the
 * metadata log) from number damage (a warning for offset checkpoints, fatal for leader epochs), and works out what
 * Kafka's own reader would do ({@link dev.kfsck.core.format.checkpoint.KafkaReadOutcome});
 * {@link dev.kfsck.core.format.checkpoint.CheckpointWriter} writes the bytes Kafka writes. Also holds the small text
 * helpers the other text formats share ({@link dev.kfsck.core.format.checkpoint.TextLines},
 * {@link dev.kfsck.core.format.checkpoint.Utf8Replay}).
 */
package dev.kfsck.core.format.checkpoint;
