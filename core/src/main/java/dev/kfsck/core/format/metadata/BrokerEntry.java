package dev.kfsck.core.format.metadata;

import java.util.List;

/**
 * A broker registration of the metadata image ({@code RegisterBrokerRecord} and later changes).
 *
 * @param id            broker id
 * @param epoch         broker epoch
 * @param incarnationId incarnation id (base64 Kafka Uuid)
 * @param logDirs       the log dir ids it registered
 * @param fenced        whether it is fenced
 * @param rack          rack, or empty
 */
public record BrokerEntry(int id, long epoch, String incarnationId, List<String> logDirs, boolean fenced, String rack) {

    public BrokerEntry {
        logDirs = List.copyOf(logDirs);
    }
}
