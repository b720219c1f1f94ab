/**
 * {@code __cluster_metadata-0/quorum-state}: {@link dev.kfsck.core.format.quorum.QuorumStateParser} reads it by the
 * rules of Kafka 4.3.1's {@code FileQuorumStateStore} (first line only, Jackson, data_version 0..1, mandatory fields
 * per version), reporting every way Kafka would fail as an ERROR; {@link dev.kfsck.core.format.quorum.QuorumStateWriter}
 * writes the bytes a broker writes.
 */
package dev.kfsck.core.format.quorum;
