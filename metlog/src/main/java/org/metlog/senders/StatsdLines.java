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
        String suffix;
        boolean withRate;
        switch (type) {
            case Message.TYPE_COUNTER -> {
                suffix = "|c";
                withRate = true;
            }
            case Message.TYPE_TIMER -> {
                suffix = "|ms";
                withRate = true;
            }
            case Message.TYPE_GAUGE -> {
                suffix = "|g";
                withRate = false;
            }
            default -> {
                return null;
            }
        }
        StatsdFlavor flavor = tags.flavor();
        String name = sanitize(StatFields.name(message), flavor);
        String key = prefix.isEmpty() ? name : prefix + "." + name;
        String value = StatFields.number(message);
        double rate = StatFields.rate(message);
        StringBuilder line = new StringBuilder(key.length() + value.length() + 16);
        line.append(key);
        String tagText = "";
        if (flavor.hasTags()) {
            StringBuilder t = new StringBuilder();
            tags.append(t, message);
            tagText = t.toString();
        }
        if (flavor == StatsdFlavor.INFLUX) {
            line.append(tagText);
        }
        String tail = flavor == StatsdFlavor.DATADOG ? tagText : "";
        if (suffix.equals("|g")) {
            if (value.startsWith("+")) {
                value = value.substring(1); // a leading '+' would make statsd add instead of set
            } else if (value.startsWith("-")) {
                String head = line.toString(); // "-5" means "subtract 5" to statsd: reset to 0 first
                line.append(":0|g").append(tail).append('\n').append(head);
            }
        } else if (suffix.equals("|ms") && value.startsWith("-") && isNonZero(value)) {
            throw new IllegalArgumentException("timer '" + name + "' has a negative value: " + value);
        }
        line.append(':').append(value).append(suffix);
        if (withRate && StatFields.sampled(rate)) {
            line.append("|@").append(plain(rate));
        }
        return line.append(tail).toString().getBytes(StandardCharsets.UTF_8);
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
