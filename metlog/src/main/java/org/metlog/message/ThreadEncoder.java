package org.metlog.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One thread's generator, the buffer it writes into and the constants it reuses, so that encoding a message
 * allocates nothing once the buffer has grown to the size of the largest message. Not thread-safe: each
 * instance belongs to one thread ({@link EnvelopeJson} keeps one per thread).
 */
final class ThreadEncoder {
    private final GrowableSink sink = new GrowableSink();
    private final JsonGenerator gen;
    private final ConstantCache constants = new ConstantCache();
    /** What the fields of the message being encoded may expand to; reset for each message. */
    final FieldBudget budget;
    /** Set while a message is being encoded, so that a re-entrant call on the same thread takes a new encoder. */
    boolean busy;

    ThreadEncoder() {
        try {
            gen = EnvelopeWriter.FACTORY.createGenerator(sink, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setRootValueSeparator(null);
        budget = new FieldBudget(() -> sink.count + gen.getOutputBuffered());
    }

    /** The view returned by {@link #encode}; re-made only when the sink's array grows. */
    private ByteBuffer view = ByteBuffer.wrap(sink.bytes);

    /**
     * @return a view of the message's compact UTF-8 JSON, valid until this encoder's next call; then
     *     {@code budget.cut()} says whether a field was cut or described
     * @throws IOException if Jackson fails (the generator may then be mid-object: the caller discards this encoder)
     */
    ByteBuffer encode(Envelope message) throws IOException {
        sink.reset();
        char[] timestamp = constants.timestamp(message.timestampMicros());
        EnvelopeWriter.write(gen, message, timestamp,
            constants.tail(message.envVersion(), message.pid(), message.hostname()), budget);
        gen.flush();
        if (view.array() != sink.bytes) {
            view = ByteBuffer.wrap(sink.bytes);
        }
        view.clear().limit(sink.count);
        return view;
    }

    /** A byte sink whose array is reused from one message to the next. */
    private static final class GrowableSink extends OutputStream {
        byte[] bytes = new byte[1024];
        int count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, bytes, count, len);
            count += len;
        }

        private void ensure(int extra) {
            if (count + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + extra));
            }
        }
    }
}
