package org.metlog.senders.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metlog.spi.Options;

/** The {@code sender_*} options of an {@link OtlpSender}, and the checks its builder shares with them. */
final class OtlpOptions {
    private OtlpOptions() {
    }

    static OtlpSender.Builder read(Options options, OtlpSender.Builder b) {
        String endpoint = options.string("endpoint", OtlpSender.DEFAULT_ENDPOINT);
        try {
            b.endpoint(endpoint);
        } catch (IllegalArgumentException e) {
            throw options.invalid("endpoint", endpoint, "an http or https URL with a host, such as "
                + OtlpSender.DEFAULT_ENDPOINT);
        }
        b.serviceName(options.string("service_name", null));
        b.batchSize(options.integer("batch_size", OtlpSender.DEFAULT_BATCH_SIZE, 1, 1_000_000));
        b.queueCapacity(options.integer("queue_capacity", OtlpSender.DEFAULT_QUEUE_CAPACITY, 1, Integer.MAX_VALUE));
        b.flushInterval(millis(options, "flush_interval_ms", OtlpSender.DEFAULT_FLUSH_INTERVAL_MS, 1));
        b.timeout(millis(options, "timeout_ms", OtlpSender.DEFAULT_TIMEOUT_MS, 1));
        b.maxAttempts(options.integer("max_attempts", OtlpSender.DEFAULT_MAX_ATTEMPTS, 1, 100));
        Duration initial = millis(options, "initial_backoff_ms", OtlpSender.DEFAULT_INITIAL_BACKOFF_MS, 1);
        Duration max = millis(options, "max_backoff_ms", OtlpSender.DEFAULT_MAX_BACKOFF_MS, 1);
        if (max.compareTo(initial) < 0) {
            throw options.invalid("max_backoff_ms", max.toMillis(), "at least initial_backoff_ms ("
                + initial.toMillis() + ")");
        }
        b.backoff(initial, max);
        b.maxRetryAfter(millis(options, "max_retry_after_ms", OtlpSender.DEFAULT_MAX_RETRY_AFTER_MS, 0));
        b.closeTimeout(millis(options, "close_timeout_ms", OtlpSender.DEFAULT_CLOSE_TIMEOUT_MS, 1));
        List<String> bounds = options.names("histogram_bounds", null);
        if (bounds != null) {
            try {
                List<Double> values = new ArrayList<>();
                for (String bound : bounds) {
                    values.add(Double.parseDouble(bound));
                }
                b.histogramBounds(values);
            } catch (IllegalArgumentException e) {
                throw options.invalid("histogram_bounds", String.join(", ", bounds),
                    "finite numbers of milliseconds in strictly ascending order, such as 5, 10, 25");
            }
        }
        return b;
    }

    private static Duration millis(Options options, String key, int fallback, int min) {
        return Duration.ofMillis(options.integer(key, fallback, min, 3_600_000));
    }

    static URI endpoint(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("endpoint '" + url + "' is not an http or https URL with a host"
                + " (and no query or fragment)");
        }
        return uri;
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " " + value + " is out of range: expected at least " + min);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " " + value + " is too short: expected at least 1 ms");
        }
        return value;
    }

    static List<Double> bounds(List<Double> bounds) {
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("histogramBounds is empty: expected at least one bound");
        }
        for (int i = 0; i < bounds.size(); i++) {
            double bound = bounds.get(i);
            if (!Double.isFinite(bound) || i > 0 && bound <= bounds.get(i - 1)) {
                throw new IllegalArgumentException("histogramBounds " + bounds + " are not finite and strictly"
                    + " ascending");
            }
        }
        return List.copyOf(bounds);
    }
}
