/**
 * {@code meta.properties} ({@link dev.kfsck.core.format.properties.MetaPropertiesParser},
 * {@link dev.kfsck.core.format.properties.MetaPropertiesWriter}) and {@code partition.metadata}
 * ({@link dev.kfsck.core.format.properties.PartitionMetadataParser},
 * {@link dev.kfsck.core.format.properties.PartitionMetadataWriter}), read by Kafka 4.3.1's rules and written as Kafka
 * writes them.
 */
package dev.kfsck.core.format.properties;
