package org.metlog.senders;

import java.nio.ByteBuffer;
import org.metlog.internal.Utf16;
import org.metlog.message.Message;

/**
 * {@link UdpSender}'s policy for an envelope over the datagram limit: the payload is cut so that the envelope
 * fits and ends with {@link UdpSender#TRUNCATION_MARKER}<i>N</i>{@code  bytes]}; every other key is kept, and the
 * result is still valid JSON. Stateless and thread-safe; the caller's message is left as it was.
 */
final class EnvelopeTruncation implements UdpTransport.Oversize {
    static final EnvelopeTruncation INSTANCE = new EnvelopeTruncation();

    private EnvelopeTruncation() {
    }

    /**
     * Encodes {@code message} with its payload cut so that the envelope fits in {@code limit} bytes, restoring
     * the payload before returning.
     *
     * @return the encoded envelope, or null if even an empty payload does not fit (or there is no message)
     */
    @Override
    public ByteBuffer fit(Message message, ByteBuffer datagram, int limit) {
        if (message == null) {
            return null;
        }
        String original = message.payload();
        String marker = UdpSender.TRUNCATION_MARKER + utf8Length(original) + " bytes]";
        try {
            message.setPayload(marker);
            int base = message.encodeJson().remaining();
            if (base > limit) {
                return null;
            }
            String kept = prefixWithin(original, limit - base);
            for (int attempt = 0; attempt < 8; attempt++) {
                message.setPayload(kept + marker);
                ByteBuffer out = message.encodeJson();
                int excess = out.remaining() - limit;
                if (excess <= 0) {
                    return out;
                }
                kept = Utf16.truncate(kept, kept.length() - Math.max(excess, 16));
            }
            message.setPayload(marker);
            return message.encodeJson();
        } finally {
            message.setPayload(original);
        }
    }

    /** Returns the longest prefix of {@code text} whose JSON-escaped UTF-8 form surely fits in {@code budget}. */
    static String prefixWithin(String text, int budget) {
        return text.substring(0, Utf16.jsonPrefixLength(text, budget));
    }

    /** {@return the UTF-8 length of the text as the envelope encodes it (a lone surrogate becomes U+FFFD)} */
    static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            n += Utf16.utf8Bytes(cp);
            i += Character.charCount(cp);
        }
        return n;
    }
}
