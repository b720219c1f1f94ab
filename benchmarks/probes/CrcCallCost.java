import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The cost of one {@code CRC32C.update(ByteBuffer)} call by length, the way the segment walk makes it (a duplicate
 * of a direct buffer, limit and position set per call), over 100 MB of memory at an 82-byte stride like the tiny
 * corpus' batches. Minimum of 15 passes, wall clock.
 *
 * <pre>java benchmarks/probes/CrcCallCost.java</pre>
 */
public class CrcCallCost {
    public static void main(String[] args) {
        ByteBuffer memory = ByteBuffer.allocateDirect(100 << 20);
        for (int i = 0; i < memory.capacity(); i += 8) memory.putLong(i, i * 0x9E3779B97F4A7C15L);
        ByteBuffer scratch = memory.duplicate();
        CRC32C crc = new CRC32C();
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            for (int len : new int[] {1, 8, 16, 32, 61, 100, 200}) {
                long best = Long.MAX_VALUE;
                int calls = 0;
                for (int r = 0; r < 15; r++) {
                    long t0 = System.nanoTime();
                    calls = 0;
                    for (int p = 0; p + 300 < memory.capacity(); p += 82) {
                        crc.reset();
                        scratch.limit(p + 21 + len).position(p + 21);
                        crc.update(scratch);
                        sink += crc.getValue();
                        calls++;
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                if (round == 2) System.out.printf("%3d bytes: %.2f ns per call%n", len, best / (double) calls);
            }
        }
        System.out.println("(" + sink + ")");
    }
}
