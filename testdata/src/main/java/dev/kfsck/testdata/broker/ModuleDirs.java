package dev.kfsck.testdata.broker;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the {@code testdata} module directory from the working directory (repo root or any module). */
public final class ModuleDirs {

    private ModuleDirs() {
    }

    /** The {@code testdata} module directory; {@code kfsck.testdata.dir} overrides the search. */
    public static Path testdataDir() {
        String explicit = System.getProperty("kfsck.testdata.dir");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("testdata/pom.xml"))) {
                return p.resolve("testdata");
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("testdata")
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the testdata module from " + System.getProperty("user.dir")
                + "; set -Dkfsck.testdata.dir");
    }
}
