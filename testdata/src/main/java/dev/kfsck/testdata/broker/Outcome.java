package dev.kfsck.testdata.broker;

import java.time.Duration;
import java.util.Optional;

/**
 * What a started broker did, as data.
 *
 * @param status  what happened
 * @param line    the log line that explains a failure (the fatal/offline line), if any
 * @param nodeId  the node the status is about (the first that failed, or -1 when all started)
 * @param elapsed time from start to the outcome
 * @param exitCode the exit code of that node's JVM if it has exited (a broker whose every log dir failed halts)
 */
public record Outcome(Status status, Optional<String> line, int nodeId, Duration elapsed, Optional<Integer> exitCode) {

    public enum Status {
        /** Every node serves: the broker said "Kafka Server started" and answered the readiness check. */
        STARTED,
        /** A node's JVM exited; {@link #line} is its fatal log line. */
        EXITED,
        /** A node took a log dir offline ("Stopping serving logs in dir", "all log dirs ... have failed"). */
        LOG_DIR_OFFLINE,
        /** Neither started nor exited within the time allowed. */
        TIMED_OUT
    }

    public boolean started() {
        return status == Status.STARTED;
    }
}
