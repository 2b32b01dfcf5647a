package dev.durable.workflow.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() throws IOException {
        LimitedInputStream in = new LimitedInputStream(bytes(100), 100);
        assertEquals(100, in.readAllBytes().length);
        assertEquals(100, in.count());
    }

    @Test
    void oneByteOverTheLimitIsRefusedWith413() {
        LimitedInputStream in = new LimitedInputStream(bytes(101), 100);
        ProblemException e = assertThrows(ProblemException.class, in::readAllBytes);
        assertEquals(413, e.problem().status());
        assertEquals("urn:workflow:problem:payload-too-large", e.problem().type());
    }

    @Test
    void singleByteReadsAreCountedToo() throws IOException {
        LimitedInputStream in = new LimitedInputStream(bytes(3), 2);
        in.read();
        in.read();
        assertThrows(ProblemException.class, in::read);
    }

    @Test
    void skipCounts() {
        LimitedInputStream in = new LimitedInputStream(bytes(10), 5);
        assertThrows(ProblemException.class, () -> in.skip(10));
    }

    @Test
    void readBodyPassesTheLimitThrough() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> StartRequest.readBody(new LimitedInputStream(bytes(2 * 1024 * 1024), BodyLimitFilter.DEFAULT_LIMIT)));
        assertEquals(413, e.problem().status());
    }

    @Test
    void configuredLimit() {
        assertEquals(1048576, BodyLimitFilter.parseLimit(null));
        assertEquals(2048, BodyLimitFilter.parseLimit(" 2048 "));
        assertEquals(1048576, BodyLimitFilter.parseLimit("lots"));
        assertEquals(1048576, BodyLimitFilter.parseLimit("0"));
    }
}
