package dev.kfsck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kfsck dump} over files written by Kafka's own classes, intact and damaged. */
class DumpDecodersTest {

    @TempDir
    Path tmp;

    private static List<JsonNode> lines(Cli.Result r) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.out().split("\n")) if (!l.isBlank()) out.add(m.readTree(l));
        return out;
    }

    private static List<JsonNode> ofType(List<JsonNode> lines, String type) {
        return lines.stream().filter(l -> l.get("type").asText().equals(type)).toList();
    }

    @Test
    void segmentBatchesWithByteRangesAndAHoleWherePastCorruption() throws Exception {
        byte[] b1 = KafkaFiles.batch(0, 3, "k0", "v0", "k1", "v1");
        byte[] b2 = KafkaFiles.batch(2, 3, "k2", "v2");
        byte[] b3 = KafkaFiles.batch(3, 4, "k3", "v3");
        b2[b2.length - 1] ^= 0x55; // the CRC no longer matches
        Path seg = KafkaFiles.write(tmp.resolve("orders-0").resolve("00000000000000000000.log"), b1, b2, b3);

        Cli.Result r = Cli.run("dump", "--format", "jsonl", seg.toString());
        assertEquals(ExitCodes.UNCORRECTED, r.exit(), r.toString());
        List<JsonNode> all = lines(r);
        assertEquals("segment", all.get(0).get("kind").asText());
        List<JsonNode> batches = ofType(all, "batch");
        assertEquals(2, batches.size(), r.out());
        assertEquals(0, batches.get(0).get("offset").asLong());
        assertEquals(b1.length, batches.get(0).get("length").asLong());
        assertEquals(1, batches.get(0).get("lastOffset").asLong());
        assertEquals(3, batches.get(0).get("epoch").asInt());
        assertEquals(b1.length + b2.length, batches.get(1).get("offset").asLong(), "the scan goes on after the damage");
        assertEquals(3, batches.get(1).get("baseOffset").asLong());
        List<JsonNode> holes = ofType(all, "hole");
        assertEquals(1, holes.size(), r.out());
        assertEquals(b1.length, holes.get(0).get("offset").asLong());
        assertEquals(b2.length, holes.get(0).get("length").asLong());
        assertFalse(ofType(all, "finding").isEmpty(), "the scanner's findings are shown");
    }

    @Test
    void recordsOfPlainTopicsMetadataAndConsumerOffsets() throws Exception {
        Path seg = KafkaFiles.write(tmp.resolve("orders-0").resolve("00000000000000000000.log"),
                KafkaFiles.batch(0, 0, "customer-7", "{\"total\":12}"));
        Cli.Result plain = Cli.run("dump", "--records", "--format", "jsonl", seg.toString());
        assertEquals(ExitCodes.OK, plain.exit(), plain.toString());
        JsonNode rec = ofType(lines(plain), "record").get(0);
        assertEquals(0, rec.get("logOffset").asLong());
        assertEquals("customer-7", rec.get("key").asText());
        assertEquals("{\"total\":12}", rec.get("value").asText());
        assertTrue(ofType(lines(Cli.run("dump", "--format", "jsonl", seg.toString())), "record").isEmpty(), "records only with --records");

        Uuid id = Uuid.fromString("8QnFWfD4RMKHq0K0nEWPGA");
        Path meta = KafkaFiles.write(tmp.resolve("__cluster_metadata-0").resolve("00000000000000000000.log"),
                KafkaFiles.metadataBatch(0, 1, KafkaFiles.topic("orders", id)));
        Cli.Result m = Cli.run("dump", "--records", "--format", "jsonl", meta.toString());
        assertEquals(ExitCodes.OK, m.exit(), m.toString());
        JsonNode topic = ofType(lines(m), "record").get(0);
        assertEquals("TOPIC_RECORD", topic.get("recordType").asText());
        assertEquals("orders", topic.at("/record/name").asText());
        assertEquals(id.toString(), topic.at("/record/topicId").asText());

        byte[] key = offsetCommitKey("billing", "orders", 3);
        Path offsets = KafkaFiles.write(tmp.resolve("__consumer_offsets-12").resolve("00000000000000000000.log"),
                KafkaFiles.rawBatch(0, key, new byte[] {0, 3, 1, 2}));
        Cli.Result o = Cli.run("dump", "--records", offsets.toString());
        assertEquals(ExitCodes.OK, o.exit(), o.toString());
        assertTrue(o.out().contains("key=offset commit: group billing, orders-3"), o.out());
    }

    @Test
    void metadataSnapshotWrittenByKafka() throws Exception {
        Uuid id = Uuid.fromString("8QnFWfD4RMKHq0K0nEWPGA");
        Path snap = KafkaFiles.snapshot(tmp.resolve("__cluster_metadata-0"), 225, 1,
                List.of(KafkaFiles.metadataVersion(), KafkaFiles.topic("orders", id)));
        Cli.Result r = Cli.run("dump", "--records", "--format", "jsonl", snap.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        List<JsonNode> all = lines(r);
        assertEquals("metadata-snapshot", all.get(0).get("kind").asText());
        List<JsonNode> batches = ofType(all, "batch");
        assertEquals(3, batches.size(), "header, data, footer: " + r.out());
        assertTrue(ofType(all, "hole").isEmpty(), r.out());
        JsonNode summary = ofType(all, "summary").get(0);
        assertTrue(summary.get("headerFirst").asBoolean());
        assertTrue(summary.get("footerLast").asBoolean());
        assertEquals(2, summary.get("dataRecords").asInt());
        List<JsonNode> records = ofType(all, "record");
        assertEquals("SNAPSHOT_HEADER", records.get(0).get("control").asText());
        assertEquals("FEATURE_LEVEL_RECORD", records.get(1).get("recordType").asText());
        assertEquals("orders", records.get(2).at("/record/name").asText());
        assertEquals("SNAPSHOT_FOOTER", records.get(records.size() - 1).get("control").asText());

        byte[] bytes = Files.readAllBytes(snap);
        Path torn = Files.createDirectories(tmp.resolve("torn")).resolve(snap.getFileName());
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Cli.Result t = Cli.run("dump", "--format", "jsonl", torn.toString());
        assertEquals(ExitCodes.UNCORRECTED, t.exit(), t.toString());
        List<JsonNode> holes = ofType(lines(t), "hole");
        assertEquals(1, holes.size(), t.out());
        assertEquals(bytes.length - 10, holes.get(0).get("offset").asLong() + holes.get(0).get("length").asLong());
    }

    @Test
    void quorumStateAndCheckpointsThroughTheirParsers() throws Exception {
        Path qs = tmp.resolve("__cluster_metadata-0").resolve("quorum-state");
        Files.createDirectories(qs.getParent());
        Files.writeString(qs, "{\"clusterId\":\"\",\"leaderId\":1,\"leaderEpoch\":7,\"votedId\":-1,\"appliedOffset\":0,"
                + "\"currentVoters\":[{\"voterId\":1}],\"data_version\":0}", StandardCharsets.UTF_8);
        Cli.Result ok = Cli.run("dump", qs.toString());
        assertEquals(ExitCodes.OK, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("state dataVersion=0 clusterId= leaderId=1 leaderEpoch=7"), ok.out());

        Files.write(qs, new byte[125]);
        Cli.Result nul = Cli.run("dump", "--format", "jsonl", qs.toString());
        assertEquals(ExitCodes.UNCORRECTED, nul.exit(), nul.toString());
        JsonNode finding = ofType(lines(nul), "finding").get(0);
        assertEquals("ERROR", finding.get("severity").asText());
        assertEquals("STARTUP_FATAL", finding.get("reaction").asText());

        Path ckpt = Files.writeString(tmp.resolve("replication-offset-checkpoint"), "0\n2\norders 0 36276\norders 1 0\n");
        List<JsonNode> entries = ofType(lines(Cli.run("dump", "--format", "jsonl", ckpt.toString())), "entry");
        assertEquals(2, entries.size());
        assertEquals("orders", entries.get(0).get("topic").asText());
        assertEquals(36276, entries.get(0).get("offsetValue").asLong());

        Files.createDirectories(tmp.resolve("orders-0"));
        Path lec = Files.writeString(tmp.resolve("orders-0").resolve("leader-epoch-checkpoint"), "0\n3\n0 0\n2 36276\n");
        Cli.Result short1 = Cli.run("dump", "--format", "jsonl", lec.toString());
        assertEquals(ExitCodes.UNCORRECTED, short1.exit(), "count 3 with 2 entries is an error: " + short1);
        assertEquals(2, ofType(lines(short1), "entry").size(), "the entries that parse are still shown");
    }

    private static byte[] offsetCommitKey(String group, String topic, int partition) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 + 2 + group.length() + 2 + topic.length() + 4);
        b.putShort((short) 1);
        b.putShort((short) group.length()).put(group.getBytes());
        b.putShort((short) topic.length()).put(topic.getBytes());
        b.putInt(partition);
        return b.array();
    }
}
