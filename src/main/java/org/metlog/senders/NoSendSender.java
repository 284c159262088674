package org.metlog.senders;
import org.metlog.spi.Sender;

import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.Diagnostics;

/**
 * The placeholder sender of a client that has not been configured yet. It delivers nothing: each message is
 * counted as failed, and the first one prints a single warning on stderr so the gap is visible.
 */
public final class NoSendSender implements Sender {
    private final String owner;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final DeliveryCounters counters = new DeliveryCounters();

    /** Creates a placeholder for an unnamed client. */
    public NoSendSender() {
        this("");
    }

    /**
     * Creates a placeholder.
     *
     * @param owner the logger name of the client that uses it, for the warning
     */
    public NoSendSender(String owner) {
        this.owner = owner;
    }

    @Override
    public void send(Message message) {
        counters.failed();
        if (warned.compareAndSet(false, true)) {
            Diagnostics.warn("client '" + owner + "' has no sender configured; its messages are dropped and counted"
                + " until it is configured (first dropped: type '" + message.type() + "')");
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }
}
