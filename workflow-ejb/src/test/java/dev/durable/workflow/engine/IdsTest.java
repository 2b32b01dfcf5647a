package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Ids are a prefix and a ULID: 26 Crockford base32 characters, strictly increasing within the JVM. */
class IdsTest {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    @Test
    void runIdIsPrefixedUlid() {
        String id = Ids.run();

        assertTrue(id.startsWith("wrun_"), id);
        assertEquals(5 + 26, id.length(), id);
        assertTrue(ULID.matcher(id.substring(5)).matches(), id);
    }

    @Test
    void stepAndEventIdsHaveTheirPrefixes() {
        assertTrue(Ids.step().startsWith("step_"));
        assertTrue(Ids.event().startsWith("evnt_"));
        assertTrue(ULID.matcher(Ids.next("x_").substring(2)).matches());
    }

    @Test
    void ulidCharactersComeFromTheCrockfordAlphabet() {
        for (int i = 0; i < 1000; i++) {
            String ulid = Ids.run().substring(5);
            for (char c : ulid.toCharArray()) {
                assertTrue(CROCKFORD.indexOf(c) >= 0, "'" + c + "' in " + ulid);
            }
        }
    }

    @Test
    void timePartIsTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        String ulid = Ids.run().substring(5);
        long after = System.currentTimeMillis();

        long millis = 0;
        for (char c : ulid.substring(0, 10).toCharArray()) {
            millis = millis * 32 + CROCKFORD.indexOf(c);
        }
        assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
    }

    @Test
    void tenThousandIdsInARowAreStrictlyIncreasingAndUnique() {
        Set<String> seen = new HashSet<>();
        String previous = Ids.run();
        seen.add(previous);
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.run();
            assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            assertTrue(seen.add(id), "duplicate " + id);
            previous = id;
        }
        assertEquals(10_001, seen.size());
    }

    @Test
    void idsWithDifferentPrefixesShareOneIncreasingSequence() {
        String a = Ids.step().substring(5);
        String b = Ids.run().substring(5);
        String c = Ids.event().substring(5);

        assertTrue(a.compareTo(b) < 0 && b.compareTo(c) < 0, a + " " + b + " " + c);
    }
}
