package dev.kfsck.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad arguments: one line on stderr naming the command and where to get help, then exit 16. */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        String message = ex.getMessage() == null ? "bad arguments" : ex.getMessage().replace(System.lineSeparator(), " ").strip();
        cl.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }
}
