package dev.kfsck.core.analysis;

import java.io.IOException;

/** One named pass of a log dir check, in the manner of e2fsck's passes. */
public interface CheckPass {

    String name();

    void run(LogDirContext ctx) throws IOException;
}
