package dev.kfsck.core.repair.plan;

import dev.kfsck.core.analysis.LogDirLayout;
import dev.kfsck.core.analysis.LogDirReport;
import dev.kfsck.core.analysis.PartitionCodes;
import dev.kfsck.core.analysis.PartitionDirName;
import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;
import dev.kfsck.core.format.metadata.TopicEntry;
import dev.kfsck.core.format.properties.PartitionMetadata;
import dev.kfsck.core.format.properties.PartitionMetadataParser;
import dev.kfsck.core.format.properties.PartitionMetadataWriter;
import dev.kfsck.core.io.BoundedRead;
import dev.kfsck.core.repair.Provenance;
import dev.kfsck.core.repair.RepairAction;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Restores a damaged or missing {@code partition.metadata} with the topic id the metadata image holds for the
 * partition's topic ({@code __cluster_metadata-0} gets Kafka's fixed metadata topic id). Refuses when no checked dir
 * holds a metadata log, when the topic is not in the image, or when another partition of the topic in the same dir
 * names a different id.
 */
final class PartitionMetadataPlanner implements Planner {

    static final String FILE = "partition.metadata";
    private static final Pattern PM = Pattern.compile("^([^/]+)/" + Pattern.quote(FILE) + "$");

    @Override
    public void plan(PlanContext ctx) throws IOException {
        for (LogDirReport dir : ctx.report().logDirs()) {
            Map<String, List<Finding>> byFolder = new TreeMap<>();
            for (Finding f : ctx.allFindings(dir)) {
                var m = PM.matcher(f.location().file());
                if (!m.matches() || f.severity() == Severity.INFO || !ctx.options().wants(f.code().id())) continue;
                byFolder.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f);
            }
            for (var e : byFolder.entrySet()) plan(ctx, dir, e.getKey(), e.getValue());
        }
    }

    private void plan(PlanContext ctx, LogDirReport dir, String folder, List<Finding> problems) throws IOException {
        Optional<PartitionDirName> name = PartitionDirName.parse(folder);
        Path target = dir.dir().resolve(folder).resolve(FILE);
        if (name.isEmpty() || !Files.isDirectory(target.getParent())) {
            problems.forEach(f -> ctx.cannot(f, folder + " is not a partition folder of this dir"));
            return;
        }
        String topic = name.get().topic();
        Uuid id;
        Provenance why = Provenance.of("partition.metadata is damaged or missing; Kafka needs the topic id to match the metadata");
        if (folder.equals(LogDirLayout.METADATA_DIR)) {
            id = Uuid.METADATA_TOPIC_ID;
            why = why.with("topic_id=" + id, "Kafka's fixed topic id of __cluster_metadata");
        } else {
            Optional<PlanContext.Image> image = ctx.image(dir);
            if (image.isEmpty()) {
                problems.forEach(f -> ctx.cannot(f, "no checked dir holds __cluster_metadata-0, so the topic id of " + topic
                        + " is unknown: check this dir together with a controller's log dir"));
                return;
            }
            Optional<TopicEntry> t = image.get().metadata().topic(topic);
            if (t.isEmpty()) {
                problems.forEach(f -> ctx.cannot(f, "the topic " + topic + " is not in " + image.get().source()
                        + ": it was deleted or never existed, and Kafka treats the folder as a stray replica"));
                return;
            }
            id = Uuid.fromString(t.get().id());
            String conflict = siblingConflict(dir.dir(), folder, topic, id);
            if (conflict != null) {
                problems.forEach(f -> ctx.cannot(f, conflict));
                return;
            }
            String foreign = anotherIncarnation(target, rel(folder), id, problems);
            if (foreign != null) {
                problems.forEach(f -> ctx.cannot(f, foreign));
                return;
            }
            why = why.with("topic_id=" + id, "TopicRecord of " + topic + " in " + image.get().source());
        }
        why = why.with("version=0", "the only version Kafka writes");
        byte[] bytes = PartitionMetadataWriter.write(new PartitionMetadata(0, id));
        ctx.add(PlanContext.step(new RepairAction.WriteFile(target, bytes, why),
                "write " + folder + "/" + FILE + " with topic id " + id + " (" + topic + ")", problems));
    }

    private static String rel(String folder) {
        return folder + "/" + FILE;
    }

    /**
     * For a readable file that names another topic id than the image: in words, why the folder is not this topic's,
     * or null when the two ids differ in at most {@link #ROT_CHARS} characters (bit rot in the file). A wholly other id
     * is another incarnation of the topic (deleted and re-created while this broker was away) or a copy from another
     * cluster; writing the image's id would serve those records as this topic's, so a person decides.
     */
    private static String anotherIncarnation(Path target, String rel, Uuid id, List<Finding> problems) throws IOException {
        if (problems.stream().noneMatch(f -> f.code().equals(PartitionCodes.PM_TOPIC_ID_MISMATCH)) || !Files.isRegularFile(target)) return null;
        var parsed = PartitionMetadataParser.parse(rel, BoundedRead.read(target, PartitionMetadataParser.MAX_BYTES).bytes());
        if (parsed.model() == null) return null;
        String seen = parsed.model().topicId().toString();
        String want = id.toString();
        int differ = 0;
        for (int i = 0; i < Math.min(seen.length(), want.length()); i++) if (seen.charAt(i) != want.charAt(i)) differ++;
        if (differ <= ROT_CHARS) return null;
        return rel + " names topic id " + seen + ", which shares nothing with the image's " + want + " (" + differ
                + " of 22 characters differ): the folder holds another incarnation of the topic or another cluster's copy, "
                + "not a bit-rotted id; Kafka renames it -stray, and a person decides whether its records belong to the topic";
    }

    /** Characters in which a topic id read from the file may differ from the image's and still count as bit rot. */
    static final int ROT_CHARS = 2;

    /** A readable partition.metadata of another partition of the topic in the dir that names another id, in words; or null. */
    private static String siblingConflict(Path dir, String folder, String topic, Uuid id) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, topic + "-*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals(folder) || PartitionDirName.parse(n).filter(x -> x.topic().equals(topic)).isEmpty()) continue;
                Path pm = p.resolve(FILE);
                if (!Files.isRegularFile(pm)) continue;
                var parsed = PartitionMetadataParser.parse(n + "/" + FILE, BoundedRead.read(pm, PartitionMetadataParser.MAX_BYTES).bytes());
                if (!parsed.hasErrors() && parsed.model() != null && !parsed.model().topicId().equals(id)) {
                    return n + "/" + FILE + " names topic id " + parsed.model().topicId() + " while the metadata image says " + id
                            + ": the folders come from two incarnations of the topic; a person must decide";
                }
            }
        }
        return null;
    }
}
