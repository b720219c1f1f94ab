package dev.kfsck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small log dirs built by hand, with the file contents a real 4.3 broker writes. */
final class LogDirs {

    static final String CLUSTER_ID = "6XA9gtx0RPCeOBraUcqOTg";

    private LogDirs() {
    }

    /** A formatted, healthy-looking single-node dir: meta.properties and an empty metadata log with its index. */
    static Path healthy(Path dir, int nodeId) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("meta.properties"), "#\n#Sat Nov 21 04:19:34 UTC 2026\nnode.id=" + nodeId
                + "\ndirectory.id=X_4C-EiEUO2zeaVsFYbtjg\nversion=1\ncluster.id=" + CLUSTER_ID + "\n", StandardCharsets.ISO_8859_1);
        Path md = Files.createDirectories(dir.resolve("__cluster_metadata-0"));
        Files.write(md.resolve("00000000000000000000.log"), new byte[0]);
        Files.write(md.resolve("00000000000000000000.index"), new byte[0]);
        Files.write(md.resolve("00000000000000000000.timeindex"), new byte[0]);
        return dir;
    }

    /** A healthy dir plus a folder Kafka cannot parse as a partition: fatal at startup. */
    static Path withStrayFolder(Path dir) throws IOException {
        healthy(dir, 1);
        Files.createDirectories(dir.resolve("lost+found"));
        return dir;
    }

    /** A healthy dir plus a segment without its index: a warning, Kafka rebuilds it. */
    static Path withWarningOnly(Path dir) throws IOException {
        healthy(dir, 1);
        Path p = Files.createDirectories(dir.resolve("orders-0"));
        Files.write(p.resolve("00000000000000000000.log"), new byte[0]);
        return dir;
    }
}
