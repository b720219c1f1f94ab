package dev.kfsck.core.format.segment;

import java.nio.ByteBuffer;

/**
 * The flyweight state shared by the v2 batch view and the legacy message view: the buffer, where the batch starts in
 * it, and where it starts in its file. A view is re-pointed with {@code wrap} for every batch, so a scan allocates
 * nothing per batch.
 */
abstract class BatchViewBase<V extends BatchViewBase<V>> implements BatchHeader {

    ByteBuffer buffer;
    int index;
    private long filePosition;

    /** Points this view at the batch starting at {@code index} of {@code buffer}; returns this view. */
    public V wrap(ByteBuffer buffer, int index) {
        return wrap(buffer, index, index);
    }

    /** The same, also saying where the batch starts in its file. */
    @SuppressWarnings("unchecked")
    public V wrap(ByteBuffer buffer, int index, long filePosition) {
        this.buffer = buffer;
        this.index = index;
        this.filePosition = filePosition;
        return (V) this;
    }

    @Override
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public long filePosition() {
        return filePosition;
    }
}
