package dev.kfsck.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unexpected failure inside a command: one line, and the stack trace only with --verbose. */
class ErrorHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new IllegalStateException("the dog ate the segment", new NoSuchFileException("/x"));
        }
    }

    private static String[] run(boolean verbose) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Boom());
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new ErrorHandler(verbose));
        int exit = cl.execute();
        return new String[] {String.valueOf(exit), err.toString()};
    }

    @Test
    void oneLineWithoutVerbose() {
        String[] r = run(false);
        assertEquals(String.valueOf(ExitCodes.OPERATIONAL), r[0]);
        assertEquals("boom: IllegalStateException: the dog ate the segment" + System.lineSeparator(), r[1]);
    }

    @Test
    void stackTraceWithVerbose() {
        String[] r = run(true);
        assertTrue(r[1].startsWith("boom: IllegalStateException: the dog ate the segment"), r[1]);
        assertTrue(r[1].contains("\tat dev.kfsck.cli.ErrorHandlerTest$Boom.call"), r[1]);
    }

    @Test
    void ioErrorsAreNamedPlainly() {
        assertEquals("no such file or directory: /data/x", ErrorHandler.oneLine(new NoSuchFileException("/data/x")));
        assertEquals("permission denied: /data/x", ErrorHandler.oneLine(new java.nio.file.AccessDeniedException("/data/x")));
    }
}
