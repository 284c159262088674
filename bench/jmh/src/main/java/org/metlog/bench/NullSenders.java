package org.metlog.bench;

import org.metlog.message.EncodedEnvelope;
import org.metlog.message.Message;
import org.metlog.spi.Sender;

/** Senders that deliver nothing, for measuring the client's own cost. Each is used by one thread at a time. */
final class NullSenders {
    private NullSenders() {
    }

    /**
     * Serializes every message with {@link Message#encode()} exactly as the network senders do, then throws the
     * bytes away: what remains is the client's own cost (envelope, filters, serialization).
     */
    static final class Encoding implements Sender {
        /** Sum of the encoded sizes, so that the JIT cannot drop the serialization. */
        long bytes;

        /** Like the network senders that encode on the caller's thread, it keeps no message past {@code send}. */
        @Override
        public boolean keepsMessages() {
            return false;
        }

        @Override
        public void send(Message message) {
            try (EncodedEnvelope wire = message.encode()) {
                bytes += wire.bytes().remaining();
            }
        }
    }

    /** Keeps only the message's type length: the client's cost without serialization. */
    static final class Discarding implements Sender {
        long seen;

        @Override
        public void send(Message message) {
            seen += message.type().length();
        }
    }
}
