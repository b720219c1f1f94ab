package dev.kfsck.core.repair;

import dev.kfsck.core.analysis.PartitionDirName;
import dev.kfsck.core.io.FileAttrs;
import dev.kfsck.core.io.FolderMove;
import dev.kfsck.core.io.FolderTree;
import dev.kfsck.core.io.LockHeldException;
import dev.kfsck.core.io.LockProbe;
import dev.kfsck.core.io.SafeWriter;
import dev.kfsck.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Carries out a {@link RepairPlan} safely:
 * <ol>
 *   <li>refuses, changing nothing, when a log dir's {@code .lock} is held, when the backup folder lies inside a log
 *       dir (a foreign folder there stops the broker) or is not empty, or when an action does not fit the files
 *       (a missing file, a cut beyond the end, a destination inside a log dir, two actions on one file);</li>
 *   <li>holds every log dir's lock until it is done, so that a broker cannot start meanwhile;</li>
 *   <li>backs up every file that will change into the backup folder (mirroring {@code <n>-<logdir name>/<relative
 *       path>}), hashing it on the way, and computes the SHA-256 each file will have afterwards;</li>
 *   <li>for a folder moved out of a log dir root (only a {@link RepairAction.MoveOut} takes a folder, and never one
 *       named like a partition unless the action says so): records its tree (every path, size and SHA-256) and the
 *       tree's digest instead of copying it, since the move keeps the bytes; the move is a rename on one file system,
 *       and a copy that is read back and compared before the source is deleted across file systems
 *       ({@link FolderMove});</li>
 *   <li>writes and fsyncs the journal before the first change;</li>
 *   <li>runs each action through {@link SafeWriter}, checks the result against the expected hash, and rewrites the
 *       journal after each one;</li>
 *   <li>on a failure, puts back every file already changed, from the backups, and says so.</li>
 * </ol>
 * Backups cost as much disk as the files they copy (segments included), outside the log dirs; a folder moved out
 * costs a listing, and every byte of it is read once to hash it (twice more when it is copied to another file system).
 */
public final class RepairExecutor {

    /** Called before each action; tests use it to fail in the middle of a run. */
    interface Hook {
        void beforeAction(int index, RepairAction action) throws IOException;
    }

    private final Hook hook;

    RepairExecutor(Hook hook) {
        this.hook = hook;
    }

    /** Applies {@code plan} to files in {@code logDirs}, keeping backups and the journal in {@code backupDir}. */
    public static ApplyResult apply(RepairPlan plan, List<Path> logDirs, Path backupDir) throws IOException {
        return new RepairExecutor((i, a) -> { }).run(plan, logDirs, backupDir);
    }

    /** A checked action: the file's log dir and relative path; {@code folder} for a folder moved out. */
    private record Target(RepairAction action, Path logDir, String file, Path real, boolean folder) {
    }

    ApplyResult run(RepairPlan plan, List<Path> logDirs, Path backupDir) throws IOException {
        List<String> problems = new ArrayList<>();
        LogDirs dirs = LogDirs.resolve(logDirs, problems);
        Path backupReal = LogDirs.real(backupDir);
        checkBackupDir(dirs, backupDir, backupReal, problems);
        checkActions(plan, dirs, backupReal, problems);
        if (!problems.isEmpty()) throw new RepairRefusedException(problems);

        List<LockProbe.Held> locks = new ArrayList<>();
        try {
            for (Path d : dirs.all()) {
                try {
                    locks.add(LockProbe.acquire(d));
                } catch (LockHeldException held) {
                    throw new RepairRefusedException(held.getMessage(), held);
                }
            }
            // again under the locks: only now can nothing change the files behind our back
            List<Target> targets = checkActions(plan, dirs, backupReal, problems);
            if (!problems.isEmpty()) throw new RepairRefusedException(problems);
            return execute(plan, dirs, targets, backupReal);
        } finally {
            closeAll(locks);
        }
    }

    private static void checkBackupDir(LogDirs dirs, Path given, Path real, List<String> problems) throws IOException {
        if (dirs.insideAny(real)) {
            problems.add("the backup folder " + given + " is inside a log dir; Kafka takes a log dir holding a foreign"
                    + " folder offline, so backups must go elsewhere");
        }
        for (Path d : dirs.all()) {
            if (d.startsWith(real)) problems.add("the backup folder " + given + " contains the log dir " + d);
        }
        if (Files.exists(real)) {
            if (!Files.isDirectory(real)) {
                problems.add("the backup folder " + given + " is not a folder");
            } else {
                try (Stream<Path> s = Files.list(real)) {
                    if (s.findAny().isPresent()) problems.add("the backup folder " + given + " is not empty; give a new one");
                }
            }
        }
    }

