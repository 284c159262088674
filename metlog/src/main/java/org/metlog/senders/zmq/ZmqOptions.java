package org.metlog.senders.zmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metlog.spi.Options;

/** Validation of ZeroMQ endpoints and of the options the two ZeroMQ senders share. */
final class ZmqOptions {
    private static final Pattern TCP = Pattern.compile(
        "tcp://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?):(\\d{1,5})");
    private static final String ENDPOINT = "a ZeroMQ endpoint: tcp://HOST:PORT (HOST a name, an IPv4 address or an"
        + " [IPv6] address; PORT 1 to 65535), ipc://PATH or inproc://NAME";
    /** The largest accepted livecheck interval. */
    static final double MAX_LIVECHECK_SECONDS = 86_400;

    private ZmqOptions() {
    }

    /**
     * Checks one endpoint.
     *
     * @param endpoint the endpoint
     * @return it, trimmed
     * @throws IllegalArgumentException naming the endpoint and the accepted forms
     */
    static String endpoint(String endpoint) {
        String e = Objects.requireNonNull(endpoint, "endpoint").trim();
        if (e.startsWith("tcp://")) {
            Matcher m = TCP.matcher(e);
            if (m.matches()) {
                int port = Integer.parseInt(m.group(3));
                if (port >= 1 && port <= 65_535) {
                    return e;
                }
            }
        } else if ((e.startsWith("ipc://") && e.length() > 6) || (e.startsWith("inproc://") && e.length() > 9)) {
            if (e.chars().noneMatch(Character::isWhitespace)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + endpoint + "' is not " + ENDPOINT);
    }

    /**
     * Checks a non-empty list of endpoints.
     *
     * @param endpoints the endpoints
     * @return them, trimmed, unmodifiable
     * @throws IllegalArgumentException if the list is empty or an endpoint is malformed
     */
    static List<String> endpoints(List<String> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint given: expected at least one, each " + ENDPOINT);
        }
        List<String> out = new ArrayList<>(endpoints.size());
        for (String e : endpoints) {
            out.add(endpoint(e));
        }
        return List.copyOf(out);
    }

    /** {@return whether an endpoint names an IPv6 address literal, which JeroMQ connects to only with IPv6 on} */
    static boolean isIpv6(String endpoint) {
        return endpoint.startsWith("tcp://[");
    }

    /**
     * Reads an option holding one endpoint or a non-empty list of them.
     *
     * @throws org.metlog.spi.InvalidOptionException naming the option if it is missing, empty or malformed
     */
    static List<String> endpointList(Options options, String key) {
        List<String> values = options.strings(key, null);
        if (values == null) {
            throw options.missing(key, "one ZeroMQ endpoint or a list of them, each " + ENDPOINT);
        }
        if (values.isEmpty()) {
            throw options.invalid(key, options.raw(key), "one ZeroMQ endpoint or a non-empty list of them");
        }
        try {
            return endpoints(values);
        } catch (IllegalArgumentException e) {
            throw options.invalid(key, options.raw(key), ENDPOINT + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads an option holding exactly one endpoint.
     *
     * @throws org.metlog.spi.InvalidOptionException naming the option if it is missing or malformed
     */
    static String singleEndpoint(Options options, String key) {
        Object raw = options.raw(key);
        if (raw == null || raw.toString().isEmpty()) {
            throw options.missing(key, ENDPOINT);
        }
        if (raw instanceof List<?>) {
            throw options.invalid(key, raw, "a single endpoint, " + ENDPOINT);
        }
        try {
            return endpoint(raw.toString());
        } catch (IllegalArgumentException e) {
            throw options.invalid(key, raw, ENDPOINT);
        }
    }

    /**
     * Reads the {@code livecheck} interval: seconds, fractions allowed.
     *
     * @throws org.metlog.spi.InvalidOptionException if it is not a number in (0, 86400]
     */
    static Duration livecheck(Options options, String key, Duration fallback) {
        if (!options.has(key) || options.raw(key) == null) {
            return fallback;
        }
        double seconds = options.decimal(key, 0);
        if (!(seconds >= 0.001 && seconds <= MAX_LIVECHECK_SECONDS)) {
            throw options.invalid(key, options.raw(key), "a number of seconds from 0.001 to 86400 (fractions"
                + " allowed)");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /**
     * Checks a livecheck interval given in code.
     *
     * @throws IllegalArgumentException if it is not from 1 ms to a day
     */
    static Duration checkLivecheck(Duration livecheck) {
        Objects.requireNonNull(livecheck, "livecheck");
        if (livecheck.compareTo(Duration.ofMillis(1)) < 0 || livecheck.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("livecheck " + livecheck + " is out of range: expected 1 ms to 1 day");
        }
        return livecheck;
    }

    /**
     * Checks a duration given in code.
     *
     * @throws IllegalArgumentException if it is negative or longer than {@code max}
     */
    static Duration checkDuration(String name, Duration value, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + value + " is out of range: expected 0 to " + max);
        }
        return value;
    }

    /**
     * Checks an integer given in code.
     *
     * @throws IllegalArgumentException if it is outside {@code [min, max]}
     */
    static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range: expected " + min + " to "
                + max);
        }
        return value;
    }
}
