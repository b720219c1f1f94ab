package dev.kfsck.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * {@link ByteWindows} for a sequential pass over a big file: like {@link ReadWindows} (positional reads into direct
 * buffers allocated once), but helper threads read the next chunks while the caller works on the current one, so
 * the copy from the page cache overlaps the caller's CRC (and, with two helpers, the copy itself runs on two cores).
 *
 * <p>The file is read in consecutive chunks of {@code windowBytes}, each into its own buffer behind {@code carry}
 * bytes of headroom. When a request straddles the end of the current chunk (a batch split between two chunks), the
 * caller copies the current chunk's tail, at most {@code carry} bytes, into the headroom of the next buffer, so the
 * batch is whole there without reading it twice. Any other request (backwards, a jump, a tail longer than the
 * headroom) waits for the reads in flight, reads synchronously from the requested position and restarts the
 * read-ahead from there: correct for any access pattern, fast for a forward walk.
 *
 * <p>{@link #windowStart()} is the file position of index 0 of a buffer, which is {@code carry} bytes before the
 * chunk it holds, so it can be negative; the bytes before the valid range are never handed out as file bytes.
 */
final class PrefetchReadWindows implements ByteWindows {

    /** One buffer and the chunk it holds: valid file bytes [validStart, chunkEnd) at indexes from the headroom. */
    private static final class Slot {
        final ByteBuffer buffer;
        long chunkStart;
        long chunkEnd;
        long validStart;
        IOException failure;
        /** Released by the helper when the chunk is read (or failed). */
        final Semaphore done = new Semaphore(0);

        Slot(int capacity) {
            buffer = capacity == 0 ? null : DirectBufferPool.take(capacity);
        }
    }

    private static final Slot STOP = new Slot(0);

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long size;
    private final int chunkBytes;
    private final int carry;
    private final Slot[] slots;
    private final int helperCount;
    /** Slots handed to the helpers, in file order; each helper takes the next one. */
    private final BlockingQueue<Slot> requested;
    private Thread[] helpers;

    private Slot current;
    /** Slots requested from the helpers and not yet taken back, oldest first, in a ring; where the next request starts. */
    private final Slot[] flight;
    private int flightHead;
    private int inFlight;
    private long nextChunk;
    private final Slot[] spare;
    private int spareCount;
    private long refills;
    private boolean closed;

    PrefetchReadWindows(FileChannel channel, int chunkBytes, int carry, int buffers, int helpers, boolean ownsChannel)
            throws IOException {
        if (buffers < 2 || helpers < 1) throw new IllegalArgumentException(buffers + " buffers, " + helpers + " helpers");
        if (chunkBytes < 64 || carry < 0 || carry > chunkBytes) {
            throw new IllegalArgumentException("chunk " + chunkBytes + ", carry " + carry);
        }
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.size = channel.size();
        this.chunkBytes = chunkBytes;
        this.carry = carry;
        this.helperCount = helpers;
        this.spare = new Slot[buffers];
        this.flight = new Slot[buffers];
        this.slots = new Slot[buffers];
        for (int i = 0; i < buffers; i++) {
            slots[i] = new Slot(carry + chunkBytes);
            spare[spareCount++] = slots[i];
        }
        this.requested = new ArrayBlockingQueue<>(buffers + helpers);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int maxWindow() {
        return chunkBytes;
    }

    @Override
    public ByteBuffer cover(long position, int length) throws IOException {
        ByteWindows.checkRange(position, length, size, chunkBytes);
        long end = position + length;
        Slot c = current;
        if (c != null && position >= c.validStart && end <= c.chunkEnd) return c.buffer;
        // the chunks in flight follow the current one without a gap, the oldest first
        if (c != null && inFlight > 0 && position >= c.validStart && c.chunkEnd - position <= carry
                && end <= Math.min(size, c.chunkEnd + chunkBytes)) {
            Slot next = takeFilled();
            if (position < c.chunkEnd) {
                int tail = (int) (c.chunkEnd - position);
                next.buffer.put(carry - tail, c.buffer, index(c, position), tail);
                next.validStart = position;
            }
            spare[spareCount++] = c;
            current = next;
            refills++;
            requestAhead();
            return next.buffer;
        }
        return restartAt(position);
    }

    /** Drops the read-ahead, reads the chunk at {@code position} here, and starts reading ahead after it. */
    private ByteBuffer restartAt(long position) throws IOException {
        dropAll();
        Slot s = spare[--spareCount];
        try {
            fill(s, position);
        } catch (IOException | RuntimeException e) {
            spare[spareCount++] = s;
            throw e;
        }
        current = s;
        refills++;
        nextChunk = s.chunkEnd;
        requestAhead();
        return s.buffer;
    }

    /** Waits for the reads in flight and puts every slot back among the spares. */
    private void dropAll() throws IOException {
        while (inFlight > 0) {
            Slot s = takeFilledIgnoringFailure();
            s.failure = null;
            spare[spareCount++] = s;
        }
        if (current != null) spare[spareCount++] = current;
        current = null;
    }

    private void requestAhead() throws IOException {
        while (spareCount > 0 && nextChunk < size) {
            Slot s = spare[--spareCount];
            s.chunkStart = nextChunk;
            nextChunk = Math.min(size, nextChunk + chunkBytes);
            startHelpers();
            put(s);
            flight[(flightHead + inFlight) % flight.length] = s;
            inFlight++;
        }
    }

    private Slot takeFilled() throws IOException {
        Slot s = takeFilledIgnoringFailure();
        if (s.failure != null) {
            IOException e = s.failure;
            s.failure = null;
            spare[spareCount++] = s;
            dropAll();
            throw e;
        }
        return s;
    }

    private Slot takeFilledIgnoringFailure() throws IOException {
        Slot s = flight[flightHead];
        try {
            s.done.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a read");
        }
        flight[flightHead] = null;
        flightHead = (flightHead + 1) % flight.length;
        inFlight--;
        return s;
    }

    private void put(Slot s) throws IOException {
        try {
            requested.put(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking for a read");
        }
    }

    private void startHelpers() {
        if (helpers != null) return;
        helpers = new Thread[helperCount];
        for (int i = 0; i < helperCount; i++) {
            helpers[i] = new Thread(this::readAhead, "kfsck-read-ahead");
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    /** A helper: fills requested slots until told to stop. Never interrupted (that would close the channel). */
    private void readAhead() {
        while (true) {
            Slot s;
            try {
                s = requested.take();
            } catch (InterruptedException e) {
                return;
            }
            if (s == STOP) return;
            try {
                fill(s, s.chunkStart);
            } catch (IOException | RuntimeException e) {
                s.failure = e instanceof IOException io ? io : new IOException(e);
            }
            s.done.release();
        }
    }

    /** Reads the chunk at {@code position} (up to {@code chunkBytes}, less at the end of the file) into the slot. */
    private void fill(Slot s, long position) throws IOException {
        int want = (int) Math.min(chunkBytes, size - position);
        ByteBuffer b = s.buffer;
        b.clear().position(carry).limit(carry + want);
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) throw new EOFException("file shrank while reading at " + at);
            at += n;
        }
        b.clear();
        s.chunkStart = position;
        s.validStart = position;
        s.chunkEnd = position + want;
    }

    private int index(Slot s, long position) {
        return (int) (position - s.chunkStart) + carry;
    }

    @Override
    public long windowStart() {
        return current == null ? 0 : current.chunkStart - carry;
    }

    @Override
    public long refills() {
        return refills;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (helpers != null) {
                requested.clear();
                for (int i = 0; i < helpers.length; i++) requested.add(STOP);
                boolean interrupted = false;
                for (Thread h : helpers) {
                    while (true) {
                        try {
                            h.join();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            // every helper has stopped: nobody writes to the buffers any more
            for (Slot s : slots) DirectBufferPool.give(s.buffer);
        } finally {
            if (ownsChannel) channel.close();
        }
    }
}