    private static List<Target> checkActions(RepairPlan plan, LogDirs dirs, Path backupReal, List<String> problems) throws IOException {
        List<Target> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (RepairPlan.Step step : plan.steps()) {
            RepairAction a = step.action();
            Path real = LogDirs.real(a.path());
            Path dir = dirs.containing(real).orElse(null);
            if (dir == null) {
                problems.add(a.path() + (dirs.all().contains(real) ? " is a log dir itself; kfsck never moves or changes a whole log dir"
                        : " is not inside any of the log dirs " + dirs.all()));
                continue;
            }
            if (a instanceof RepairAction.MoveOut m && Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isSymbolicLink(a.path())) {
                if (!seen.add(real)) problems.add(a.path() + " is changed by two actions; a plan changes each file once");
                checkFolderMove(m, dir, real, dirs, backupReal, problems);
                checkDestination(m, dirs, backupReal, problems);
                out.add(new Target(a, dir, LogDirs.relative(dir, real), real, true));
                continue;
            }
            if (!seen.add(real)) problems.add(a.path() + " is changed by two actions; a plan changes each file once");
            String rel = LogDirs.relative(dir, real);
            if (real.getFileName().toString().equals(LockProbe.LOCK_FILE)) problems.add(a.path() + ": the lock file is not repaired");
            boolean exists = Files.exists(real, LinkOption.NOFOLLOW_LINKS);
            if (exists && !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(a.path() + " is not a regular file");
            } else if (!exists && !(a instanceof RepairAction.WriteFile)) {
                problems.add(a.path() + " does not exist");
            }
            if (a instanceof RepairAction.WriteFile) {
                if (!Files.isDirectory(real.getParent())) problems.add(a.path() + ": its folder does not exist");
            } else if (a instanceof RepairAction.TruncateFile t) {
                if (exists && Files.size(real) < t.newLength()) {
                    problems.add("cannot cut " + a.path() + " to " + t.newLength() + " bytes: it has only " + Files.size(real));
                }
            } else if (a instanceof RepairAction.MoveOut m) {
                checkDestination(m, dirs, backupReal, problems);
            }
            out.add(new Target(a, dir, rel, real, false));
        }
        for (Target moved : out) {
            if (!moved.folder()) continue;
            for (Target other : out) {
                if (other != moved && other.real().startsWith(moved.real())) {
                    problems.add(other.action().path() + " lies in the folder " + moved.action().path()
                            + ", which the plan moves out; a plan changes each file once");
                }
            }
        }
        return out;
    }

