package dev.kfsck.core.analysis;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.KafkaReaction;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Identities and the metadata dir across several log dirs, on copies of real fixtures. */
class CrossDirRulesTest {

    @TempDir
    Path tmp;

    private static List<Finding> cross(Report r, String code) {
        return r.crossDirFindings().stream().filter(f -> f.code().id().equals(code)).toList();
    }

    private static void setProperty(Path logDir, String key, String value) throws IOException {
        Path meta = logDir.resolve(LogDirLayout.META_PROPERTIES);
        String text = Files.readString(meta).replaceAll("(?m)^" + key.replace(".", "\\.") + "=.*$", key + "=" + value);
        Files.writeString(meta, text);
    }

    /** A second dir of node 1: a copy of its data dir without the metadata log (so one metadata dir per node). */
    private Path secondDirOfNode1(Path first) throws IOException {
        Path second = first.resolveSibling("data2");
        FileUtils.copyDirectory(first.toFile(), second.toFile());
        FileUtils.deleteDirectory(second.resolve(LogDirLayout.METADATA_DIR).toFile());
        return second;
    }

    @Test
    void threeNodesOfOneClusterAgree() {
        List<Path> dirs = FixtureCopies.logDirs("quorum3-4.3", tmp);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        assertEquals(List.of(), r.crossDirFindings());
    }

    @Test
    void copiedDirOfOneNodeSharesItsDirectoryId() throws IOException {
        Path first = FixtureCopies.logDirs("single-4.3-kill", tmp).get(0);
        Path second = secondDirOfNode1(first);
        Report r = LogDirChecker.check(first, second);
        List<Finding> dup = cross(r, "XFILE-DUPLICATE-DIRECTORY-ID");
        assertEquals(2, dup.size(), r.crossDirFindings().toString());
        assertTrue(dup.stream().allMatch(f -> f.reaction() == KafkaReaction.STARTUP_FATAL));
        assertTrue(cross(r, "LAYOUT-METADATA-DIR-MISSING").isEmpty(), "node 1 has its metadata dir: " + r.crossDirFindings());
    }

    @Test
    void clusterIdMustMatchWithinANode() throws IOException {
        Path first = FixtureCopies.logDirs("single-4.3-kill", tmp).get(0);
        Path second = secondDirOfNode1(first);
        setProperty(second, "cluster.id", "AAAAAAAAAAAAAAAAAAAAAA");
        Report r = LogDirChecker.check(first, second);
        Finding cluster = cross(r, "XFILE-CLUSTER-ID-MISMATCH").get(0);
        assertEquals(second.toString(), cluster.location().logDir());
        assertEquals(LogDirLayout.META_PROPERTIES, cluster.location().file());
        assertEquals(KafkaReaction.STARTUP_FATAL, cluster.reaction());
        assertTrue(cross(r, "XFILE-CLUSTER-ID-ACROSS-NODES").isEmpty(), r.crossDirFindings().toString());
    }

    /**
     * The metadata dir says node.id 7, but broker 1 registered its directory id: it is node 1's dir, like the second
     * dir that says node.id 1, so the two disagree within one node.
     */
    @Test
    void nodeIdMustMatchWithinANode() throws IOException {
        Path first = FixtureCopies.logDirs("single-4.3-kill", tmp).get(0);
        Path second = secondDirOfNode1(first);
        setProperty(second, "directory.id", "k1n8Yv3ZRGuUXv1pnvDwyg");
        setProperty(first, "node.id", "7");
        Report r = LogDirChecker.check(first, second);
        Finding node = cross(r, "XFILE-NODE-ID-MISMATCH").get(0);
        assertEquals(KafkaReaction.STARTUP_FATAL, node.reaction());
        assertTrue(node.message().contains("node 1"), node.message());
        assertEquals(KafkaReaction.STARTUP_FATAL, r.logDirs().get(0).findings().stream()
                .filter(f -> f.code().id().equals("XFILE-DIR-OF-OTHER-NODE")).findFirst().orElseThrow().reaction());
    }

    @Test
    void twoMetadataDirsOnOneNodeIsFatal() throws IOException {
        Path first = FixtureCopies.logDirs("single-4.3-kill", tmp).get(0);
        Path second = first.resolveSibling("data2");
        FileUtils.copyDirectory(first.toFile(), second.toFile());
        setProperty(second, "directory.id", "k1n8Yv3ZRGuUXv1pnvDwyg");
        Report r = LogDirChecker.check(first, second);
        assertEquals(2, cross(r, "XFILE-SEVERAL-METADATA-DIRS").size(), r.crossDirFindings().toString());
    }

    @Test
    void nodeWithoutMetadataDirIsFlaggedOnlyForThatNode() throws IOException {
        List<Path> dirs = FixtureCopies.logDirs("quorum3-4.3", tmp);
        FileUtils.deleteDirectory(dirs.get(1).resolve(LogDirLayout.METADATA_DIR).toFile());
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        List<Finding> missing = cross(r, "LAYOUT-METADATA-DIR-MISSING");
        assertEquals(1, missing.size(), r.crossDirFindings().toString());
        assertEquals(dirs.get(1).toString(), missing.get(0).location().logDir());
    }

    @Test
    void clusterIdDifferingBetweenNodes() throws IOException {
        List<Path> dirs = FixtureCopies.logDirs("quorum3-4.3", tmp);
        setProperty(dirs.get(2), "cluster.id", "AAAAAAAAAAAAAAAAAAAAAA");
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        List<Finding> f = cross(r, "XFILE-CLUSTER-ID-ACROSS-NODES");
        assertEquals(1, f.size(), r.crossDirFindings().toString());
        assertEquals(dirs.get(2).toString(), f.get(0).location().logDir());
        assertTrue(cross(r, "XFILE-CLUSTER-ID-MISMATCH").isEmpty());
    }

    @Test
    void sameDirectoryIdOnTwoNodesIsNotFatalToEitherButWrong() throws IOException {
        List<Path> dirs = FixtureCopies.logDirs("quorum3-4.3", tmp);
        String id0;
        try (Stream<String> lines = Files.lines(dirs.get(0).resolve(LogDirLayout.META_PROPERTIES))) {
            id0 = lines.filter(l -> l.startsWith("directory.id=")).findFirst().orElseThrow().substring("directory.id=".length());
        }
        setProperty(dirs.get(1), "directory.id", id0);
        Report r = LogDirChecker.check(dirs.toArray(Path[]::new));
        List<Finding> dup = cross(r, "XFILE-DUPLICATE-DIRECTORY-ID");
        assertEquals(2, dup.size(), r.crossDirFindings().toString());
        assertTrue(dup.stream().allMatch(f -> f.reaction() == KafkaReaction.TOLERATED));
        assertTrue(cross(r, "XFILE-NODE-ID-MISMATCH").isEmpty(), "a shared id does not make them one node: " + r.crossDirFindings());
    }
}
