package org.metlog;

import org.metlog.senders.NoSendSender;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * A client's current {@link Settings} and their replacement: the snapshot is one volatile field, read without a
 * lock by every message, and replaced under this object's lock. Replacing keeps four things in step: a sender
 * that is no longer used is closed (a failure is reported to the new settings' error handler), its counts move
 * through the {@link DeliveryLedger} into the client's history, an error handler that is no longer used is flushed
 * (so that what it held back is reported), and the {@code metlog-stats} thread runs exactly when the settings ask
 * for a stats interval.
 */
final class LiveSettings {
    private static final String CLOSE_FAILED = "closing sender failed; messages it still held may be lost";

    private final DeliveryLedger ledger;
    private final Runnable emitStats;
    private volatile Settings current;
    /** Guarded by {@code this}. */
    private StatsEmitter statsEmitter;

    /**
     * @param initial   the first settings; their account must be the ledger's first
     * @param ledger    the client's ledger
     * @param emitStats sends one stats message; run by the stats thread
     */
    LiveSettings(Settings initial, DeliveryLedger ledger, Runnable emitStats) {
        this.current = initial;
        this.ledger = ledger;
        this.emitStats = emitStats;
    }

    /** {@return the current snapshot; read it once per operation} */
    Settings current() {
        return current;
    }

    /** Starts the stats thread if the current settings ask for one; called once the client is fully built. */
    synchronized void start() {
        updateStatsEmitter(current);
    }

    /**
     * Installs new settings. A sender that is replaced is retired (a thread still holding the old settings sends to
     * the new ones instead) and closed, and the ledger keeps reading its counts until no message can reach it,
     * then keeps its final counts. Serialized; the send path never takes the lock.
     */
    synchronized void replace(Settings requested) {
        Settings previous = current;
        if (previous.sender == requested.sender) {
            current = requested.continuing(previous);
            updateStatsEmitter(current);
            ledger.settle(); // a replaced sender still busy at its own replacement may be quiet by now
        } else {
            ledger.replacing(requested.account);
            current = requested;
            previous.account.retire(); // only now: a message bouncing off it must find its successor current
            updateStatsEmitter(requested);
            try {
                closeQuietly(previous.sender, previous.source, requested.errorHandler);
            } finally {
                ledger.settle();
            }
        }
        if (previous.errorHandler != requested.errorHandler) {
            SendPath.flushErrors(previous.errorHandler);
        }
    }

    /**
     * Closes the client: flushes the sender, then installs the closed settings (a {@link NoSendSender}, which
     * drops and counts, and no stats thread), which closes the sender; then flushes the error handler.
     */
    void close(SendPath path) {
        Settings s = current;
        path.flush(s);
        replace(s.closed());
        SendPath.flushErrors(s.errorHandler);
    }

    /** {@return true while the {@code metlog-stats} thread runs} */
    synchronized boolean isEmittingStats() {
        return statsEmitter != null;
    }

    private void updateStatsEmitter(Settings s) {
        StatsEmitter running = statsEmitter;
        if (running != null && running.intervalNanos() == s.statsIntervalNanos) {
            return;
        }
        if (running != null) {
            running.stop();
            statsEmitter = null;
        }
        if (s.statsIntervalNanos > 0) {
            statsEmitter = StatsEmitter.start(emitStats, s.statsIntervalNanos);
        }
    }

    private static void closeQuietly(Sender sender, String source, ErrorHandler errorHandler) {
        try {
            sender.close();
        } catch (RuntimeException e) {
            ErrorHandler.report(errorHandler, DeliveryError.of(source, CLOSE_FAILED, null, e));
        }
    }
}
