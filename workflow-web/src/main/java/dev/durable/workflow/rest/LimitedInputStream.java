package dev.durable.workflow.rest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not be longer than a limit: reading past it throws a
 * {@link ProblemException} (413). It catches bodies whose length is not declared (chunked) or
 * declared falsely, which a Content-Length check alone would let through. A body that cannot be read
 * at all (bad chunked framing, a Content-Encoding that does not decode, a client gone mid-body) is the
 * caller's fault, a {@link ProblemException} (400), not an internal error.
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
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw unreadable(e);
        }
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

    private static ProblemException unreadable(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ProblemException(Problem.of(400, "unreadable-body", "Unreadable body",
                "The request body could not be read (" + why + "): check its Content-Encoding and framing"));
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw new ProblemException(Problem.payloadTooLarge(limit));
        }
    }
}
