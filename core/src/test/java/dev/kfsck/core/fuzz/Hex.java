package dev.kfsck.core.fuzz;

import java.util.HexFormat;

/** Inputs in failure messages: short enough to read, enough to reproduce small ones. */
final class Hex {

    private Hex() {
    }

    static String head(byte[] bytes) {
        int n = Math.min(bytes.length, 256);
        return HexFormat.of().formatHex(bytes, 0, n) + (n < bytes.length ? "… (" + bytes.length + " bytes)" : "");
    }
}
