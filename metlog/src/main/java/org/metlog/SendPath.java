package org.metlog;

import java.util.Map;
import java.util.function.Supplier;
import org.metlog.internal.Fatal;
import org.metlog.message.Message;
import org.metlog.message.Messages;
import org.metlog.message.Origin;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Filter;

/**
 * The path of one message: stamped with the client's origin and clock, run through the filters, handed to the
 * sender, and counted in the {@link DeliveryLedger} on the way. Nothing on it throws into the caller because of
 * delivery: a filter or sender that throws is counted as failed and reported to the {@link ErrorHandler} of the
 * settings the message was sent with (an error that {@link Fatal} names is reported, counted and then rethrown).
 * A message whose settings' sender was replaced while it was on its way goes to the current settings' sender
 * instead (see {@link SenderAccount#enter()}), so that a replaced sender's counts become final. Lock-free.
 */
final class SendPath {
    private static final String NULL_MESSAGE = "a null message was not sent";
    private static final String FLUSH_FAILED = "flushing the sender failed; messages it held may be lost";

    private final Origin origin;
    private final TimeAndChance time;
    private final DeliveryLedger ledger;
    private final Supplier<Settings> current;

    /** @param current the client's current settings, for a message whose sender was replaced on its way */
    SendPath(Origin origin, TimeAndChance time, DeliveryLedger ledger, Supplier<Settings> current) {
        this.origin = origin;
        this.time = time;
        this.ledger = ledger;
        this.current = current;
    }

    /**
     * Builds one message stamped now, with the default fields of {@code s} it does not set itself.
     *
     * @param statName the statistic's name field (prefix applied), or null for a message that is no statistic
     * @throws IllegalArgumentException if the type is null or the severity is outside 0 to 7
     */
    Message create(Settings s, String type, String logger, Integer severity, String payload,
                   Map<String, ?> fields, String statName, double rate) {
        if (type == null) {
            throw new IllegalArgumentException("message type must not be null");
        }
        return Messages.create(origin, type, time.nowMicros(), logger != null ? logger : s.logger,
            severity != null ? severity : s.severity, payload, s.defaultFields.merge(fields), statName, rate);
    }

    /**
     * Sends one statistic: in a message lent for this send and reused afterwards when {@code s} allows it
     * ({@link Settings#reusesMessages}), so that the call allocates no message; else in a new one.
     */
    void sendStatistic(Settings s, String type, String logger, Integer severity, String payload,
                       Map<String, ?> fields, String statName, double rate) {
        if (!s.reusesMessages) {
            send(s, create(s, type, logger, severity, payload, fields, statName, rate));
            return;
        }
        Message message = Messages.lend(origin, type, time.nowMicros(), logger != null ? logger : s.logger,
            severity != null ? severity : s.severity, payload, s.defaultFields.merge(fields), statName, rate);
        try {
            send(s, message);
        } finally {
            Messages.giveBack(message);
        }
    }

    /** Builds a message that is no statistic and sends it. */
    void sendNew(Settings s, String type, String logger, Integer severity, String payload, Map<String, ?> fields) {
        send(s, create(s, type, logger, severity, payload, fields, null, 1.0));
    }

    /** Runs the filters of {@code s} over {@code message} and, if all keep it, hands it to the sender of {@code s}. */
    void send(Settings s, Message message) {
        if (message == null) {
            notSent(s, NULL_MESSAGE, null, null);
            return;
        }
        try {
            for (Filter filter : s.filters) {
                if (!filter.test(message)) {
                    ledger.filtered();
                    return;
                }
            }
        } catch (Throwable error) {
            ledger.failed();
            failed(s, message, error);
            return;
        }
        Settings target = s;
        while (!target.account.enter()) {
            target = current.get(); // never retired: a sender is retired only after its successor is current
        }
        if (target != s && !target.reusesMessages) {
            message = Messages.detached(message); // the successor may keep it: it gets one of its own
        }
        try {
            target.sender.send(message);
            target.account.handed();
        } catch (Throwable error) {
            target.account.threw();
            failed(target, message, error);
        }
    }

    /**
     * Counts a message that is not sent because of a problem of the client's own (for example a non-finite gauge
     * value) and reports it.
     *
     * @param problem a constant description (see {@link DeliveryError#problem()})
     * @param message the message concerned, or null
     * @param cause   the details, or null
     */
    void notSent(Settings s, String problem, Message message, Throwable cause) {
        ledger.failed();
        ErrorHandler.report(s.errorHandler, DeliveryError.of(s.source, problem, message, cause));
    }

    /** Flushes the sender of {@code s} (a failure is reported), then its error handler. Never throws. */
    void flush(Settings s) {
        try {
            s.sender.flush();
        } catch (RuntimeException e) {
            ErrorHandler.report(s.errorHandler, DeliveryError.of(s.source, FLUSH_FAILED, null, e));
        }
        flushErrors(s.errorHandler);
    }

    /** Has {@code errorHandler} report what it held back (a summary of suppressed errors). Never throws. */
    static void flushErrors(ErrorHandler errorHandler) {
        try {
            errorHandler.flush();
        } catch (RuntimeException ignored) {
            // a handler must not throw; if it does, there is nowhere left to report to
        }
    }

    private void failed(Settings s, Message message, Throwable error) {
        ErrorHandler.report(s.errorHandler, DeliveryError.sendFailed(s.source, message, error));
        Fatal.rethrowIfFatal(error); // a StackOverflowError is this thread's own recursion, ended by now: not rethrown
    }
}
