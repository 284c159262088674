package org.metlog.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.metlog.internal.IdlePool;

/**
 * A message's envelope encoded as compact JSON in UTF-8, in a buffer lent from a small pool shared by all
 * threads: what {@link Message#encode()} returns. Read {@link #bytes()}, then {@link #close()} it (best in a
 * try-with-resources statement), which returns the buffer for the next message, of any thread. So encoding
 * allocates nothing in steady state, and a thread, a virtual one too, holds no encoder of its own.
 *
 * <p>Not thread-safe: one thread uses it between {@code encode()} and {@code close()}. After {@code close()}
 * the bytes may be overwritten at any time; a second {@code close()} does nothing.
 */
public final class EncodedEnvelope implements AutoCloseable {
    /** Buffers that grew beyond this (a very large message) are not kept, so the pool's memory stays small. */
    static final int KEPT_CAPACITY = 64 * 1024;
    /** The encoders of the process, shared by all threads. */
    private static final IdlePool<EncodedEnvelope> POOL =
        new IdlePool<>(IdlePool.slotsFor(Runtime.getRuntime().availableProcessors()), () -> new EncodedEnvelope(false));

    final JsonBytes out = new JsonBytes(1024, false, true);
    final ConstantCache constants = new ConstantCache();
    final FieldBudget budget = new FieldBudget(out::size);
    private ByteBuffer view = ByteBuffer.wrap(out.array());
    /** True from {@link #lend()} or {@link #claim()} until {@link #close()}. */
    private boolean lent;
    /** True for the encoder a reused message carries with it ({@link Messages}), which never joins the pool. */
    private final boolean owned;

    private EncodedEnvelope(boolean owned) {
        this.owned = owned;
    }

    /** {@return a new encoder to be carried by one reused message, which saves taking one from the pool} */
    static EncodedEnvelope owned() {
        return new EncodedEnvelope(true);
    }

    /** {@return true if this owned encoder was free and is now lent; false if it is in use (a re-entrant encode)} */
    boolean claim() {
        if (lent) {
            return false;
        }
        lent = true;
        return true;
    }

    /** {@return true if the buffer grew too large to be kept (by the pool, or by the message that owns it)} */
    boolean oversized() {
        return out.capacity() > KEPT_CAPACITY;
    }

    /** {@return an idle encoder from the shared pool, for one message} */
    static EncodedEnvelope lend() {
        EncodedEnvelope encoder = POOL.take();
        encoder.lent = true;
        return encoder;
    }

    /** Encodes the envelope into this buffer and leaves {@link #bytes()} showing it. */
    void encode(Envelope message) {
        out.reset();
        byte[] timestamp = constants.quotedTimestamp(message.timestampMicros());
        EnvelopeWriter.write(out, message, timestamp,
            constants.tail(message.envVersion(), message.pid(), message.hostname()), budget);
        if (view.array() != out.array()) {
            view = ByteBuffer.wrap(out.array());
        }
        view.clear().limit(out.size());
    }

    /**
     * {@return the encoded bytes, from position 0 to the limit}; the same buffer object each time, valid until
     * {@link #close()}. Read it (a channel's {@code write} or {@code send} may move its position); do not write
     * into it or keep it.
     */
    public ByteBuffer bytes() {
        return view;
    }

    /** {@return true if a field of the message encoded last was cut or described (see {@link FieldBudget})} */
    boolean cut() {
        return budget.cut();
    }

    /** {@return a new heap buffer holding a copy of the bytes, position 0, limit their length} */
    ByteBuffer copyBytes() {
        return ByteBuffer.wrap(Arrays.copyOf(out.array(), out.size()));
    }

    /** {@return the bytes as text} */
    String text() {
        return out.text();
    }

    /** {@return the length of the encoded envelope in bytes} */
    public int length() {
        return out.size();
    }

    /** Returns the buffer to the pool. Never throws; a second call does nothing. */
    @Override
    public void close() {
        if (lent) {
            lent = false;
            if (!owned && !oversized()) {
                POOL.giveBack(this);
            }
        }
    }
}
