package org.metlog.senders.otlp;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * When to send a request again, as the OTLP/HTTP specification says: only after 429, 502, 503 or 504 or a failed
 * connection (every other 4xx and 5xx is final), at most a set number of attempts, after the server's
 * {@code Retry-After} (delay-seconds or an HTTP date, capped) if it gave one, else after an exponential backoff
 * with jitter: attempt n waits {@code min(max, initial * 2^(n-1)) * (0.5 + 0.5 * r)}, r drawn from the injected
 * random source in [0, 1).
 */
final class RetryPolicy {
    private final int maxAttempts;
    private final long initialNanos;
    private final long maxNanos;
    private final long maxRetryAfterNanos;
    private final DoubleSupplier random;
    private final Clock wallClock;

    RetryPolicy(int maxAttempts, Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier random,
        Clock wallClock) {
        this.maxAttempts = maxAttempts;
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.maxRetryAfterNanos = maxRetryAfter.toNanos();
        this.random = random;
        this.wallClock = wallClock;
    }

    static boolean isRetryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** {@return whether attempt number {@code attempt} (from 1) may be followed by another} */
    boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter the response's Retry-After header, or null
     * @return how long to wait before the next attempt, in nanoseconds
     */
    long delayNanos(int attempt, String retryAfter) {
        long asked = retryAfterNanos(retryAfter);
        if (asked >= 0) {
            return Math.min(asked, maxRetryAfterNanos);
        }
        long base = initialNanos;
        for (int i = 1; i < attempt && base < maxNanos; i++) {
            base = base > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : base * 2;
        }
        base = Math.min(base, maxNanos);
        double r = random.getAsDouble();
        r = r >= 0 && r < 1 ? r : 0.5; // a broken source must not make the wait negative or unbounded
        return (long) (base * (0.5 + 0.5 * r));
    }

    /** {@return the delay a Retry-After header asks for, in nanoseconds (0 for a date in the past), or -1} */
    private long retryAfterNanos(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (value.length() > 12) {
                return maxRetryAfterNanos; // more seconds than anyone will wait
            }
            return Duration.ofSeconds(Long.parseLong(value)).toNanos();
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            long millis = when.toInstant().toEpochMilli() - wallClock.millis();
            return millis <= 0 ? 0 : Duration.ofMillis(millis).toNanos();
        } catch (DateTimeParseException e) {
            return -1; // unreadable: the spec's fallback is the client's own backoff
        }
    }
}
