package dev.kfsck.core.finding;

/**
 * What was seen, and what was expected instead. Both are bounded in size, so a finding never carries
 * a whole damaged file.
 */
public record Evidence(String seen, String expected) {

    /** The longest text either side keeps. */
    public static final int MAX_CHARS = 240;

    public static final Evidence NONE = new Evidence("", "");

    public Evidence {
        seen = bound(seen);
        expected = bound(expected);
    }

    public static Evidence of(Object seen, Object expected) {
        return new Evidence(String.valueOf(seen), String.valueOf(expected));
    }

    public static Evidence seen(Object seen) {
        return new Evidence(String.valueOf(seen), "");
    }

    /** Bytes as hex, at most {@code MAX_CHARS / 3} of them. */
    public static String hex(byte[] bytes, int offset, int length) {
        int n = Math.max(0, Math.min(length, MAX_CHARS / 3));
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n && offset + i < bytes.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(Character.forDigit((bytes[offset + i] >> 4) & 0xF, 16));
            sb.append(Character.forDigit(bytes[offset + i] & 0xF, 16));
        }
        if (length > n) sb.append(" …");
        return sb.toString();
    }

    /** Text with control characters made visible, bounded. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_CHARS));
        for (int i = 0; i < s.length() && sb.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    private static String bound(String s) {
        if (s == null) return "";
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
    }
}