    private static void checkDestination(RepairAction.MoveOut m, LogDirs dirs, Path backupReal, List<String> problems) throws IOException {
        Path dst = LogDirs.real(m.destination());
        if (dirs.insideAny(dst)) problems.add("the destination " + m.destination() + " is inside a log dir");
        if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) problems.add("the destination " + m.destination() + " exists");
        if (dst.startsWith(backupReal)) problems.add("the destination " + m.destination() + " is inside the backup folder");
        else if (backupReal.startsWith(dst)) problems.add("the backup folder is inside the destination " + m.destination());
    }

    /**
     * A folder may be moved out only from a log dir root, and one named like a partition only when the planner says
     * so; everything in it must be a file, folder or link (see {@link FolderTree}).
     */
    private static void checkFolderMove(RepairAction.MoveOut m, Path dir, Path real, LogDirs dirs, Path backupReal,
                                        List<String> problems) {
        if (!real.getParent().equals(dir)) {
            problems.add(m.path() + " is a folder inside " + LogDirs.relative(dir, real.getParent()) + ", not in the root of the"
                    + " log dir " + dir + "; kfsck moves out only whole folders of a log dir root");
            return;
        }
        String name = real.getFileName().toString();
        if (PartitionDirName.parse(name).isPresent() && !m.partitionFolder()) {
            problems.add(m.path() + " is named like a partition folder (topic-partition); moving it out takes that replica"
                    + " away, and the plan did not ask for that explicitly");
        }
        if (backupReal.startsWith(real)) problems.add("the backup folder lies inside " + m.path() + ", which is moved out");
        try {
            FolderTree.shape(real);
        } catch (IOException e) {
            problems.add("cannot move the folder " + m.path() + ": " + e.getMessage());
        }
    }

    private ApplyResult execute(RepairPlan plan, LogDirs dirs, List<Target> targets, Path backupDir) throws IOException {
        SafeWriter.createDirectories(backupDir);
        Path journalFile = backupDir.resolve(Journal.FILE_NAME);
        List<Journal.Entry> entries = new ArrayList<>();
        List<String> dirNames = dirs.all().stream().map(Path::toString).toList();
        FolderTree[] trees = new FolderTree[targets.size()];
        Journal journal;
        try {
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                if (t.folder()) {
                    trees[i] = FolderTree.read(t.real());
                    entries.add(recordFolder(i, t, trees[i], plan.steps().get(i), dirs, backupDir));
                } else {
                    entries.add(backUp(i, t, plan.steps().get(i), dirs, backupDir));
                }
            }
            journal = new Journal(Journal.FORMAT, Journal.VERSION, Instant.now().toString(), Journal.State.APPLYING,
                    dirNames, null, entries);
            journal.writeTo(journalFile);
        } catch (IOException e) {
            throw new IOException("could not back up the files or write the journal in " + backupDir
                    + ", so nothing in the log dirs was changed: " + e.getMessage(), e);
        }

        for (int i = 0; i < targets.size(); i++) {
            Journal.Entry e = journal.entries().get(i);
            try {
                hook.beforeAction(i, targets.get(i).action());
                perform(targets.get(i).action(), targets.get(i).real(), trees[i]);
                verifyAfter(e);
                journal = journal.withEntry(e.withStatus(Journal.Status.DONE, null));
                journal.writeTo(journalFile);
            } catch (IOException | RuntimeException failure) {
                String why = "action " + i + " (" + targets.get(i).action().summary() + ") failed: " + failure.getMessage();
                journal = journal.withEntry(e.withStatus(Journal.Status.FAILED, failure.getMessage())).withState(Journal.State.APPLYING, why);
                writeQuietly(journal, journalFile, failure);
                return rollBack(journal, journalFile, i, why);
            }
        }
        journal = journal.withState(Journal.State.APPLIED, null);
        journal.writeTo(journalFile);
        return new ApplyResult(Journal.State.APPLIED, journalFile, journal);
    }

    /** Copies the file into the backup folder, hashing it, and describes the states before and after. */
    private static Journal.Entry backUp(int index, Target t, RepairPlan.Step step, LogDirs dirs, Path backupDir) throws IOException {
        RepairAction a = t.action();
        Path file = t.real();
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        FileAttrs attrs = existed ? FileAttrs.of(file) : FileAttrs.forNewFileIn(file.getParent());
        long sizeBefore = existed ? Files.size(file) : -1;
        String hashBefore = null;
        String prefixHash = null;
        String backupRel = null;
        if (existed) {
            int dirIndex = dirs.all().indexOf(t.logDir());
            backupRel = "files/" + dirIndex + "-" + t.logDir().getFileName() + "/" + t.file();
            Path backup = backupDir.resolve(backupRel);
            SafeWriter.createDirectories(backup.getParent());
            long cut = a instanceof RepairAction.TruncateFile tr ? tr.newLength() : -1;
            String[] hashes = copyHashing(file, backup, cut, Journal.ownFileAttrs(backupDir));
            hashBefore = hashes[0];
            prefixHash = hashes[1];
        }
        boolean existsAfter = a instanceof RepairAction.WriteFile || a instanceof RepairAction.TruncateFile;
        long sizeAfter = -1;
        String hashAfter = null;
        if (a instanceof RepairAction.WriteFile w) {
            byte[] b = w.newBytes();
            sizeAfter = b.length;
            hashAfter = Sha256.of(b);
        } else if (a instanceof RepairAction.TruncateFile tr) {
            sizeAfter = tr.newLength();
            hashAfter = prefixHash;
        }
        String destination = a instanceof RepairAction.MoveOut m ? LogDirs.real(m.destination()).toString() : null;
        Long newLength = a instanceof RepairAction.TruncateFile tr ? tr.newLength() : null;
        return new Journal.Entry(index, a.kind(), t.logDir().toString(), t.file(), destination, newLength,
                step.description(), a.why().render(), step.recordsLost(), existed, sizeBefore, hashBefore,
                attrs.modeOctal(), attrs.uid(), attrs.gid(), existsAfter, sizeAfter, hashAfter, backupRel, null,
                Journal.Status.PENDING, null);
    }

    /**
     * A folder moved out is not copied (the move keeps its bytes): its listing goes next to the journal, mirroring
     * {@code folders/<n>-<logdir name>/<name>.tree}, and its digest into the entry.
     */
    private static Journal.Entry recordFolder(int index, Target t, FolderTree tree, RepairPlan.Step step, LogDirs dirs,
                                              Path backupDir) throws IOException {
        RepairAction.MoveOut m = (RepairAction.MoveOut) t.action();
        int dirIndex = dirs.all().indexOf(t.logDir());
        String listingRel = "folders/" + dirIndex + "-" + t.logDir().getFileName() + "/" + t.file() + ".tree";
        Path listing = backupDir.resolve(listingRel);
        SafeWriter.createDirectories(listing.getParent());
        SafeWriter.write(listing, tree.listing().getBytes(StandardCharsets.UTF_8), Journal.ownFileAttrs(backupDir));
        FileAttrs attrs = FileAttrs.of(t.real());
        return new Journal.Entry(index, m.kind(), t.logDir().toString(), t.file(), LogDirs.real(m.destination()).toString(),
                null, step.description(), m.why().render(), step.recordsLost(), true, tree.bytes(), tree.digest(),
                attrs.modeOctal(), attrs.uid(), attrs.gid(), false, -1, null, null,
                new Journal.Folder(tree.nodes().size(), tree.files(), listingRel), Journal.Status.PENDING, null);
    }

    /**
     * Streams {@code source} into {@code backup}; returns the SHA-256 of the whole file and, when {@code cut >= 0},
     * of its first {@code cut} bytes (what a truncation will leave), both from the one read.
     */
    private static String[] copyHashing(Path source, Path backup, long cut, FileAttrs backupAttrs) throws IOException {
        MessageDigest whole = Sha256.newDigest();
        MessageDigest prefix = Sha256.newDigest();
        long[] copied = {0};
        SafeWriter.write(backup, backupAttrs, out -> {
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(source)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    whole.update(buf, 0, n);
                    if (cut >= 0 && copied[0] < cut) prefix.update(buf, 0, (int) Math.min(n, cut - copied[0]));
                    copied[0] += n;
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) out.write(b);
                }
            }
        });
        return new String[] {Sha256.hex(whole.digest()), cut >= 0 ? Sha256.hex(prefix.digest()) : null};
    }

    private static void perform(RepairAction a, Path file, FolderTree folder) throws IOException {
        if (folder != null) {
            FolderMove.move(file, LogDirs.real(((RepairAction.MoveOut) a).destination()), folder);
        } else if (a instanceof RepairAction.WriteFile w) {
            SafeWriter.write(file, w.newBytes());
        } else if (a instanceof RepairAction.DeleteFile) {
            SafeWriter.delete(file);
        } else if (a instanceof RepairAction.TruncateFile t) {
            SafeWriter.truncate(file, t.newLength());
        } else if (a instanceof RepairAction.MoveOut m) {
            SafeWriter.move(file, LogDirs.real(m.destination()));
        } else {
            throw new IllegalStateException("unknown action " + a);
        }
    }

    /** Reads the file back: it must be exactly what the journal says the action leaves. */
    private static void verifyAfter(Journal.Entry e) throws IOException {
        Path t = e.target();
        boolean exists = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
        if (e.movesFolder()) {
            // the move itself compared the result with the tree (every byte when it had to copy)
            if (exists) throw new IOException(t + " still exists after the move");
            if (!Files.isDirectory(Path.of(e.destination()), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(e.destination() + " is not a folder after the move");
            }
            return;
        }
        if (exists != e.existsAfter()) {
            throw new IOException(t + (exists ? " still exists" : " is missing") + " after the action");
        }
        if (exists) {
            String now = Sha256.of(t);
            if (!now.equals(e.sha256After())) {
                throw new IOException(t + " reads back as SHA-256 " + now + ", expected " + e.sha256After());
            }
        }
        if (e.destination() != null) {
            String moved = Sha256.of(Path.of(e.destination()));
            if (!moved.equals(e.sha256Before())) {
                throw new IOException(e.destination() + " reads back as SHA-256 " + moved + ", expected " + e.sha256Before());
            }
        }
    }

    /** Restores the entries up to and including {@code failed}, last first. */
    private static ApplyResult rollBack(Journal journal, Path journalFile, int failed, String why) {
        Restorer restorer = new Restorer(journalFile.getParent());
        List<String> left = new ArrayList<>();
        for (int i = failed; i >= 0; i--) {
            Journal.Entry e = journal.entries().get(i);
            try {
                Restorer.Check c = restorer.check(e);
                if (c.found() == Restorer.Found.CHANGED) {
                    left.add(c.detail());
                    continue;
                }
                restorer.restore(c);
                journal = journal.withEntry(e.withStatus(Journal.Status.ROLLED_BACK, e.error()));
            } catch (IOException | RuntimeException ex) {
                left.add(e.target() + ": " + ex.getMessage());
            }
        }
        Journal.State state = left.isEmpty() ? Journal.State.ROLLED_BACK : Journal.State.ROLLBACK_FAILED;
        String text = left.isEmpty()
                ? why + "; every file was put back as it was"
                : why + "; these files could not be put back: " + String.join("; ", left);
        journal = journal.withState(state, text);
        writeQuietly(journal, journalFile, null);
        return new ApplyResult(state, journalFile, journal);
    }

    private static void writeQuietly(Journal j, Path file, Exception into) {
        try {
            j.writeTo(file);
        } catch (IOException e) {
            if (into != null) into.addSuppressed(e);
        }
    }

    static void closeAll(List<LockProbe.Held> locks) throws IOException {
        IOException first = null;
        for (LockProbe.Held h : locks) {
            try {
                h.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
