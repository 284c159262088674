package org.metlog.message;

/**
 * A snapshot of delivery counters of a client or a sender. Every message accepted is either counted as
 * {@code sent} or counted in exactly one of the drop/failure counters, so nothing is lost silently.
 *
 * @param sent              messages handed on successfully (to the sender, or onto the wire)
 * @param filtered          messages dropped by a filter
 * @param droppedQueueFull  messages dropped because a queue or high-water mark was full
 * @param droppedTooLarge   messages dropped (or diverted) because they were too large to deliver
 * @param failed            messages whose delivery failed with an error
 * @param truncated         of all these messages, those encoded with a field cut to the {@link FieldLimits} or
 *                          described by its class (its {@code toString()} failed); they are still delivered and
 *                          counted above as well, so this is not part of {@link #total()}
 */
public record DeliveryStats(long sent, long filtered, long droppedQueueFull, long droppedTooLarge, long failed,
                            long truncated) {

    /** A snapshot with every counter at zero. */
    public static final DeliveryStats EMPTY = new DeliveryStats(0, 0, 0, 0, 0, 0);

    /**
     * Creates a snapshot in which no message was truncated.
     *
     * @param sent             messages handed on successfully
     * @param filtered         messages dropped by a filter
     * @param droppedQueueFull messages dropped because a queue was full
     * @param droppedTooLarge  messages dropped because they were too large
     * @param failed           messages whose delivery failed
     */
    public DeliveryStats(long sent, long filtered, long droppedQueueFull, long droppedTooLarge, long failed) {
        this(sent, filtered, droppedQueueFull, droppedTooLarge, failed, 0);
    }

    /**
     * Returns the number of messages that were not delivered, for any reason.
     *
     * @return filtered + droppedQueueFull + droppedTooLarge + failed
     */
    public long dropped() {
        return filtered + droppedQueueFull + droppedTooLarge + failed;
    }

    /**
     * Returns the total number of messages these counters have seen.
     *
     * @return sent + {@link #dropped()}
     */
    public long total() {
        return sent + dropped();
    }

    /**
     * Returns the counter-wise sum of this snapshot and another.
     *
     * @param other another snapshot
     * @return the sum
     */
    public DeliveryStats plus(DeliveryStats other) {
        return new DeliveryStats(sent + other.sent, filtered + other.filtered,
            droppedQueueFull + other.droppedQueueFull, droppedTooLarge + other.droppedTooLarge,
            failed + other.failed, truncated + other.truncated);
    }
}
