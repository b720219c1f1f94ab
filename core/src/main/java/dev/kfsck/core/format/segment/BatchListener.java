package dev.kfsck.core.format.segment;

/**
 * Receives each batch a scan accepts (headers sane, CRC checked in {@link ScanMode#FULL}), in file order, and each
 * damaged range. The batch view is reused for the next batch: copy the values you need, keep nothing else.
 */
public interface BatchListener {

    BatchListener NONE = batch -> { };

    /** A batch that passed the checks of the scan's mode. */
    void onBatch(BatchHeader batch);

    /** Damaged bytes [start, end), seen before the batches that follow them. */
    default void onHole(long start, long end, HoleReason reason) {
    }
}
