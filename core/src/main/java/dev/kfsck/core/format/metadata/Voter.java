package dev.kfsck.core.format.metadata;

import java.util.List;

/**
 * A KRaft voter from a {@code VotersRecord}.
 *
 * @param id          the voter's node id
 * @param directoryId the voter's metadata log directory id (base64 Kafka Uuid)
 * @param endpoints   its listeners
 */
public record Voter(int id, String directoryId, List<Endpoint> endpoints) {

    public Voter {
        endpoints = List.copyOf(endpoints);
    }

    /** A voter listener. */
    public record Endpoint(String name, String host, int port) {
    }
}
