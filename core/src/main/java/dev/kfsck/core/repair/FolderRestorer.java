package dev.kfsck.core.repair;

import dev.kfsck.core.io.FolderMove;
import dev.kfsck.core.io.FolderTree;
import dev.kfsck.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@link Restorer} for a folder moved out of a log dir. No copy was kept (the move keeps the bytes); the journal
 * has the folder's tree digest and listing, and the folder is recognised by them in either place:
 * <ul>
 *   <li>in the log dir with the journal's digest: as found (a copy with the same digest left at the destination by an
 *       interrupted move across file systems is deleted on restore);</li>
 *   <li>at the destination with the journal's digest: as the repair left it; it is moved back. What an interrupted
 *       move left in the log dir is deleted first, but only when every entry of it is in the journal's listing;</li>
 *   <li>anything else: changed. A forced restore moves the destination back as it is now, unless the log dir already
 *       has a folder of that name (kfsck never merges two folders).</li>
 * </ul>
 */
final class FolderRestorer {

    private final Path journalDir;

    FolderRestorer(Path journalDir) {
        this.journalDir = journalDir;
    }

    Restorer.Check check(Journal.Entry e) throws IOException {
        Path src = e.target();
        Path dst = Path.of(e.destination());
        String digest = e.sha256Before();
        boolean srcThere = Files.exists(src, LinkOption.NOFOLLOW_LINKS);
        FolderTree here = isFolder(src) ? FolderTree.read(src) : null;
        FolderTree there = isFolder(dst) ? FolderTree.read(dst) : null;
        if (here != null && here.digest().equals(digest)) {
            return new Restorer.Check(e, Restorer.Found.AS_BEFORE, src + " is as it was before the repair", there);
        }
        FolderTree listed = listing(e);
        if (there != null && there.digest().equals(digest)) {
            if (!srcThere) {
                return new Restorer.Check(e, Restorer.Found.AS_AFTER, src + " is at " + dst + " as the repair left it", there);
            }
            if (here != null && listed != null && here.within(listed)) {
                return new Restorer.Check(e, Restorer.Found.AS_AFTER, src + " is at " + dst
                        + ", and an interrupted move left part of it in the log dir", there);
            }
        }
        String detail;
        if (there == null) {
            detail = "the folder " + src + " moved out to " + dst + " is no longer there"
                    + (srcThere ? ", and " + src + " holds something else" : "");
        } else if (srcThere) {
            detail = src + " exists again, and " + dst + " is not the moved folder either; kfsck does not merge folders";
        } else {
            String what = listed != null ? there.difference(listed, true, false) : null;
            detail = "the folder moved out to " + dst + " changed after the repair: "
                    + (what != null ? what : "its tree digest is " + there.digest() + ", the journal says " + digest);
        }
        return new Restorer.Check(e, Restorer.Found.CHANGED, detail, there);
    }

    void restore(Restorer.Check c) throws IOException {
        Journal.Entry e = c.entry();
        Path src = e.target();
        Path dst = Path.of(e.destination());
        FolderTree there = c.moved();
        switch (c.found()) {
            case AS_BEFORE -> {
                if (there != null && there.digest().equals(e.sha256Before())) FolderMove.deleteTree(dst);
            }
            case AS_AFTER -> {
                if (Files.exists(src, LinkOption.NOFOLLOW_LINKS)) FolderMove.deleteTree(src);
                FolderMove.move(dst, src, there);
            }
            case CHANGED -> {
                if (there == null) throw new IOException("cannot move " + src + " back: nothing is at " + dst);
                if (Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("cannot move " + dst + " back: " + src + " exists; kfsck does not merge folders");
                }
                FolderMove.move(dst, src, there);
            }
        }
        if (c.found() != Restorer.Found.AS_BEFORE && !dev.kfsck.core.io.FileAttrs.of(src).equals(e.attrs())) {
            e.attrs().applyTo(src);
        }
    }

    /** The listing the journal points at, if it is intact (its SHA-256 is the digest). */
    private FolderTree listing(Journal.Entry e) {
        try {
            byte[] bytes = Files.readAllBytes(journalDir.resolve(e.folder().listing()));
            if (!Sha256.of(bytes).equals(e.sha256Before())) return null;
            return FolderTree.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    private static boolean isFolder(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }
}
