package org.metlog;

import java.util.Map;

import org.metlog.internal.Decimal;
import org.metlog.message.Message;

/**
 * Statistics messages: counters, gauges, timer results and custom statistic types. Each is a message whose
 * payload is the value and whose fields are {@code name} (with the client's prefix) and {@code rate}. Sampling
 * happens here, once per call, with the client's random source, and only in the methods that sample
 * ({@link #counter}, {@link #gauge}); {@link #send} and {@link #timer} always send and carry the rate as
 * information.
 */
final class Statistics {
    /** The problem reported for a gauge whose value is NaN or infinite. */
    static final String NOT_FINITE = "a gauge value is not a finite number; the gauge is not sent and is counted as"
        + " failed";
    private static final double EXACT_LONG_LIMIT = 0x1p53;

    private final LiveSettings settings;
    private final SendPath path;
    private final TimeAndChance time;

    Statistics(LiveSettings settings, SendPath path, TimeAndChance time) {
        this.settings = settings;
        this.path = path;
        this.time = time;
    }

    /** {@return the client's clocks and random source} */
    TimeAndChance time() {
        return time;
    }

    /** {@return true if timer {@code name} is disabled by the current settings} */
    boolean isTimerDisabled(String name) {
        return settings.current().isTimerDisabled(name);
    }

    /**
     * Sends one statistic; the rate is information only.
     *
     * @throws IllegalArgumentException if the name is null or the rate is outside 0 to 1
     */
    void send(String type, String name, String value, double rate, String logger, Integer severity,
              Map<String, ?> fields) {
        check(type, name, rate);
        Settings s = settings.current();
        path.send(s, path.create(s, type, logger, severity, value, fields, prefixed(s.prefix, name), rate));
    }

    /** Sends a counter for a {@code rate} fraction of the calls; the value is formatted only if it is sent. */
    void counter(String name, long count, double rate, String logger, Integer severity, Map<String, ?> fields) {
        check(Message.TYPE_COUNTER, name, rate);
        if (!time.sampledOut(rate)) {
            send(Message.TYPE_COUNTER, name, Decimal.toString(count), rate, logger, severity, fields);
        }
    }

    /** Sends a whole-number gauge for a {@code rate} fraction of the calls. */
    void gauge(String name, long value, double rate) {
        check(Message.TYPE_GAUGE, name, rate);
        if (!time.sampledOut(rate)) {
            send(Message.TYPE_GAUGE, name, Decimal.toString(value), rate, null, null, null);
        }
    }

    /**
     * Sends a decimal gauge for a {@code rate} fraction of the calls. A non-finite value is never sent: every
     * such call is counted as failed and reported, whatever the rate.
     */
    void gauge(String name, double value, double rate) {
        check(Message.TYPE_GAUGE, name, rate);
        if (!Double.isFinite(value)) {
            Settings s = settings.current();
            Message message = path.create(s, Message.TYPE_GAUGE, null, null, Double.toString(value), null,
                prefixed(s.prefix, name), rate);
            path.notSent(s, NOT_FINITE, message, new NotFinite(name, value));
            return;
        }
        if (!time.sampledOut(rate)) {
            send(Message.TYPE_GAUGE, name, formatDecimal(value), rate, null, null, null);
        }
    }

    /** Sends a measured duration in whole milliseconds; the rate is information only. */
    void timer(String name, long elapsedMs, double rate, String logger, Integer severity, Map<String, ?> fields) {
        send(Message.TYPE_TIMER, name, Decimal.toString(elapsedMs), rate, logger, severity, fields);
    }

    private static void check(String type, String name, double rate) {
        checkRate(rate);
        if (name == null) {
            throw new IllegalArgumentException(type + " name must not be null");
        }
    }

    /** @throws IllegalArgumentException if the rate is outside 0 to 1 or NaN */
    static void checkRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("sample rate " + rate + " is out of range: expected 0 to 1");
        }
    }

    /** Prepends the prefix and a dot; allocation-free when there is no prefix. */
    static String prefixed(String prefix, String name) {
        return prefix.isEmpty() || name == null ? name : prefix + "." + name;
    }

    /** @throws IllegalArgumentException for {@link Long#MIN_VALUE}, whose negation does not fit a long */
    static long negate(long count) {
        if (count == Long.MIN_VALUE) {
            throw new IllegalArgumentException("cannot decrement by " + count + ": its negation does not fit a long");
        }
        return -count;
    }

    /**
     * Formats a finite double the way gauges send it: whole numbers below 2<sup>53</sup> without a fraction,
     * anything else as {@link Double#toString(double)}.
     */
    static String formatDecimal(double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG_LIMIT) {
            return Decimal.toString((long) value);
        }
        return Double.toString(value);
    }

    /** The details of a non-finite gauge; its text is built only if a handler describes it. Stackless. */
    static final class NotFinite extends RuntimeException {
        private final String name;
        private final double value;

        NotFinite(String name, double value) {
            super(null, null, false, false);
            this.name = name;
            this.value = value;
        }

        @Override
        public String getMessage() {
            return "gauge '" + name + "' was not sent: its value " + value + " is not a finite number";
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
