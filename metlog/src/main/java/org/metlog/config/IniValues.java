package org.metlog.config;
import org.metlog.spi.InvalidOptionException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts INI values as metlog-py's {@code metlog.config._convert} does.
 *
 * <ul>
 *   <li>A value with a line break becomes a list of its non-empty lines, each converted as below.</li>
 *   <li>Surrounding white space is removed.</li>
 *   <li>An integer ({@code -?[0-9]+}) becomes an {@link Integer} ({@link Long} or {@link BigInteger} if it is
 *       too large).</li>
 *   <li>{@code true, t, yes, on} and {@code false, f, no, off}, in any case, become {@link Boolean}s.</li>
 *   <li>{@code ${NAME}} (letters, digits, underscore) is replaced by the environment variable {@code NAME}; the
 *       result is a string and is not converted further. A missing variable is an error.</li>
 *   <li>Anything else stays a string.</li>
 * </ul>
 */
final class IniValues {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private IniValues() {
    }

    /**
     * Converts one raw value.
     *
     * @param raw   the value as written (continuation lines joined with "\n"); messages quote only the
     *              offending line, so that they stay on one line
     * @param env   looks up environment variables; returns null for a missing one
     * @param where the file and section, for messages (e.g. {@code "metlog.ini [metlog]"})
     * @param key   the option name, for messages
     * @return a String, Integer, Long, BigInteger, Boolean, or a new List of those
     * @throws MissingEnvironmentVariableException if a referenced variable is not set
     * @throws InvalidOptionException              if a {@code ${...}} reference is malformed
     */
    static Object convert(String raw, Function<String, String> env, String where, String key) {
        if (raw.indexOf('\n') >= 0) {
            List<Object> items = new ArrayList<>();
            for (String line : raw.split("\n")) {
                if (!line.isBlank()) {
                    items.add(convertLine(line, env, where, key));
                }
            }
            return items;
        }
        return convertLine(raw, env, where, key);
    }

    /**
     * Converts a value that lists names (such as {@code disabled_timers}): a list of its non-empty lines, each
     * stripped and with {@code ${NAME}} references replaced, but never turned into a number or boolean, so
     * that a timer called {@code t} or {@code 007} keeps its name.
     *
     * @param raw   the value as written
     * @param env   looks up environment variables
     * @param where the file and section, for messages
     * @param key   the option name, for messages
     * @return a new list of strings
     * @throws MissingEnvironmentVariableException if a referenced variable is not set
     */
    static List<Object> names(String raw, Function<String, String> env, String where, String key) {
        List<Object> items = new ArrayList<>();
        for (String line : raw.split("\n")) {
            String value = line.strip();
            if (!value.isEmpty()) {
                items.add(value.contains("${") ? substitute(value, env, where, key, value) : value);
            }
        }
        return items;
    }

    private static Object convertLine(String line, Function<String, String> env, String where, String key) {
        String value = line.strip();
        if (INTEGER.matcher(value).matches()) {
            BigInteger big = new BigInteger(value);
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "on":
                return Boolean.TRUE;
            case "false", "f", "no", "off":
                return Boolean.FALSE;
            default:
                break;
        }
        return value.contains("${") ? substitute(value, env, where, key, value) : value;
    }

    private static String substitute(String value, Function<String, String> env, String where, String key,
                                     String raw) {
        StringBuilder out = new StringBuilder();
        Matcher m = REFERENCE.matcher(value);
        int last = 0;
        while (m.find()) {
            checkNoBrokenReference(value.substring(last, m.start()), where, key, raw);
            String name = m.group(1);
            String resolved = env.apply(name);
            if (resolved == null) {
                throw new MissingEnvironmentVariableException(name, where + ": option " + key + " = '"
                    + raw.strip() + "': environment variable " + name + " is not set");
            }
            out.append(value, last, m.start()).append(resolved);
            last = m.end();
        }
        checkNoBrokenReference(value.substring(last), where, key, raw);
        out.append(value, last, value.length());
        return out.toString();
    }

    private static void checkNoBrokenReference(String text, String where, String key, String raw) {
        if (text.contains("${")) {
            throw new InvalidOptionException(where + ": option " + key + " = '" + raw.strip()
                + "': expected an environment variable reference ${NAME} (NAME of letters, digits and _)");
        }
    }
}
