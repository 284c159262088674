package org.metlog.internal;

/**
 * A per-thread flag that keeps log records from looping between metlog and a logging framework.
 *
 * <p>The bridges into metlog ({@code MetlogHandler}, {@code MetlogAppender}) ignore every record logged while the
 * flag is set on their thread, and set it while they send; the senders out of metlog
 * ({@code StdLibLoggingSender}, {@code Slf4jLoggingSender}) set it while they log. So a record that metlog itself
 * causes (a sender logging, a logging sender's output reaching a handler hooked on the same logger) never
 * re-enters metlog, whichever thread delivers it.
 *
 * <pre>{@code
 * boolean outer = LoopGuard.enter();
 * try {
 *     logger.log(level, text);
 * } finally {
 *     LoopGuard.exit(outer);
 * }
 * }</pre>
 */
public final class LoopGuard {
    private static final ThreadLocal<boolean[]> ACTIVE = ThreadLocal.withInitial(() -> new boolean[1]);

    private LoopGuard() {
    }

    /** {@return true if the calling thread is inside metlog's delivery path right now} */
    public static boolean isActive() {
        return ACTIVE.get()[0];
    }

    /**
     * Sets the flag for the calling thread.
     *
     * @return the previous value, to hand to {@link #exit(boolean)}
     */
    public static boolean enter() {
        boolean[] flag = ACTIVE.get();
        boolean previous = flag[0];
        flag[0] = true;
        return previous;
    }

    /**
     * Restores the flag that {@link #enter()} returned.
     *
     * @param previous the value {@link #enter()} returned
     */
    public static void exit(boolean previous) {
        ACTIVE.get()[0] = previous;
    }
}
