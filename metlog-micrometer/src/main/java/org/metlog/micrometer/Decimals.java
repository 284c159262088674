package org.metlog.micrometer;

/**
 * Numbers in the form metlog payloads and fields use: whole values without a fraction ({@code 3.0} is
 * {@code "3"}), like the client's own counters and gauges, so a router that expects an integer count gets one.
 */
final class Decimals {
    /** Above this, not every whole number is a double, and {@link Double#toString} is the exact form. */
    private static final double EXACT_WHOLE_LIMIT = 0x1p53;

    private Decimals() {
    }

    /** {@return a finite value as a payload: whole numbers as integers, others as the shortest exact decimal} */
    static String format(double value) {
        return isWhole(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** {@return a value as a field: a {@code Long} when it is whole, else the {@code Double}} */
    static Number number(double value) {
        return isWhole(value) ? (Number) (long) value : (Number) value;
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) < EXACT_WHOLE_LIMIT;
    }
}
