package dev.kfsck.core.io;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import org.apache.kafka.server.util.FileLock;

/**
 * Child main: locks {@code <dir>/.lock} with Kafka's own {@code FileLock}, exactly as LogManager does, prints
 * {@code LOCKED} (or {@code BUSY}), then holds it until stdin says {@code release} or closes.
 * With a second argument {@code probe}, it only tries once and prints {@code FREE} or {@code BUSY}.
 */
public final class KafkaLockHolder {
    public static void main(String[] args) throws Exception {
        FileLock lock = new FileLock(new File(args[0], ".lock"));
        boolean got = lock.tryLock();
        if (args.length > 1 && args[1].equals("probe")) {
            System.out.println(got ? "FREE" : "BUSY");
            if (got) lock.unlock();
            lock.unlockAndClose();
            return;
        }
        System.out.println(got ? "LOCKED" : "BUSY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String l; (l = in.readLine()) != null; ) {
            if (l.equals("release")) break;
        }
        lock.unlockAndClose();
        System.out.println("RELEASED");
    }
}
