package org.metlog.senders.kafka;

import java.util.function.LongSupplier;

/**
 * Keeps callers from waiting on missing metadata message after message. When a send has waited its
 * {@code max.block.ms} for the topic's metadata in vain, the gate closes: sends fail at once (counted) until
 * {@link #RETRY_NANOS} later, when one send may wait again. Any acknowledged record opens it. Thread-safe.
 */
final class MetadataGate {
    /** How long sends fail at once after a metadata wait failed: 1 s. */
    static final long RETRY_NANOS = 1_000_000_000L;

    private final LongSupplier clock;
    private volatile boolean closed;
    private volatile long retryAt;

    MetadataGate(LongSupplier clock) {
        this.clock = clock;
    }

    /** {@return true if a send should fail at once instead of waiting for metadata} */
    boolean shut() {
        return closed && clock.getAsLong() - retryAt < 0;
    }

    /** A send waited for metadata in vain. */
    void missed() {
        retryAt = clock.getAsLong() + RETRY_NANOS;
        closed = true;
    }

    /** The topic's metadata is known. */
    void open() {
        if (closed) {
            closed = false;
        }
    }
}
