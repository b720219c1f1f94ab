package dev.kfsck.cli;

import dev.kfsck.core.finding.Finding;
import dev.kfsck.core.finding.Severity;

import java.util.List;
import java.util.Set;

/** Turns a check's findings into fsck's exit code. */
final class CheckOutcome {

    /** The level of finding that makes a check fail. */
    enum FailOn { WARN, ERROR }

    /**
     * Codes that mean the check itself could not do its job (a dir that cannot be read, a dir in use by a running
     * broker): they give the operational-error bit, 8, rather than "problems found".
     */
    static final Set<String> OPERATIONAL_CODES = Set.of("LAYOUT-NOT-A-DIRECTORY", "LAYOUT-UNREADABLE", "LAYOUT-LOCK-HELD");

    private CheckOutcome() {
    }

    static int exitCode(List<Finding> findings, FailOn failOn) {
        int code = ExitCodes.OK;
        for (Finding f : findings) {
            if (OPERATIONAL_CODES.contains(f.code().id())) {
                code |= ExitCodes.OPERATIONAL;
            } else if (f.severity() == Severity.ERROR || (failOn == FailOn.WARN && f.severity() == Severity.WARN)) {
                code |= ExitCodes.UNCORRECTED;
            }
        }
        return code;
    }
}
