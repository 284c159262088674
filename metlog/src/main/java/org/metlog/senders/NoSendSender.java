package org.metlog.senders;
import org.metlog.spi.ErrorHandlers;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * The placeholder sender of a client that has not been configured yet. It delivers nothing: each message is
 * counted as failed, and the first one is reported once to the error handler (by default one line on stderr), so
 * the gap is visible.
 */
public final class NoSendSender implements Sender {
    private final String owner;
    private final ErrorHandler errors;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final DeliveryCounters counters = new DeliveryCounters();

    /** Creates a placeholder for an unnamed client. */
    public NoSendSender() {
        this("");
    }

    /**
     * Creates a placeholder reporting to a new {@link ErrorHandlers#stderr()} handler.
     *
     * @param owner the logger name of the client that uses it, for the warning
     */
    public NoSendSender(String owner) {
        this(owner, ErrorHandlers.stderr());
    }

    /**
     * Creates a placeholder.
     *
     * @param owner  the logger name of the client that uses it, for the warning
     * @param errors where the first dropped message is reported
     */
    public NoSendSender(String owner, ErrorHandler errors) {
        this.owner = owner;
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** {@return false: the message is encoded (or counted) before {@code send} returns and never kept} */
    @Override
    public boolean keepsMessages() {
        return false;
    }

    /**
     * Counts the message as failed; the first one is reported to the error handler. Lock-free; never throws.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        counters.failed();
        if (warned.compareAndSet(false, true)) { // once per sender: the text may name the client and the type
            ErrorHandler.report(errors, DeliveryError.of(toString(), "client '" + owner + "' has no sender"
                + " configured; its messages are dropped and counted until it is configured (first dropped: type '"
                + message.type() + "')", message, null));
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** Flushes the error handler. Never throws. */
    @Override
    public void flush() {
        errors.flush();
    }

    /** {@return {@code NoSendSender(client '<owner>')}} */
    @Override
    public String toString() {
        return "NoSendSender(client '" + owner + "')";
    }
}
