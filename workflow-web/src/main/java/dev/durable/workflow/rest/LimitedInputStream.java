package dev.durable.workflow.rest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not be longer than a limit: reading past it throws a
 * {@link ProblemException} (413). It catches bodies whose length is not declared (chunked) or
 * declared falsely, which a Content-Length check alone would let through.
 */
public final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private long count;

    /** Wraps {@code in}, allowing at most {@code limit} bytes to be read. */
    public LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The number of bytes read so far. */
    public long count() {
        return count;
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw new ProblemException(Problem.payloadTooLarge(limit));
        }
    }
}
