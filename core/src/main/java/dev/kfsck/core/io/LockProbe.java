package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether a process holds a log dir's {@code .lock}, by testing the lock, not the file: Kafka deletes
 * {@code .lock} on a clean shutdown but leaves it behind after a crash, so its presence proves nothing.
 *
 * <p>Kafka takes an exclusive {@code FileChannel.tryLock()} on the whole file, which on Linux is a POSIX
 * {@code fcntl} record lock. The probe opens the existing file (never creating it) and calls {@code tryLock()}: a
 * {@code null} answer means another process holds it. Within one JVM a second {@code tryLock} throws
 * {@link OverlappingFileLockException}, but closing the probing channel would then release the other channel's lock
 * (POSIX locks belong to the process, and any close drops them). So before opening anything the probe looks at the
 * locks this JVM took through {@link #acquire} and, on Linux, at {@code /proc/locks} for a lock of this very process;
 * only when neither says "held here" is the file opened.
 *
 * <p>{@link #acquire} holds the lock for the length of a repair, so that a broker cannot start meanwhile (it fails
 * with "Failed to acquire lock on file .lock"). Note that in combined mode a starting broker opens, recovers and may
 * write {@code __cluster_metadata-0} and {@code quorum-state} <em>before</em> it takes the lock and fails: holding
 * the lock stops the broker, but not those first writes. Callers must verify afterwards that what they wrote is
 * still there.
 */
public final class LockProbe {

    /** The lock file Kafka uses in every log dir. */
    public static final String LOCK_FILE = ".lock";

    /** Who holds a log dir's lock. */
    public enum State { NOT_HELD, HELD_BY_ANOTHER_PROCESS, HELD_BY_THIS_JVM }

    /**
     * What a probe saw.
     *
     * @param dir            the log dir
     * @param state          who holds the lock
     * @param lockFileExists whether {@code .lock} exists (after a crash it does, and is not held)
     * @param holderPid      the holder's pid as {@code /proc/locks} shows it, when known
     */
    public record Result(Path dir, State state, boolean lockFileExists, OptionalLong holderPid) {

        public boolean held() {
            return state != State.NOT_HELD;
        }

        /** One sentence for people. */
        public String describe() {
            String pid = holderPid.isPresent() && holderPid.getAsLong() > 0 ? " (pid " + holderPid.getAsLong() + ")" : "";
            return switch (state) {
                case NOT_HELD -> "the lock of " + dir + " is free" + (lockFileExists ? "" : " (no .lock file)");
                case HELD_BY_ANOTHER_PROCESS -> "the log dir " + dir + " is locked by another process" + pid
                        + ": a Kafka broker (or another kfsck) is using it; stop it first";
                case HELD_BY_THIS_JVM -> "the log dir " + dir + " is already locked by this process" + pid;
            };
        }
    }

    private static final Map<Path, Held> HELD_HERE = new ConcurrentHashMap<>();

    private LockProbe() {
    }

    /** True when any process, this one included, holds the lock of {@code dir}. */
    public static boolean isHeld(Path dir) throws IOException {
        return probe(dir).held();
    }

    /** Tests the lock of {@code dir} without creating, writing or (visibly) locking anything. */
    public static Result probe(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) return free(dir, false);
        Path key;
        try {
            key = lockFile.toRealPath();
        } catch (NoSuchFileException gone) {
            return free(dir, false);
        }
        if (HELD_HERE.containsKey(key)) return new Result(dir, State.HELD_BY_THIS_JVM, true, OptionalLong.of(selfPid()));
        Optional<List<ProcLocks.Held>> procLocks = posixLocksOn(lockFile);
        if (procLocks.isPresent() && procLocks.get().stream().anyMatch(h -> h.pid() == selfPid())) {
            return new Result(dir, State.HELD_BY_THIS_JVM, true, OptionalLong.of(selfPid()));
        }
        FileChannel[] opened = new FileChannel[1];
        try {
            FileLock lock = tryLockExisting(lockFile, opened);
            if (lock == null) {
                return new Result(dir, State.HELD_BY_ANOTHER_PROCESS, true, otherHolder(procLocks));
            }
            lock.release();
            return free(dir, true);
        } catch (OverlappingFileLockException sameJvm) {
            return new Result(dir, State.HELD_BY_THIS_JVM, true, OptionalLong.of(selfPid()));
        } catch (NoSuchFileException deletedMeanwhile) {
            return free(dir, false);
        } catch (IOException e) {
            throw new IOException("cannot test the lock " + lockFile + ": " + SafeWriter.describe(e), e);
        } finally {
            if (opened[0] != null) opened[0].close();
        }
    }

    /**
     * Takes the lock of {@code dir} like Kafka does, or throws {@link LockHeldException}. A missing {@code .lock} is
     * created (empty, with the log dir's owner and group and mode 0644, so that the broker can open it later) and
     * deleted again on {@link Held#close()}, leaving the dir as it was found; an existing one is left in place.
     */
    public static Held acquire(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "not a log dir");
        Path lockFile = dir.resolve(LOCK_FILE);
        synchronized (HELD_HERE) {
            Result before = probe(dir);
            if (before.held()) throw new LockHeldException(before);
            boolean created = false;
            FileChannel ch;
            try {
                ch = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException missing) {
                try {
                    ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new IOException("cannot create " + lockFile + " to lock the log dir: " + SafeWriter.describe(e), e);
                }
                created = true;
                try {
                    FileAttrs.forNewFileIn(dir).applyTo(lockFile);
                } catch (IOException e) {
                    ch.close();
                    Files.deleteIfExists(lockFile);
                    throw new IOException("cannot give " + lockFile + " the log dir's owner: " + SafeWriter.describe(e), e);
                }
            } catch (IOException e) {
                throw new IOException("cannot open " + lockFile + " to lock the log dir: " + SafeWriter.describe(e), e);
            }
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                throw new LockHeldException(new Result(dir, State.HELD_BY_ANOTHER_PROCESS, true, otherHolder(posixLocksOn(lockFile))));
            }
            Held held = new Held(dir, lockFile.toRealPath(), ch, lock, created);
            HELD_HERE.put(held.key, held);
            return held;
        }
    }

    /** A lock this JVM holds on a log dir. Closing releases it (and deletes {@code .lock} if this created it). */
    public static final class Held implements AutoCloseable {
        private final Path dir;
        private final Path key;
        private final FileChannel channel;
        private final FileLock lock;
        private final boolean createdLockFile;
        private boolean closed;

        private Held(Path dir, Path key, FileChannel channel, FileLock lock, boolean createdLockFile) {
            this.dir = dir;
            this.key = key;
            this.channel = channel;
            this.lock = lock;
            this.createdLockFile = createdLockFile;
        }

        public Path dir() {
            return dir;
        }

        /** Whether {@code .lock} did not exist before and will be deleted on close. */
        public boolean createdLockFile() {
            return createdLockFile;
        }

        @Override
        public void close() throws IOException {
            synchronized (HELD_HERE) {
                if (closed) return;
                closed = true;
                try {
                    if (createdLockFile) Files.deleteIfExists(key);
                    lock.release();
                } finally {
                    channel.close();
                    HELD_HERE.remove(key);
                }
            }
        }
    }

    private static Result free(Path dir, boolean exists) {
        return new Result(dir, State.NOT_HELD, exists, OptionalLong.empty());
    }

    /**
     * Opens the existing lock file read-write; where that is denied (a non-root user, a broker-owned 0644 file) it
     * opens read-only and tests with a shared lock, which conflicts with Kafka's exclusive one just as well.
     */
    private static FileLock tryLockExisting(Path lockFile, FileChannel[] opened) throws IOException {
        boolean shared = false;
        try {
            opened[0] = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException readOnly) {
            opened[0] = FileChannel.open(lockFile, StandardOpenOption.READ);
            shared = true;
        }
        return opened[0].tryLock(0, Long.MAX_VALUE, shared);
    }

    private static Optional<List<ProcLocks.Held>> posixLocksOn(Path lockFile) {
        try {
            long dev = (Long) Files.getAttribute(lockFile, "unix:dev");
            long ino = (Long) Files.getAttribute(lockFile, "unix:ino");
            int major = ProcLocks.major(dev);
            int minor = ProcLocks.minor(dev);
            return ProcLocks.read().map(all -> all.stream()
                    .filter(h -> h.type().equals("POSIX") && h.inode() == ino && h.major() == major && h.minor() == minor)
                    .toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong otherHolder(Optional<List<ProcLocks.Held>> locks) {
        return locks.flatMap(l -> l.stream().filter(h -> h.pid() != selfPid()).findFirst())
                .map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
    }

    private static long selfPid() {
        return ProcessHandle.current().pid();
    }
}
