package dev.kfsck.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.snapshot.Snapshots;
import org.apache.kafka.storage.internals.log.LogFileUtils;
import org.junit.jupiter.api.Test;

/** Kafka's own name tests do not recognise a leftover SafeWriter temp file as anything they act on. */
class TempNameKafkaIgnoresTest {

    static final List<String> TARGETS = List.of("00000000000000000000.log", "00000000000000000000.index",
            "00000000000000000000.timeindex", "00000000000000000000.txnindex", "00000000000000000202.snapshot",
            "00000000000000000153-0000000001.checkpoint", "quorum-state", "leader-epoch-checkpoint",
            "partition.metadata", "meta.properties", "recovery-point-offset-checkpoint", "bootstrap.checkpoint");

    @Test
    void kafkasOwnNameTestsIgnoreTheTempFiles() {
        Path dir = Path.of("/data/orders-0");
        List<String> suffixes = List.of(LogFileUtils.LOG_FILE_SUFFIX, LogFileUtils.INDEX_FILE_SUFFIX,
                LogFileUtils.TIME_INDEX_FILE_SUFFIX, LogFileUtils.TXN_INDEX_FILE_SUFFIX,
                LogFileUtils.PRODUCER_SNAPSHOT_FILE_SUFFIX, LogFileUtils.DELETED_FILE_SUFFIX,
                LogFileUtils.CLEANED_FILE_SUFFIX, LogFileUtils.SWAP_FILE_SUFFIX);
        for (String name : TARGETS) {
            Path tmp = SafeWriter.tempFor(dir.resolve(name));
            File f = tmp.toFile();
            assertFalse(LogFileUtils.isLogFile(f), tmp.toString());
            assertFalse(LogFileUtils.isIndexFile(f), tmp.toString());
            for (String s : suffixes) assertFalse(tmp.toString().endsWith(s), tmp + " ends with " + s);
            assertTrue(Snapshots.parse(tmp).isEmpty(), tmp.toString());
        }
        // the real names, for contrast, are recognised
        assertTrue(LogFileUtils.isLogFile(dir.resolve(TARGETS.get(0)).toFile()));
        assertTrue(Snapshots.parse(dir.resolve(TARGETS.get(5))).isPresent());
    }
}
