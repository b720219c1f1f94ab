package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Moves a whole folder so that a crash or an error never leaves it nowhere: at worst in both places.
 *
 * <p>Within one file system the folder is renamed with {@code ATOMIC_MOVE} and both parent folders are fsynced.
 * Across file systems (the rename fails with {@code EXDEV}) it is copied into a temporary folder next to the
 * destination ({@code .<name>.kfsck-tmp}): folders, files (each fsynced) and symbolic links, each with its owner,
 * group and mode; every copied folder is fsynced; the copy is read back and must match the expected tree byte for
 * byte and mode for mode; then it is renamed to the destination, and only then is the source deleted and its parent
 * fsynced. A failure before the source is touched removes the temporary copy and leaves the source as it was.
 */
public final class FolderMove {

    private FolderMove() {
    }

    /**
     * Moves the folder {@code src} to {@code dst}, which must not exist (missing parents are created).
     *
     * @param expected what {@code src} holds (from {@link FolderTree#read}); the result is checked against it, by
     *                 names, kinds and sizes after a rename and by every byte after a copy
     */
    public static void move(Path src, Path dst, FolderTree expected) throws IOException {
        try {
            if (!Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) throw new IOException(src + " is not a folder");
            if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(dst.toString());
            SafeWriter.createDirectories(dst.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IOException("cannot move the folder " + src + " to " + dst + ": " + SafeWriter.describe(e), e);
        }
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException crossDevice) {
            copyAcross(src, dst, expected);
            return;
        } catch (IOException e) {
            throw new IOException("cannot move the folder " + src + " to " + dst + ": " + SafeWriter.describe(e), e);
        }
        fsyncParent("moved", dst);
        fsyncParent("moved", src);
        String diff = FolderTree.shape(dst).difference(expected, false, false);
        if (diff != null) throw new IOException("moved " + src + " to " + dst + " but it is not what was expected: " + diff);
    }

    private static void copyAcross(Path src, Path dst, FolderTree expected) throws IOException {
        Path tmp = SafeWriter.tempFor(dst);
        try {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) deleteTree(tmp);
            FolderTree source = FolderTree.shape(src);
            copyTree(src, tmp, source.nodes());
            FolderTree copied = FolderTree.read(tmp);
            String diff = copied.difference(expected, true, false);
            if (diff == null) diff = copied.difference(source, false, true);
            if (diff != null) throw new IOException("the copy in " + tmp + " does not match the source: " + diff);
            if (!FileAttrs.of(tmp).equals(FileAttrs.of(src))) throw new IOException("the copy's root folder lost its owner or mode");
            Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
            fsyncParent("copied", dst);
        } catch (IOException | RuntimeException e) {
            try {
                if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) deleteTree(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IOException("cannot copy the folder " + src + " to " + dst + " (another file system): "
                    + SafeWriter.describe(e) + "; the source is unchanged", e);
        }
        try {
            deleteTree(src);
        } catch (IOException e) {
            throw new IOException("copied the folder " + src + " to " + dst + " and checked the copy, but could not"
                    + " delete all of the source: " + SafeWriter.describe(e), e);
        }
    }

    private static void copyTree(Path src, Path dst, List<FolderTree.Node> nodes) throws IOException {
        Files.createDirectory(dst);
        // nodes are in path order: a folder comes before everything in it
        for (FolderTree.Node n : nodes) {
            Path from = src.resolve(n.path());
            Path to = dst.resolve(n.path());
            switch (n.kind()) {
                case DIR -> Files.createDirectory(to);
                case FILE -> copyFile(from, to, n.attrs());
                case LINK -> {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(from));
                    setOwner(to, n.attrs());
                }
            }
        }
        // folder modes last (a read-only folder would refuse its own content), deepest first, each fsynced
        for (int i = nodes.size() - 1; i >= 0; i--) {
            FolderTree.Node n = nodes.get(i);
            if (n.kind() != FolderTree.Kind.DIR) continue;
            Path to = dst.resolve(n.path());
            SafeWriter.fsyncDirectory(to);
            n.attrs().applyTo(to);
        }
        SafeWriter.fsyncDirectory(dst);
        FileAttrs.of(src).applyTo(dst);
    }

    private static void copyFile(Path from, Path to, FileAttrs attrs) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            attrs.applyTo(to);
            long size = in.size();
            for (long done = 0; done < size; ) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0) throw new IOException(from + " shrank while being copied");
                done += n;
            }
            out.force(true);
        }
    }

    private static void setOwner(Path link, FileAttrs a) throws IOException {
        FileAttrs now = FileAttrs.of(link);
        if (now.uid() != a.uid()) Files.setAttribute(link, "unix:uid", a.uid(), LinkOption.NOFOLLOW_LINKS);
        if (now.gid() != a.gid()) Files.setAttribute(link, "unix:gid", a.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes {@code dir} and everything in it (links are deleted, not followed), then fsyncs its parent. */
    public static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
        fsyncParent("deleted", dir);
    }

    private static void fsyncParent(String done, Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        try {
            SafeWriter.fsyncDirectory(parent);
        } catch (IOException e) {
            throw new IOException(done + " " + p + " but could not fsync " + parent
                    + " (the change may not survive a power loss): " + SafeWriter.describe(e), e);
        }
    }
}
