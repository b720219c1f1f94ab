package dev.kfsck.core.format.metadata;

import org.apache.kafka.common.metadata.MetadataRecordType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.image.MetadataDelta;
import org.apache.kafka.image.MetadataImage;
import org.apache.kafka.image.MetadataProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays metadata records into Kafka's {@link MetadataDelta} without letting Kafka's exceptions escape. Records
 * inside a metadata transaction ({@code BeginTransactionRecord} … {@code EndTransactionRecord}) are held back and
 * applied only when the transaction ends, dropped when it is aborted, as Kafka's metadata loader does. A record Kafka
 * refuses is skipped and reported; the others still apply.
 *
 * @param <C> what the caller wants back with a record that failed (its place in a file)
 */
final class ImageReplayer<C> {

    /** Told about each record Kafka's image code refused. */
    interface Failures<C> {
        void failed(C context, ApiMessage message, RuntimeException e);
    }

    private record Pending<C>(C context, ApiMessage message) {
    }

    private final MetadataImage base;
    private final List<ApiMessage> replayed = new ArrayList<>();
    private MetadataDelta delta;
    private final Failures<C> failures;
    private List<Pending<C>> transaction;
    private C transactionStart;
    private int applied;
    private int skipped;

    ImageReplayer(MetadataImage base, Failures<C> failures) {
        this.base = base;
        this.delta = new MetadataDelta.Builder().setImage(base).build();
        this.failures = failures;
    }

    void replay(C context, ApiMessage message) {
        MetadataRecordType type = MetadataRecordType.fromId(message.apiKey());
        switch (type) {
            case BEGIN_TRANSACTION_RECORD -> {
                transaction = new ArrayList<>();
                transactionStart = context;
            }
            case END_TRANSACTION_RECORD -> {
                List<Pending<C>> pending = transaction == null ? List.of() : transaction;
                transaction = null;
                transactionStart = null;
                pending.forEach(p -> apply(p.context(), p.message()));
            }
            case ABORT_TRANSACTION_RECORD -> {
                transaction = null;
                transactionStart = null;
            }
            case NO_OP_RECORD -> {
            }
            default -> {
                if (transaction != null) transaction.add(new Pending<>(context, message));
                else apply(context, message);
            }
        }
    }

    private void apply(C context, ApiMessage message) {
        try {
            delta.replay(message);
            replayed.add(message);
            applied++;
        } catch (RuntimeException e) {
            skipped++;
            failures.failed(context, message, e);
            rebuild();
        }
    }

    /**
     * Kafka's delta may be left half-changed by a record it refused (a topic delta without a topic, say), which would
     * make the whole image fail; so start again from the base and replay what was accepted.
     */
    private void rebuild() {
        delta = new MetadataDelta.Builder().setImage(base).build();
        for (ApiMessage m : replayed) {
            try {
                delta.replay(m);
            } catch (RuntimeException e) {
                // accepted once in the same order, so it is accepted again
            }
        }
    }

    /** The place of the BeginTransactionRecord of a transaction still open, or null. */
    C openTransaction() {
        return transactionStart;
    }

    int openTransactionRecords() {
        return transaction == null ? 0 : transaction.size();
    }

    int applied() {
        return applied;
    }

    int skipped() {
        return skipped;
    }

    /** Marks the records replayed so far as a complete snapshot (everything else in the base image is removed). */
    void finishSnapshot() {
        delta.finishSnapshot();
    }

    /** The resulting image; null when Kafka's image code refuses to build one (the message says why). */
    MetadataImage apply(MetadataProvenance provenance, StringBuilder whyNot) {
        try {
            return delta.apply(provenance);
        } catch (RuntimeException e) {
            whyNot.append(BatchWalker.describe(e));
            return null;
        }
    }
}
