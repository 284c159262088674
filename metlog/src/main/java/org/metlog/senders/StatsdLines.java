package org.metlog.senders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.metlog.message.Message;

/**
 * Turns statistic messages into statsd lines: {@code name:count|c[|@rate]}, {@code name:ms|ms[|@rate]} and
 * {@code name:value|g}, with the message's tags where the flavor puts them ({@link StatsdTags}). Stateless and
 * thread-safe.
 */
final class StatsdLines {
    /** The kinds of statistic statsd carries. */
    enum Kind {
        COUNTER, TIMER, GAUGE;

        /** {@return the kind of a message type, or null if statsd has no such type} */
        static Kind of(String type) {
            return switch (type) {
                case Message.TYPE_COUNTER -> COUNTER;
                case Message.TYPE_TIMER -> TIMER;
                case Message.TYPE_GAUGE -> GAUGE;
                default -> null;
            };
        }
    }

    /** What replaces each character statsd cannot take in a metric name. */
    static final char REPLACEMENT = '_';

    private StatsdLines() {
    }

    /**
     * Formats one message.
     *
     * @param message a message
     * @param prefix  an already sanitised prefix, or ""
     * @param tags    the flavor and the fields that become tags
     * @return the UTF-8 line(s) without a trailing newline, or null if statsd has no such message type
     * @throws IllegalArgumentException if a statistic has no name, a bad rate or a payload that is not a number
     *                                  (a negative one, for a timer)
     */
    static byte[] format(Message message, String prefix, StatsdTags tags) {
        String type = message.type();
        if (Kind.of(type) == null) {
            return null;
        }
        String name = StatFields.name(message);
        String value = checkedValue(message, type, name);
        String tagText = tags.text(message);
        String head = head(name, prefix, tags.flavor(), tagText);
        String tail = tail(type, StatFields.rate(message), tags.flavor(), tagText);
        StringBuilder line = new StringBuilder(2 * head.length() + value.length() + tail.length() + 8);
        if (type.equals(Message.TYPE_GAUGE)) {
            if (value.startsWith("+")) {
                value = value.substring(1); // a leading '+' would make statsd add instead of set
            } else if (value.startsWith("-")) { // "-5" means "subtract 5" to statsd: reset to 0 first
                line.append(head).append(":0").append(tail).append('\n');
            }
        }
        line.append(head).append(':').append(value).append(tail);
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@return the payload of a statistic, trimmed}
     *
     * @throws IllegalArgumentException if it is not a plain decimal, or negative for a timer
     */
    static String checkedValue(Message message, String type, String name) {
        String value = StatFields.number(message);
        if (type.equals(Message.TYPE_TIMER) && value.startsWith("-") && isNonZero(value)) {
            throw new IllegalArgumentException("timer '" + sanitize(name) + "' has a negative value: " + value);
        }
        return value;
    }

    /**
     * {@return what comes before the {@code :} of a line: the sanitised name with the prefix, and the tags for the
     *     influx flavor}
     */
    static String head(String name, String prefix, StatsdFlavor flavor, String tagText) {
        String clean = sanitize(name, flavor);
        String key = prefix.isEmpty() ? clean : prefix + "." + clean;
        return flavor == StatsdFlavor.INFLUX ? key + tagText : key;
    }

    /**
     * {@return what comes after the value: the type ({@code |c}, {@code |ms}, {@code |g}), the rate of a sampled
     *     counter or timer, and the tags for the datadog flavor}
     */
    static String tail(String type, double rate, StatsdFlavor flavor, String tagText) {
        String suffix = switch (type) {
            case Message.TYPE_COUNTER -> "|c";
            case Message.TYPE_TIMER -> "|ms";
            default -> "|g";
        };
        if (!suffix.equals("|g") && StatFields.sampled(rate)) {
            suffix = suffix + "|@" + plain(rate);
        }
        return flavor == StatsdFlavor.DATADOG ? suffix + tagText : suffix;
    }

    private static boolean isNonZero(String value) {
        return Double.parseDouble(value) != 0.0;
    }

    /** {@return the rate without exponent notation, which statsd's sample-rate parser does not read} */
    static String plain(double rate) {
        return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
    }

    /**
     * Makes a metric name safe for the statsd line protocol: {@code :}, {@code |}, {@code @} and control
     * characters (newlines, tabs, DEL) become {@value #REPLACEMENT}. Other characters are kept; statsd itself
     * further normalises names (spaces to {@code _}, {@code /} to {@code -}, drops the rest of the non-word
     * characters).
     *
     * @param name a metric name
     * @return the same string if nothing needed replacing
     */
    static String sanitize(String name) {
        return sanitize(name, StatsdFlavor.ETSY);
    }

    /**
     * Makes a metric name safe for a flavor: as {@link #sanitize(String)}, and for {@link StatsdFlavor#INFLUX}
     * also {@code ,} {@code =} and space, which would start or split a tag.
     */
    static String sanitize(String name, StatsdFlavor flavor) {
        boolean influx = flavor == StatsdFlavor.INFLUX;
        int n = name.length();
        int i = 0;
        while (i < n && !reserved(name.charAt(i), influx)) {
            i++;
        }
        if (i == n) {
            return name;
        }
        char[] chars = name.toCharArray();
        for (; i < n; i++) {
            if (reserved(chars[i], influx)) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    private static boolean reserved(char c, boolean influx) {
        return c == ':' || c == '|' || c == '@' || c < 0x20 || c == 0x7f || (influx && (c == ',' || c == '='
            || c == ' '));
    }
}
