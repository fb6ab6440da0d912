package org.stepdpo.generation;

import java.nio.charset.StandardCharsets;

/**
 * Per-request sampling seeds derived from a run seed and the request's identity (problem id, sample
 * index, ...), so that work redone after a crash draws exactly what the lost work would have drawn.
 * FNV-1a over the parts, finished with SplitMix64; the same on every JVM.
 */
public final class Seeds {

    private Seeds() {
    }

    public static long derive(long seed, Object... parts) {
        long h = 0xcbf29ce484222325L ^ mix(seed);
        for (Object part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= 0x1f; // separator, so ("ab", "c") and ("a", "bc") differ
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
