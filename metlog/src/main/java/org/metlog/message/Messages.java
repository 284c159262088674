package org.metlog.message;

import java.util.Map;
import org.metlog.internal.IdlePool;

/**
 * Messages made on the client's allocation-lean path: new ones ({@link #create}), and ones lent for one send and
 * then reused ({@link #lend}), so that a client's statistics allocate no message in steady state. A client lends only when nothing on the path may keep the message: no filters, and a sender whose
 * {@link org.metlog.spi.Sender#keepsMessages()} is false. Whatever would keep a lent message all the same (an
 * error report, a sender that replaced the one the message was meant for) keeps a copy from
 * {@link #detached(Message)}. Lock-free; the idle messages are shared by all threads, so a fresh (virtual)
 * thread costs nothing extra.
 */
public final class Messages {
    private static final IdlePool<Message> POOL = new IdlePool<>(
        IdlePool.slotsFor(Runtime.getRuntime().availableProcessors()),
        Messages::idle);

    private Messages() {
    }

    private static Message idle() {
        Message message = new Message(Message.TYPE_COUNTER, 0, "", Severity.INFORMATIONAL, "", null, null, 1.0, null);
        message.ownEncoder = EncodedEnvelope.owned();
        return message;
    }

    /**
     * Creates a message without a builder: the client's allocation-lean path.
     *
     * @param origin          the envelope's constant part
     * @param type            the message type, not null
     * @param timestampMicros microseconds since the epoch
     * @param logger          the logger; null means ""
     * @param severity        0 to 7
     * @param payload         the payload; null means ""
     * @param fields          extra fields, copied; may be null
     * @param statName        the {@code name} field of a statistic, or null for none
     * @param statRate        the {@code rate} field of a statistic (ignored without a name)
     * @return the message
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public static Message create(Origin origin, String type, long timestampMicros, String logger, int severity,
                                 String payload, Map<String, ?> fields, String statName, double statRate) {
        return new Message(type, timestampMicros, logger, severity, payload, fields, statName, statRate, origin);
    }

    /**
     * Lends a message with the given content, as {@link #create} would make it.
     *
     * @param origin          the envelope's constant part
     * @param type            the message type, not null
     * @param timestampMicros microseconds since the epoch
     * @param logger          the logger; null means ""
     * @param severity        0 to 7
     * @param payload         the payload; null means ""
     * @param fields          extra fields, copied; may be null
     * @param statName        the {@code name} field of a statistic, or null for none
     * @param rate            the {@code rate} field of a statistic (ignored without a name)
     * @return the message, to be given back with {@link #giveBack(Message)} once the send returned
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public static Message lend(Origin origin, String type, long timestampMicros, String logger,
                               int severity, String payload, Map<String, ?> fields, String statName, double rate) {
        Message message = POOL.take();
        try {
            message.assign(type, timestampMicros, logger, severity, payload, fields, statName, rate, origin);
        } catch (RuntimeException e) {
            POOL.giveBack(message);
            throw e;
        }
        message.lent = true;
        return message;
    }

    /**
     * Returns a lent message for the next {@link #lend}; does nothing for a message that is not lent.
     *
     * @param message the message lent
     */
    public static void giveBack(Message message) {
        if (message.lent) {
            message.lent = false;
            message.assign(Message.TYPE_COUNTER, 0, "", Severity.INFORMATIONAL, "", null, null, 1.0, null);
            if (message.ownEncoder.oversized()) {
                message.ownEncoder = EncodedEnvelope.owned(); // a very large message's buffer is not kept
            }
            POOL.giveBack(message); // emptied first, so that an idle message holds nothing of the application's
        }
    }

    /**
     * {@return {@code message} itself if it is not lent (or null), else a copy of its own that may be kept}
     *
     * @param message the message, or null
     */
    public static Message detached(Message message) {
        return message == null || !message.lent ? message : message.copy();
    }

    /**
     * {@return true if {@code message} is lent: it must not be kept past the send it was lent for}
     *
     * @param message the message
     */
    public static boolean isLent(Message message) {
        return message.lent;
    }
}
