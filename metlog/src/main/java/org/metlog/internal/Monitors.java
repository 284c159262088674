package org.metlog.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waiting on an object's monitor: the one loop the library uses to wait for a condition. */
public final class Monitors {

    private Monitors() {
    }

    /**
     * Waits on {@code lock}, which the caller holds, until {@code done} is true or the deadline passes. An
     * interrupt ends the wait early and is kept (the thread's interrupt flag is set again).
     *
     * @param lock          the monitor, held by the caller; whoever changes the condition calls {@code notifyAll}
     * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
     * @param done          the condition, read while holding the lock
     * @return true if the condition is true, false if the deadline passed or the thread was interrupted first
     */
    public static boolean awaitHeld(Object lock, long deadlineNanos, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
