package dev.kfsck.core.fuzz;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One damage to a file's bytes. Positions and lengths are taken modulo the file size, so one mutation applies to any
 * file and a failing one can be written down as a regression example: {@code new Mutation(Kind.SWAP, 17, 40, 3)}.
 *
 * @param kind what is done
 * @param at   where (modulo the size)
 * @param len  how many bytes, or for {@link Kind#BIT_FLIP} the bit mask
 * @param to   the second position of {@link Kind#DUPLICATE} and {@link Kind#SWAP} (modulo the size)
 */
record Mutation(Kind kind, int at, int len, int to) {

    enum Kind {
        /** XOR one byte with a mask: a flipped bit on disk. */
        BIT_FLIP,
        /** Keep only the first {@code at} bytes: a torn write. */
        TRUNCATE,
        /** Zero {@code len} bytes from {@code at}: a lost page or a preallocated range. */
        NULL_RANGE,
        /** Insert a copy of {@code len} bytes from {@code at} before {@code to}: a repeated write. */
        DUPLICATE,
        /** Exchange {@code len} bytes at {@code at} with those at {@code to}: misordered pages. */
        SWAP,
        /** Append {@code len} zero bytes: a file grown but not written. */
        ZERO_TAIL
    }

    byte[] apply(byte[] original) {
        byte[] b = original.clone();
        int n = b.length;
        if (n == 0) return kind == Kind.ZERO_TAIL || kind == Kind.DUPLICATE ? new byte[len] : b;
        int p = Math.floorMod(at, n);
        return switch (kind) {
            case BIT_FLIP -> {
                b[p] ^= (byte) (len == 0 ? 1 : len);
                yield b;
            }
            case TRUNCATE -> Arrays.copyOf(b, Math.floorMod(at, n + 1));
            case NULL_RANGE -> {
                Arrays.fill(b, p, Math.min(n, p + len), (byte) 0);
                yield b;
            }
            case DUPLICATE -> {
                int l = Math.min(len, n - p);
                int q = Math.floorMod(to, n + 1);
                byte[] out = new byte[n + l];
                System.arraycopy(b, 0, out, 0, q);
                System.arraycopy(b, p, out, q, l);
                System.arraycopy(b, q, out, q + l, n - q);
                yield out;
            }
            case SWAP -> {
                int q = Math.floorMod(to, n);
                int first = Math.min(p, q);
                int second = Math.max(p, q);
                int l = Math.min(len, Math.min(second - first, n - second));
                for (int i = 0; i < l; i++) {
                    byte t = b[first + i];
                    b[first + i] = b[second + i];
                    b[second + i] = t;
                }
                yield b;
            }
            case ZERO_TAIL -> Arrays.copyOf(b, n + len);
        };
    }

    /** Each kind equally often; lengths mostly small, sometimes a page or more. */
    static Arbitrary<Mutation> any() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> len = Arbitraries.oneOf(Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(1, 9000));
        Arbitrary<Integer> mask = Arbitraries.integers().between(1, 255);
        Arbitrary<Kind> kind = Arbitraries.of(Kind.values());
        return Combinators.combine(kind, pos, len, mask, pos)
                .as((k, at, l, m, to) -> new Mutation(k, at, k == Kind.BIT_FLIP ? m : l, to));
    }

    /** One to three mutations in a row. */
    static Arbitrary<List<Mutation>> some() {
        return any().list().ofMinSize(1).ofMaxSize(3);
    }

    static byte[] applyAll(List<Mutation> ms, byte[] original) {
        byte[] b = original;
        for (Mutation m : ms) b = m.apply(b);
        return b;
    }
}
