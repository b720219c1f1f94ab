package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Changes files so that a crash at any moment leaves either the old file or the new one, never a mix.
 *
 * <p>Every replacement goes through a temporary file in the same directory: create it, give it the owner, group and
 * mode the result must have, write, fsync, rename it over the target with {@code ATOMIC_MOVE}, fsync the directory.
 * On any failure before the rename the temporary file is deleted and the target is untouched.
 *
 * <p><b>Temporary file name.</b> {@code .<name>.kfsck-tmp}, for instance {@code .quorum-state.kfsck-tmp}. If a crash
 * leaves one behind, Kafka ignores it: the log loader acts only on the suffixes {@code .log}, {@code .index},
 * {@code .timeindex}, {@code .txnindex}, {@code .snapshot}, {@code .deleted}, {@code .cleaned} and {@code .swap}, the
 * raft layer only on {@code .checkpoint}, {@code .checkpoint.part} and {@code .checkpoint.deleted}, and the log
 * manager only on directories; a temp file is never a directory. The loader does demand that <em>every</em> file in a
 * partition folder be readable by the broker ({@code "Could not read file"} takes the whole log dir offline), which is
 * why the temporary file gets its final owner and mode <em>before</em> any byte is written: a leftover belongs to the
 * broker's user just like the file it was meant to replace. A leftover from an earlier crash is deleted before a new
 * write to the same target, and {@link #isTempName} lets a checker report stray ones.
 *
 * <p>Errors are one {@link IOException} whose message names the file and says what failed.
 */
public final class SafeWriter {

    /** The suffix of every temporary file this class creates. */
    public static final String TEMP_SUFFIX = ".kfsck-tmp";

    private static final int COPY_CHUNK = 8 << 20;

    /** Writes the content of a file to a channel positioned at 0. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    private SafeWriter() {
    }

    /** The temporary file used while replacing {@code target}. */
    public static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
    }

    /** True for a name this class gives its temporary files. */
    public static boolean isTempName(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
    }

    /**
     * Replaces (or creates) {@code file} with {@code bytes}. An existing file keeps its owner, group and mode; a new
     * one gets its directory's owner and group and mode 0644 ({@link FileAttrs#forNewFileIn}).
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, attrsToKeep(file), out -> writeFully(out, ByteBuffer.wrap(bytes)));
    }

    /** Replaces (or creates) {@code file} with {@code bytes} and the given owner, group and mode. */
    public static void write(Path file, byte[] bytes, FileAttrs attrs) throws IOException {
        write(file, attrs, out -> writeFully(out, ByteBuffer.wrap(bytes)));
    }

    /** Replaces (or creates) {@code target} with the bytes of {@code source}, streamed, with the given attributes. */
    public static void copy(Path source, Path target, FileAttrs attrs) throws IOException {
        write(target, attrs, out -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                transferFully(in, 0, in.size(), out, source);
            }
        });
    }

    /**
     * Cuts {@code file} to its first {@code newLength} bytes, atomically: the kept prefix is copied (streamed, by the
     * kernel where it can) into a temporary file that then replaces the original. Needs free space for the prefix.
     * Cutting to the current length changes nothing.
     */
    public static void truncate(Path file, long newLength) throws IOException {
        if (newLength < 0) throw new IOException("cannot truncate " + file + ": negative length " + newLength);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw failure("truncate", file, e);
        }
        if (newLength > size) {
            throw new IOException("cannot truncate " + file + " to " + newLength + " bytes: it has only " + size);
        }
        if (newLength == size) return;
        write(file, attrsToKeep(file), out -> {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                transferFully(in, 0, newLength, out, file);
            }
        });
    }

    /**
     * The general form: writes {@code content} into a temporary file that carries {@code attrs} from the start, fsyncs
     * it, renames it over {@code file}, and fsyncs the directory.
     */
    public static void write(Path file, FileAttrs attrs, Content content) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("cannot write " + file + ": it is a symbolic link; refusing to replace it");
        }
        Path tmp = tempFor(file);
        try {
            Files.deleteIfExists(tmp);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                attrs.applyTo(tmp);
                content.writeTo(out);
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw failure("write", file, e);
        }
        fsyncDirectoryAfter("wrote", file);
    }

    /** Deletes {@code file} and fsyncs its directory. */
    public static void delete(Path file) throws IOException {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw failure("delete", file, e);
        }
        fsyncDirectoryAfter("deleted", file);
    }

    /**
     * Moves {@code src} to {@code dst}, which must not exist; missing parent folders of {@code dst} are created.
     * Within one file system this is a rename; across file systems the file is copied (keeping owner, group and mode)
     * through a temporary file next to {@code dst}, and only then is {@code src} deleted, so a crash leaves at worst
     * two copies, never none. Both directories are fsynced. Whole folders move with {@link FolderMove#move}.
     */
    public static void move(Path src, Path dst) throws IOException {
        try {
            if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(src.toString(), null, "not a regular file");
            if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(dst.toString());
            createDirectories(dst.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IOException("cannot move " + src + " to " + dst + ": " + describe(e), e);
        }
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException crossDevice) {
            copy(src, dst, FileAttrs.of(src));
            delete(src);
            return;
        } catch (IOException e) {
            throw new IOException("cannot move " + src + " to " + dst + ": " + describe(e), e);
        }
        fsyncDirectoryAfter("moved", dst);
        fsyncDirectoryAfter("moved", src);
    }

    /** Creates {@code dir} and any missing parents, fsyncing the parent of each folder it creates. */
    public static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) missing.push(p);
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            Files.createDirectory(p);
            fsyncDirectory(p.getParent());
        }
    }

    /** Makes a directory's entries (creations, renames, deletions) durable. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static FileAttrs attrsToKeep(Path file) throws IOException {
        try {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? FileAttrs.of(file)
                    : FileAttrs.forNewFileIn(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw failure("write", file, e);
        }
    }

    private static void fsyncDirectoryAfter(String done, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new IOException(done + " " + file + " but could not fsync its directory " + dir
                    + " (the change may not survive a power loss): " + describe(e), e);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }

    private static void transferFully(FileChannel in, long from, long length, FileChannel out, Path source) throws IOException {
        long done = 0;
        while (done < length) {
            long n = in.transferTo(from + done, Math.min(COPY_CHUNK, length - done), out);
            if (n <= 0) {
                throw new IOException(from + done >= in.size()
                        ? source + " shrank while being copied"
                        : "copying " + source + " made no progress at byte " + (from + done));
            }
            done += n;
        }
    }

    private static IOException failure(String verb, Path file, Exception e) {
        return new IOException("cannot " + verb + " " + file + ": " + describe(e) + "; the original is unchanged", e);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) return "no such file " + m;
        if (e instanceof FileAlreadyExistsException) return "already exists: " + m;
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied: " + m;
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
