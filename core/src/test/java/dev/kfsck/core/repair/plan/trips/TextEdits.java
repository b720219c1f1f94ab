package dev.kfsck.core.repair.plan.trips;

import dev.kfsck.testdata.corrupt.Applied;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of small text files (quorum-state, meta.properties) that the {@code Damage} primitives do not cover: a JSON
 * member replaced by any text or dropped, a line removed, a whole file rewritten. Each returns where it wrote.
 */
final class TextEdits {

    private TextEdits() {
    }

    /** Replaces the first match of {@code regex} in the file with {@code replacement} (literal). */
    static Applied replace(Path logDir, String file, String regex, String replacement, String why) throws IOException {
        Path p = logDir.resolve(file);
        String text = Files.readString(p, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) throw new IllegalArgumentException("no " + regex + " in " + file + ": " + text);
        Files.writeString(p, text.substring(0, m.start()) + replacement + text.substring(m.end()), StandardCharsets.ISO_8859_1);
        long offset = text.substring(0, m.start()).getBytes(StandardCharsets.ISO_8859_1).length;
        return new Applied("text-edit", Applied.Kind.REWRITE, file, p, offset, replacement.length(),
                why + ": replaced '" + m.group() + "' of " + file + " with '" + replacement + "' at offset " + offset);
    }

    /** Replaces the whole file. */
    static Applied rewrite(Path logDir, String file, String content, String why) throws IOException {
        Path p = logDir.resolve(file);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        return new Applied("text-rewrite", Applied.Kind.REWRITE, file, p, 0, content.length(),
                why + ": rewrote " + file + " as '" + content.strip() + "'");
    }

    /** Flips one bit of the character at {@code index} within the first occurrence of {@code anchor}. */
    static Applied flipBitIn(Path logDir, String file, String anchor, int index, int bit, String why) throws IOException {
        Path p = logDir.resolve(file);
        byte[] bytes = Files.readAllBytes(p);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(anchor);
        if (at < 0) throw new IllegalArgumentException("no " + anchor + " in " + file);
        int offset = at + index;
        bytes[offset] ^= (byte) (1 << bit);
        Files.write(p, bytes);
        return new Applied("flip-bit", Applied.Kind.FLIP_BIT, file, p, offset, 1,
                why + ": flipped bit " + bit + " of byte " + offset + " of " + file + " (in '" + anchor + "')");
    }
}
