package dev.kfsck.cli.dump;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Parsed;
import dev.kfsck.core.format.properties.MetaPropertiesFile;
import dev.kfsck.core.format.properties.MetaPropertiesParser;
import dev.kfsck.core.format.properties.PartitionMetadata;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.io.BoundedRead;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code meta.properties} and {@code partition.metadata}: each line with its byte range, the values as Kafka reads them. */
public final class PropertiesDumper implements Dumper {

    private final boolean meta;

    private PropertiesDumper(boolean meta) {
        this.meta = meta;
    }

    public static PropertiesDumper metaProperties() {
        return new PropertiesDumper(true);
    }

    public static PropertiesDumper partitionMetadata() {
        return new PropertiesDumper(false);
    }

    @Override
    public String kind() {
        return meta ? "meta.properties" : "partition.metadata";
    }

    @Override
    public boolean handles(String fileName) {
        return fileName.equals(kind());
    }

    @Override
    public void dump(Path file, DumpOptions options, DumpSink sink) throws IOException {
        int limit = meta ? MetaPropertiesParser.MAX_BYTES : PartitionMetadataParser.MAX_BYTES;
        BoundedRead.Result read = BoundedRead.read(file, limit);
        QuorumStateDumper.TextLines.dump(read.bytes(), sink);
        if (read.truncated()) sink.hole(read.bytes().length, read.size() - read.bytes().length, "not read: larger than " + limit + " bytes");
        List<Finding> findings;
        if (meta) {
            Parsed<MetaPropertiesFile> p = MetaPropertiesParser.parse("meta.properties", read.bytes());
            p.value().ifPresent(m -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("version", m.version());
                f.put("nodeId", m.nodeId().isPresent() ? m.nodeId().getAsInt() : null);
                f.put("clusterId", m.clusterId().orElse(null));
                f.put("directoryId", m.directoryId().map(Object::toString).orElse(null));
                sink.entry(-1, -1, "properties", f);
            });
            findings = p.findings();
        } else {
            Parsed<PartitionMetadata> p = PartitionMetadataParser.parse(SegmentDumper.relativeName(file), read.bytes());
            p.value().ifPresent(m -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("version", m.version());
                f.put("topicId", String.valueOf(m.topicId()));
                sink.entry(-1, -1, "properties", f);
            });
            findings = p.findings();
        }
        for (Finding f : findings) sink.finding(f);
    }
}
