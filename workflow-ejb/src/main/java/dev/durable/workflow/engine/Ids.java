package dev.durable.workflow.engine;

import java.security.SecureRandom;

/**
 * Makes the engine's ids: a prefix such as {@code wrun_} followed by a ULID (48-bit millisecond time,
 * 80 random bits, Crockford base32). Ids made in one JVM are strictly increasing, so they sort by time.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom SEED = new SecureRandom();

    private static long lastMillis;
    private static long randHi; // 16 bits
    private static long randLo; // 64 bits

    private Ids() {
    }

    public static String run() {
        return next("wrun_");
    }

    /** A run's id and its creation time, taken together: runs made here sort the same by either. */
    public record StampedId(String id, java.time.Instant at) {
    }

    /** A new run id with its creation time, from {@link EngineClock}. */
    public static StampedId stampedRun() {
        synchronized (Ids.class) {
            java.time.Instant at = EngineClock.now();
            return new StampedId(run(), at);
        }
    }

    public static String step() {
        return next("step_");
    }

    public static String event() {
        return next("evnt_");
    }

    /** A new id with the given prefix. */
    public static String next(String prefix) {
        long millis;
        long hi;
        long lo;
        synchronized (Ids.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                // same millisecond: increment the random part so ids stay strictly ordered
                randLo++;
                if (randLo == 0) {
                    randHi = (randHi + 1) & 0xFFFF;
                }
            } else {
                lastMillis = millis;
                randHi = SEED.nextInt() & 0xFFFF;
                randLo = SEED.nextLong();
            }
            hi = randHi;
            lo = randLo;
        }
        char[] out = new char[26];
        // 48 bits of time in 10 chars (the first char carries 3 bits)
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits in 16 chars: 16 high bits then 64 low bits
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return prefix + new String(out);
    }
}
