package dev.kfsck.core.format.checkpoint;

import dev.kfsck.core.finding.FindingCode;

import static dev.kfsck.core.finding.KafkaReaction.*;

/** Finding codes of this package. Ids are stable: never rename one once released. */
public final class CheckpointCodes {

    private CheckpointCodes() {
    }
}
