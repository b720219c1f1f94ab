package dev.kfsck.cli.dump;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DumpersTest {

    private static String kind(String path) {
        return Dumpers.forFile(Path.of(path)).kind();
    }

    @Test
    void fileKindsAreDetectedByName() {
        assertEquals("quorum-state", kind("/d/__cluster_metadata-0/quorum-state"));
        assertEquals("offset-checkpoint", kind("/d/replication-offset-checkpoint"));
        assertEquals("offset-checkpoint", kind("/d/recovery-point-offset-checkpoint"));
        assertEquals("offset-checkpoint", kind("/d/log-start-offset-checkpoint"));
        assertEquals("offset-checkpoint", kind("/d/cleaner-offset-checkpoint"));
        assertEquals("leader-epoch-checkpoint", kind("/d/orders-0/leader-epoch-checkpoint"));
        assertEquals("segment", kind("/d/orders-0/00000000000000036276.log"));
        assertEquals("segment", kind("/d/orders-0/00000000000000000000.log.swap"));
        assertEquals("metadata-snapshot", kind("/d/__cluster_metadata-0/00000000000000000225-0000000001.checkpoint"));
        assertEquals("metadata-snapshot", kind("/d/bootstrap.checkpoint"));
        assertEquals("meta.properties", kind("/d/meta.properties"));
        assertEquals("partition.metadata", kind("/d/orders-0/partition.metadata"));
        assertEquals("offset-index", kind("/d/orders-0/00000000000000036276.index"));
        assertEquals("time-index", kind("/d/orders-0/00000000000000036276.timeindex"));
        assertEquals("txn-index", kind("/d/orders-0/00000000000000036276.txnindex"));
        assertEquals("producer-snapshot", kind("/d/orders-0/00000000000000036276.snapshot"));
        assertEquals("raw", kind("/d/orders-0/quorum-state.bak"));
        assertEquals("raw", kind("/d/lost+found"));
    }

    @Test
    void consumerOffsetsKeysAreNamed() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
        b.putShort((short) 1);
        putString(b, "billing");
        putString(b, "orders");
        b.putInt(7);
        b.flip();
        assertEquals("offset commit: group billing, orders-7", RecordDecoder.offsetsKey(b));

        java.nio.ByteBuffer g = java.nio.ByteBuffer.allocate(32);
        g.putShort((short) 2);
        putString(g, "billing");
        g.flip();
        assertEquals("group metadata: group billing", RecordDecoder.offsetsKey(g));

        java.nio.ByteBuffer bad = java.nio.ByteBuffer.wrap(new byte[] {0, 1, 0x7f, 0x7f, 'x'});
        assertEquals("undecodable key: 00 01 7f 7f 78", RecordDecoder.offsetsKey(bad));
    }

    @Test
    void previewShowsTextOrHex() {
        assertEquals("hello", RecordDecoder.preview(java.nio.ByteBuffer.wrap("hello".getBytes())));
        assertEquals("0x00ff", RecordDecoder.preview(java.nio.ByteBuffer.wrap(new byte[] {0, (byte) 0xff})));
    }

    private static void putString(java.nio.ByteBuffer b, String s) {
        byte[] bytes = s.getBytes();
        b.putShort((short) bytes.length);
        b.put(bytes);
    }
}
