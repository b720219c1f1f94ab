package dev.kfsck.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link ByteWindows} for a sequential pass over a big file: like {@link ReadWindows} (positional reads into direct
 * buffers allocated once), but helper threads read the next chunks while the caller works on the current one, so
 * the copy from the page cache overlaps the caller's CRC (and, with two helpers, the copy itself runs on two cores).
 *
 * <p>The file is read in consecutive chunks of {@code windowBytes}, each into its own slot behind {@code carry}
 * bytes of headroom. The slots are regions of one direct buffer, which is the window handed out every time (with
 * its limit at the end of the current slot), so a caller that keeps a duplicate of the window needs only one. When a request straddles the end of the current chunk (a batch split between two chunks), the
 * caller copies the current chunk's tail, at most {@code carry} bytes, into the headroom of the next buffer, so the
 * batch is whole there without reading it twice. Any other request (backwards, a jump, a tail longer than the
 * headroom) waits for the reads in flight, reads synchronously from the requested position and restarts the
 * read-ahead from there: correct for any access pattern, fast for a forward walk.
 *
 * <p>{@link #windowStart()} is the file position that index 0 of the buffer would have if the whole buffer were
 * laid out like the current slot, so it can be negative; only the current slot's bytes from the requested position
 * to the limit are the file's.
 *
 * <p>Hand-offs between the caller and the helpers go through a ring of requests with volatile counters and
 * {@link LockSupport} parking, so the steady state allocates nothing, not even per chunk.
 *
 * <p>A caller that finds its next chunk not read yet does not sleep: it reads the oldest chunk no helper has
 * claimed, and only waits when every chunk in flight is claimed. So with one helper, a pass limited by the copy
 * (big batches, whose CRC runs at memory speed) has two threads copying, and a pass limited by the caller's own
 * work (small batches, where the per-batch walk dominates) has one, with no thread beyond the two taking CPU time
 * from the walk. On two cores this beat two helpers and a sleeping caller by 15% on 54 KB batches and 20% on
 * 82-byte ones (benchmarks/README.md, "Reading ahead, second version").
 */
final class PrefetchReadWindows implements ByteWindows {

    /** One region of the buffer and the chunk it holds: file bytes [validStart, chunkEnd) from {@code base + carry}. */
    private static final class Slot {
        /** The whole buffer, with its own position and limit for the helper's reads. */
        final ByteBuffer io;
        final int base;
        final int end;
        long chunkStart;
        long chunkEnd;
        long validStart;
        IOException failure;
        /** Set by the helper when the chunk is read (or failed); cleared by the caller before each request. */
        volatile boolean ready;

        Slot(ByteBuffer all, int base, int end) {
            this.io = all.duplicate();
            this.base = base;
            this.end = end;
        }
    }

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final long size;
    private final int chunkBytes;
    private final int carry;
    private final ByteBuffer all;
    /** {@link #all} with its limit at the capacity, for the copies between slots. */
    private final ByteBuffer whole;
    private final int helperCount;
    private Thread[] helpers;
    /** Chunks the caller read itself instead of waiting. */
    private long stolen;

    /**
     * Requests in file order: sequence number {@code q} is in {@code ring[q % ring.length]}. The caller appends at
     * {@link #requested} and takes back at {@link #takenBack}; helpers claim the next one at {@link #claimed}.
     */
    private final Slot[] ring;
    private volatile long requested;
    private final AtomicLong claimed = new AtomicLong();
    private long takenBack;
    private volatile boolean stopping;
    private volatile Thread waiting;

    private Slot current;
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
        this.ring = new Slot[buffers];
        int slotBytes = carry + chunkBytes;
        if ((long) slotBytes * buffers > Integer.MAX_VALUE) throw new IllegalArgumentException("buffers too big");
        this.all = DirectBufferPool.take(slotBytes * buffers);
        this.whole = all.duplicate();
        for (int i = 0; i < buffers; i++) spare[spareCount++] = new Slot(all, i * slotBytes, (i + 1) * slotBytes);
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
        if (c != null && position >= c.validStart && end <= c.chunkEnd) return all;
        // the chunks in flight follow the current one without a gap, the oldest first
        if (c != null && inFlight() > 0 && position >= c.validStart && c.chunkEnd - position <= carry
                && end <= Math.min(size, c.chunkEnd + chunkBytes)) {
            Slot next = takeFilled();
            if (position < c.chunkEnd) {
                int tail = (int) (c.chunkEnd - position);
                whole.put(next.base + carry - tail, whole, index(c, position), tail);
                next.validStart = position;
            }
            spare[spareCount++] = c;
            return show(next);
        }
        return restartAt(position);
    }

    private ByteBuffer show(Slot s) {
        current = s;
        refills++;
        all.limit(s.end);
        requestAhead();
        return all;
    }

    private int inFlight() {
        return (int) (requested - takenBack);
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
        nextChunk = s.chunkEnd;
        return show(s);
    }

    /** Waits for the reads in flight and puts every slot back among the spares. */
    private void dropAll() throws IOException {
        while (inFlight() > 0) {
            Slot s = takeBack(false);
            s.failure = null;
            spare[spareCount++] = s;
        }
        if (current != null) spare[spareCount++] = current;
        current = null;
    }

    private void requestAhead() {
        boolean any = false;
        while (spareCount > 0 && nextChunk < size) {
            Slot s = spare[--spareCount];
            s.chunkStart = nextChunk;
            s.ready = false;
            nextChunk = Math.min(size, nextChunk + chunkBytes);
            long q = requested;
            ring[(int) (q % ring.length)] = s;
            requested = q + 1;
            any = true;
        }
        if (!any) return;
        if (helpers == null) {
            startHelpers();
        } else {
            for (Thread h : helpers) LockSupport.unpark(h);
        }
    }

    private Slot takeFilled() throws IOException {
        Slot s = takeBack(true);
        if (s.failure != null) {
            IOException e = s.failure;
            s.failure = null;
            spare[spareCount++] = s;
            dropAll();
            throw e;
        }
        return s;
    }

    /**
     * The oldest request, once it is read. For the next chunk of a forward pass, the caller reads unclaimed
     * requests itself while it would otherwise wait.
     */
    private Slot takeBack(boolean forNextChunk) throws IOException {
        Slot s = ring[(int) (takenBack % ring.length)];
        if (forNextChunk) {
            while (!s.ready && claimAndFill()) stolen++;
        }
        if (!s.ready) {
            waiting = Thread.currentThread();
            try {
                while (!s.ready) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for a read");
                    }
                }
            } finally {
                waiting = null;
            }
        }
        takenBack++;
        return s;
    }

    private void startHelpers() {
        helpers = new Thread[helperCount];
        for (int i = 0; i < helperCount; i++) {
            helpers[i] = new Thread(this::readAhead, "kfsck-read-ahead");
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    /** How many chunks the caller read itself instead of waiting for a helper. */
    long chunksReadByCaller() {
        return stolen;
    }

    /** A helper: claims and fills requests until told to stop. Never interrupted (that would close the channel). */
    private void readAhead() {
        while (!stopping) {
            if (!claimAndFill()) LockSupport.park(this);
        }
    }

    /**
     * Claims the oldest request nobody has claimed and fills it (a failure is kept in the slot for the caller).
     * Returns false when every request was already claimed.
     */
    private boolean claimAndFill() {
        long q;
        do {
            q = claimed.get();
            if (q >= requested) return false;
        } while (!claimed.compareAndSet(q, q + 1));
        Slot s = ring[(int) (q % ring.length)];
        try {
            fill(s, s.chunkStart);
        } catch (IOException | RuntimeException e) {
            s.failure = e instanceof IOException io ? io : new IOException(e);
        }
        s.ready = true;
        Thread w = waiting;
        if (w != null) LockSupport.unpark(w);
        return true;
    }

    /** Reads the chunk at {@code position} (up to {@code chunkBytes}, less at the end of the file) into the slot. */
    private void fill(Slot s, long position) throws IOException {
        int want = (int) Math.min(chunkBytes, size - position);
        ByteBuffer b = s.io;
        b.limit(s.base + carry + want).position(s.base + carry);
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) throw new EOFException("file shrank while reading at " + at);
            at += n;
        }
        s.chunkStart = position;
        s.validStart = position;
        s.chunkEnd = position + want;
    }

    private int index(Slot s, long position) {
        return (int) (position - s.chunkStart) + carry + s.base;
    }

    @Override
    public long windowStart() {
        return current == null ? 0 : current.chunkStart - carry - current.base;
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
                stopping = true;
                boolean interrupted = false;
                for (Thread h : helpers) {
                    while (true) {
                        LockSupport.unpark(h);
                        try {
                            h.join(100);
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                        if (!h.isAlive()) break;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            // every helper has stopped: nobody writes to the buffers any more
            DirectBufferPool.give(all);
        } finally {
            if (ownsChannel) channel.close();
        }
    }
}
