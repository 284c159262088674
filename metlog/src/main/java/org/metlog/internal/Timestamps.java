package org.metlog.internal;

import java.time.Instant;

/**
 * The envelope's clock arithmetic: microseconds since the epoch, and their RFC 3339 form with six fractional
 * digits, written into a caller's array so that the hot path allocates nothing. Depends on nothing else of
 * metlog. Every method is thread-safe, never blocks and never throws.
 */
public final class Timestamps {
    /** Length of an RFC 3339 timestamp with six fractional digits: {@code 2026-11-21T09:30:00.000000Z}. */
    public static final int LENGTH = 27;

    private Timestamps() {
    }

    /** The first instant an RFC 3339 timestamp can write: {@code 0000-01-01T00:00:00.000000Z}. */
    public static final long MIN_MICROS = -62_167_219_200_000_000L;
    /** The last instant an RFC 3339 timestamp can write: {@code 9999-12-31T23:59:59.999999Z}. */
    public static final long MAX_MICROS = 253_402_300_799_999_999L;

    /**
     * Checks that a timestamp can be written: RFC 3339 (and the Python routers that parse it) knows only the
     * years 0000 to 9999.
     *
     * @param micros microseconds since the epoch
     * @param what   what gave the time, for the message (e.g. "the client's clock")
     * @return {@code micros}
     * @throws IllegalArgumentException if the time is outside those years
     */
    public static long checkWritable(long micros, String what) {
        if (micros < MIN_MICROS || micros > MAX_MICROS) {
            throw new IllegalArgumentException(what + " gives " + toInstant(micros) + ", outside the years 0000 to"
                + " 9999 that an RFC 3339 timestamp can write");
        }
        return micros;
    }

    /**
     * Checks that an instant can be written, as {@link #checkWritable(long, String)} does.
     *
     * @param instant the instant
     * @param what    what gave the time, for the message
     * @throws IllegalArgumentException if the instant is outside the years 0000 to 9999
     */
    public static void checkWritable(Instant instant, String what) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_MICROS / 1_000_000L || seconds > MAX_MICROS / 1_000_000L) {
            throw new IllegalArgumentException(what + " gives " + instant + ", outside the years 0000 to 9999 that an"
                + " RFC 3339 timestamp can write");
        }
    }

    /** {@return the current time in microseconds since the epoch, at the clock's precision} */
    public static long nowMicros() {
        return toMicros(Instant.now());
    }

    /** {@return {@code instant} in microseconds since the epoch, finer digits truncated} */
    public static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /**
     * @param micros microseconds since the epoch
     * @return {@code micros} as the {@link java.time.Instant} it stands for
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** {@return {@code micros} as RFC 3339 UTC with exactly six fractional digits and a {@code Z}} */
    public static String format(long micros) {
        char[] buf = new char[LENGTH];
        write(buf, micros);
        return new String(buf);
    }

    /**
     * Writes {@link #format(long)} into {@code buf[0..27)} without allocating. A time outside the years 0000 to
     * 9999 is written as the nearest one inside them, never wrapped into a wrong year.
     */
    public static void write(char[] buf, long micros) {
        micros = Math.max(MIN_MICROS, Math.min(MAX_MICROS, micros));
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil-from-days, Howard Hinnant's algorithm: proleptic Gregorian, valid for any long day count we meet
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        digits(buf, 0, (int) year, 4);
        buf[4] = '-';
        digits(buf, 5, month, 2);
        buf[7] = '-';
        digits(buf, 8, day, 2);
        buf[10] = 'T';
        digits(buf, 11, secondOfDay / 3600, 2);
        buf[13] = ':';
        digits(buf, 14, secondOfDay / 60 % 60, 2);
        buf[16] = ':';
        digits(buf, 17, secondOfDay % 60, 2);
        buf[19] = '.';
        digits(buf, 20, fraction, 6);
        buf[26] = 'Z';
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, into {@code buf[at..at+width)}. */
    public static void digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
