package dev.kfsck.core.format.quorum;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes quorum-state exactly as Kafka 4.3.1's {@code FileQuorumStateStore} does: compact JSON in schema key order,
 * {@code data_version} last, UTF-8, no trailing newline. Fields the version does not have are left out, as Kafka
 * leaves them out (it refuses non-default values there; this writer drops them).
 */
public final class QuorumStateWriter {

    private QuorumStateWriter() {
    }

    /**
     * The bytes of the file.
     *
     * @throws IllegalArgumentException when {@code dataVersion} is not 0 or 1
     */
    public static byte[] write(QuorumState s) {
        return toJson(s).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON text of the file. */
    public static String toJson(QuorumState s) {
        if (s.dataVersion() != 0 && s.dataVersion() != 1) {
            throw new IllegalArgumentException("quorum-state data_version must be 0 or 1, not " + s.dataVersion());
        }
        ObjectNode o = new ObjectNode(JsonNodeFactory.instance);
        if (s.dataVersion() == 0) o.put("clusterId", s.clusterId() == null ? "" : s.clusterId());
        o.put("leaderId", s.leaderId());
        o.put("leaderEpoch", s.leaderEpoch());
        o.put("votedId", s.votedId());
        if (s.dataVersion() == 1) {
            o.put("votedDirectoryId", s.votedDirectoryId() == null ? QuorumState.NO_DIRECTORY_ID : s.votedDirectoryId());
        } else {
            o.put("appliedOffset", s.appliedOffset());
            var voters = o.putArray("currentVoters");
            List<Integer> ids = s.currentVoters() == null ? List.of() : s.currentVoters();
            for (int id : ids) voters.addObject().put("voterId", id);
        }
        o.put("data_version", (short) s.dataVersion());
        return o.toString();
    }
}
