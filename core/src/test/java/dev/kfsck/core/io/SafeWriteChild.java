package dev.kfsck.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child main: {@code write <file> <text>} or {@code truncate <file> <length>} through {@link SafeWriter}; prints
 * {@code OK} or {@code IOE <message>}.
 */
public final class SafeWriteChild {
    public static void main(String[] args) {
        try {
            if (args[0].equals("truncate")) {
                SafeWriter.truncate(Path.of(args[1]), Long.parseLong(args[2]));
            } else {
                SafeWriter.write(Path.of(args[1]), args[2].getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("OK");
        } catch (IOException e) {
            System.out.println("IOE " + e.getMessage());
        }
    }
}
