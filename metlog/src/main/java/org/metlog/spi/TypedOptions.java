package org.metlog.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The typed, validating getters of {@link Options} and the value conversions behind them: each accepts a value
 * as text (from INI, or a map written by hand) or already converted, and reports an unusable one through
 * {@link #invalid(String, Object, String)}. Only {@link Options} extends this class.
 */
abstract class TypedOptions {

    /** For {@link Options} only (not sealed, so that this class names no subclass and the two form no cycle). */
    TypedOptions() {
    }

    /**
     * Returns a value as it was given, recording that the component asked for it.
     *
     * @param key the option name
     * @return the value, or null if absent
     */
    public abstract Object raw(String key);

    /**
     * Builds the exception for a present but unusable value.
     *
     * @param key      the option name
     * @param value    the offending value
     * @param expected what would have been accepted
     * @return the exception, for the caller to throw
     */
    public abstract InvalidOptionException invalid(String key, Object value, String expected);

    /**
     * Builds the exception for a missing required value.
     *
     * @param key      the option name
     * @param expected what would have been accepted
     * @return the exception, for the caller to throw
     */
    public abstract InvalidOptionException missing(String key, String expected);

    /**
     * Returns a required string option.
     *
     * @param key the option name
     * @return its value as text
     * @throws InvalidOptionException if it is missing or empty
     */
    public String string(String key) {
        Object value = raw(key);
        if (value == null || value.toString().isEmpty()) {
            throw missing(key, "a non-empty string");
        }
        return scalar(key, value, "a string");
    }

    /**
     * Returns an optional string option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return its value as text, or the fallback
     */
    public String string(String key, String fallback) {
        Object value = raw(key);
        return value == null ? fallback : scalar(key, value, "a string");
    }

    /**
     * Returns a required integer option.
     *
     * @param key the option name
     * @return the value
     * @throws InvalidOptionException if it is missing or not an integer
     */
    public int integer(String key) {
        Object value = raw(key);
        if (value == null) {
            throw missing(key, "an integer");
        }
        return toInt(key, value);
    }

    /**
     * Returns an optional integer option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the value or the fallback
     * @throws InvalidOptionException if present but not an integer
     */
    public int integer(String key, int fallback) {
        Object value = raw(key);
        return value == null ? fallback : toInt(key, value);
    }

    /**
     * Returns an optional integer option that must lie in a range.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @param min      the smallest accepted value
     * @param max      the largest accepted value
     * @return the value or the fallback
     * @throws InvalidOptionException if present but not an integer in {@code [min, max]}
     */
    public int integer(String key, int fallback, int min, int max) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        return checkRange(key, value, toInt(key, value), min, max);
    }

    /**
     * Returns a TCP/UDP port option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return a port from 1 to 65535
     * @throws InvalidOptionException if present but not an integer from 1 to 65535
     */
    public int port(String key, int fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        return checkPort(key, value);
    }

    /**
     * Returns an optional long option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the value or the fallback
     */
    public long longValue(String key, long fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(scalar(key, value, "an integer").trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    /**
     * Returns an optional decimal option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the value or the fallback
     * @throws InvalidOptionException if present but not a finite number
     */
    public double decimal(String key, double fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && !(value instanceof Double d && !Double.isFinite(d))) {
            return n.doubleValue();
        }
        try {
            double d = Double.parseDouble(scalar(key, value, "a number").trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, value, "a number");
    }

    /**
     * Returns an optional sample-rate option.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return a number from 0 to 1
     * @throws InvalidOptionException if present but not a number from 0 to 1
     */
    public double rate(String key, double fallback) {
        double d = decimal(key, fallback);
        if (d < 0 || d > 1) {
            throw invalid(key, raw(key), "a sample rate from 0 to 1");
        }
        return d;
    }

    /**
     * Returns an optional boolean option. Strings {@code true/t/yes/on/1} and {@code false/f/no/off/0} are
     * accepted in any case.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the value or the fallback
     * @throws InvalidOptionException if present but not a boolean
     */
    public boolean bool(String key, boolean fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = scalar(key, value, "a boolean").trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "true", "t", "yes", "on", "1":
                return true;
            case "false", "f", "no", "off", "0":
                return false;
            default:
                throw invalid(key, value, "a boolean (true/false, yes/no, on/off)");
        }
    }

    /**
     * Returns an option that may be one string or a collection of them (any {@link java.util.Collection}: a list,
     * a set, ...). Numbers and booleans count as their text, since INI conversion may have produced them.
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the strings in the collection's order, never null (the fallback when absent)
     * @throws InvalidOptionException if the value, or an entry of it, is anything else (a map, a nested
     *                                collection, null, another object)
     */
    public List<String> strings(String key, List<String> fallback) {
        Object value = raw(key);
        if (value == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (Object item : asList(value)) {
            if (!(item instanceof CharSequence || item instanceof Number || item instanceof Boolean)) {
                throw invalid(key, value, "a string or a collection of strings");
            }
            out.add(item.toString());
        }
        return out;
    }

    /**
     * Returns a list of names: a single string is split on whitespace and commas (as an INI value is written,
     * {@code "oldstyle, custom"}), while the entries of a collection are taken verbatim, so a name may contain a
     * space when given in code ({@code List.of("the other")}).
     *
     * @param key      the option name
     * @param fallback the value when absent
     * @return the names, never null (the fallback when absent)
     * @throws InvalidOptionException as {@link #strings(String, List)} does
     */
    public List<String> names(String key, List<String> fallback) {
        Object value = raw(key);
        if (value instanceof CharSequence text) {
            List<String> out = new ArrayList<>();
            for (String name : text.toString().strip().split("[\\s,]+")) {
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
            return out;
        }
        return strings(key, fallback);
    }

    /**
     * Returns an option that may be one port or a list of them.
     *
     * @param key the option name
     * @return the ports, each checked to lie in 1 to 65535
     * @throws InvalidOptionException if missing, empty or a value is not a port
     */
    public List<Integer> ports(String key) {
        Object value = raw(key);
        if (value == null) {
            throw missing(key, "a port or a list of ports");
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : asList(value)) {
            out.add(checkPort(key, item));
        }
        if (out.isEmpty()) {
            throw invalid(key, value, "a port or a non-empty list of ports");
        }
        return out;
    }

    /**
     * Returns a nested map option.
     *
     * @param key the option name
     * @return the map, or an empty map if absent
     * @throws InvalidOptionException if present but not a map
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object value = raw(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw invalid(key, value, "a nested set of options");
    }

    private String scalar(String key, Object value, String expected) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw invalid(key, value, expected);
        }
        return value.toString();
    }

    private int toInt(String key, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (value instanceof CharSequence) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(key, value, "an integer");
    }

    private int checkRange(String key, Object raw, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, raw, "an integer from " + min + " to " + max);
        }
        return value;
    }

    private int checkPort(String key, Object value) {
        int port;
        try {
            port = toInt(key, value);
        } catch (InvalidOptionException e) {
            throw invalid(key, value, "a port number from 1 to 65535");
        }
        return checkRange(key, value, port, 1, 65_535);
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return value instanceof java.util.Collection<?> collection ? new ArrayList<>(collection) : List.of(value);
    }
}
