package org.metlog.internal;

/**
 * Decimal text of whole numbers for payloads, without allocating for the small values that counters and timers
 * send most (a count of 1, a few milliseconds).
 */
public final class Decimal {
    private static final int LOWEST = -128;
    private static final int HIGHEST = 1023;
    /** Filled lazily; a race only makes two equal strings, one of which is kept. */
    private static final String[] CACHE = new String[HIGHEST - LOWEST + 1];

    private Decimal() {
    }

    /**
     * Returns {@code Long.toString(value)}, shared for values from -128 to 1023.
     *
     * @param value any long
     * @return its decimal text
     */
    public static String toString(long value) {
        if (value < LOWEST || value > HIGHEST) {
            return Long.toString(value);
        }
        int index = (int) value - LOWEST;
        String text = CACHE[index];
        if (text == null) {
            text = Long.toString(value);
            CACHE[index] = text;
        }
        return text;
    }
}
