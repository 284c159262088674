package org.metlog.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a generous deadline passes. */
public final class Deadline {
    private Deadline() {
    }

    /**
     * Waits for {@code condition}.
     *
     * @param max       the deadline
     * @param condition what to wait for
     * @return true if it held before the deadline
     */
    public static boolean await(Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
