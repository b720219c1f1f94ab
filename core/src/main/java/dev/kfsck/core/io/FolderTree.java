package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything under a folder, as a sorted list of entries: each sub-folder, regular file (size, SHA-256) and symbolic
 * link (its target), with owner, group and mode. It is how a folder moved out of a log dir is recognised later: the
 * {@link #digest()} is the SHA-256 of the {@link #listing()} (paths, kinds, sizes, content hashes; not the modes), so
 * two trees with the same digest hold the same bytes under the same names.
 *
 * <p>Symbolic links are recorded, never followed. FIFOs, sockets and device files make {@link #read} fail: they cannot
 * be hashed or copied faithfully, and have no business in a Kafka log dir. The walk stops beyond
 * {@link #MAX_ENTRIES} entries, so memory stays bounded whatever the folder holds; every file byte is hashed.
 */
public final class FolderTree {

    /** More entries than this and {@link #read} refuses: the listing lives in memory and in the repair journal. */
    public static final int MAX_ENTRIES = 100_000;

    /** What an entry is. */
    public enum Kind { DIR, FILE, LINK }

    /**
     * One entry below the root.
     *
     * @param path    '/'-separated, relative to the root
     * @param kind    folder, file or link
     * @param size    bytes of a file; 0 otherwise
     * @param content SHA-256 of a file (null when only the shape was read), target of a link, "" for a folder
     * @param attrs   owner, group, mode; null in a tree parsed from a listing
     */
    public record Node(String path, Kind kind, long size, String content, FileAttrs attrs) {
        public Node {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }

        boolean sameAs(Node o, boolean withContent) {
            return path.equals(o.path) && kind == o.kind && size == o.size
                    && (!withContent || kind == Kind.DIR || Objects.equals(content, o.content))
                    && (kind != Kind.LINK || Objects.equals(content, o.content));
        }

        String describe() {
            return switch (kind) {
                case DIR -> "folder " + path;
                case FILE -> "file " + path + " (" + size + " bytes" + (content == null ? "" : ", SHA-256 " + content) + ")";
                case LINK -> "link " + path + " -> " + content;
            };
        }
    }

    private final List<Node> nodes;
    private final boolean hashed;

    private FolderTree(List<Node> nodes, boolean hashed) {
        this.nodes = List.copyOf(nodes);
        this.hashed = hashed;
    }

    /** Walks {@code root} (a folder, not a link) and hashes every file. */
    public static FolderTree read(Path root) throws IOException {
        return walk(root, true);
    }

    /** Walks {@code root} without opening any file: names, kinds, sizes, attributes. */
    public static FolderTree shape(Path root) throws IOException {
        return walk(root, false);
    }

    private static FolderTree walk(Path root, boolean hash) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) throw new IOException(root + " is not a folder");
        List<Node> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                if (!dir.equals(root)) add(dir, new Node(rel(dir), Kind.DIR, 0, "", FileAttrs.of(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isSymbolicLink()) {
                    add(f, new Node(rel(f), Kind.LINK, 0, Files.readSymbolicLink(f).toString(), FileAttrs.of(f)));
                } else if (a.isRegularFile()) {
                    add(f, new Node(rel(f), Kind.FILE, a.size(), hash ? Sha256.of(f) : null, FileAttrs.of(f)));
                } else {
                    throw new IOException(f + " is not a file, folder or symbolic link (a FIFO, socket or device);"
                            + " kfsck does not move such entries: move the folder " + root + " by hand");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                throw new IOException("cannot read " + f + ": " + SafeWriter.describe(e), e);
            }

            private void add(Path p, Node n) throws IOException {
                if (out.size() >= MAX_ENTRIES) {
                    throw new IOException(root + " holds more than " + MAX_ENTRIES + " entries; kfsck does not move"
                            + " folders that large: move it by hand");
                }
                out.add(n);
            }

            private String rel(Path p) {
                return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
            }
        });
        out.sort(Comparator.comparing(Node::path));
        return new FolderTree(out, hash);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Number of regular files. */
    public int files() {
        return (int) nodes.stream().filter(n -> n.kind() == Kind.FILE).count();
    }

    /** Total bytes of the regular files. */
    public long bytes() {
        return nodes.stream().mapToLong(Node::size).sum();
    }

    /**
     * The canonical text the digest is taken of, one line per entry in path order, fields separated by tabs, with
     * backslash, tab and newline escaped: {@code d <path>}, {@code f <size> <sha256> <path>}, {@code l <target> <path>}.
     */
    public String listing() {
        if (!hashed) throw new IllegalStateException("the files were not hashed");
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            switch (n.kind()) {
                case DIR -> b.append("d\t");
                case FILE -> b.append("f\t").append(n.size()).append('\t').append(n.content()).append('\t');
                case LINK -> b.append("l\t").append(escape(n.content())).append('\t');
            }
            b.append(escape(n.path())).append('\n');
        }
        return b.toString();
    }

    /** SHA-256 of {@link #listing()}. */
    public String digest() {
        return Sha256.of(listing().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a tree back from its {@link #listing()} (without attributes). */
    public static FolderTree parse(String listing) throws IOException {
        List<Node> out = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "d" -> out.add(new Node(unescape(f[1]), Kind.DIR, 0, "", null));
                    case "f" -> out.add(new Node(unescape(f[3]), Kind.FILE, Long.parseLong(f[1]), f[2], null));
                    case "l" -> out.add(new Node(unescape(f[2]), Kind.LINK, 0, unescape(f[1]), null));
                    default -> throw new IOException("unknown entry kind in line: " + line);
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IOException("malformed folder listing line: " + line, e);
            }
        }
        out.sort(Comparator.comparing(Node::path));
        return new FolderTree(out, true);
    }

    /**
     * How this tree differs from {@code expected}, in words ("file a/b (3 bytes, SHA-256 ..) is new", ".. is gone",
     * ".. was .."), or null when both hold the same entries: names, kinds, sizes, link targets, plus file hashes when
     * {@code withContent} and owner, group and mode when {@code withAttrs}. Only the first difference is named.
     */
    public String difference(FolderTree expected, boolean withContent, boolean withAttrs) {
        Map<String, Node> theirs = byPath(expected);
        for (Node n : nodes) {
            Node o = theirs.remove(n.path());
            if (o == null) return n.describe() + " is new";
            if (!n.sameAs(o, withContent)) return n.describe() + " was " + o.describe();
            if (withAttrs && n.attrs() != null && o.attrs() != null && !n.attrs().equals(o.attrs())) {
                return n.path() + " has owner and mode " + n.attrs() + ", expected " + o.attrs();
            }
        }
        if (!theirs.isEmpty()) return theirs.values().iterator().next().describe() + " is gone";
        return null;
    }

    /** True when every entry here is in {@code whole} alike (with hashes): a part of it, e.g. left by an interrupted delete. */
    public boolean within(FolderTree whole) {
        Map<String, Node> all = byPath(whole);
        for (Node n : nodes) {
            Node o = all.get(n.path());
            if (o == null || !n.sameAs(o, true)) return false;
        }
        return true;
    }

    private static Map<String, Node> byPath(FolderTree t) {
        Map<String, Node> m = new TreeMap<>();
        for (Node n : t.nodes) m.put(n.path(), n);
        return m;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
