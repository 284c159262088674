package org.metlog.senders;

import org.metlog.message.Message;

/**
 * Reads the parts of a statistic message ({@code counter}, {@code timer}, {@code gauge}) that the statistics
 * senders put on the wire: the {@code name} and {@code rate} fields and a numeric payload.
 */
final class StatFields {
    private StatFields() {
    }

    /**
     * @return the {@code name} field as text
     * @throws IllegalArgumentException if the message has no {@code name} field
     */
    static String name(Message message) {
        Object name = message.field("name");
        if (name == null) {
            throw new IllegalArgumentException(message.type() + " message has no 'name' field");
        }
        return name.toString();
    }

    /** {@return the {@code rate} field, 1 if absent; a number or its text} */
    static double rate(Message message) {
        Object rate = message.field("rate");
        if (rate == null) {
            return 1.0;
        }
        double value;
        if (rate instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(rate.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(message.type() + " message has a 'rate' field that is not a"
                    + " number: '" + rate + "'");
            }
        }
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(message.type() + " message has a 'rate' field outside 0 to 1: "
                + rate);
        }
        return value;
    }

    /** {@return true if the rate is worth sending: strictly between 0 and 1} */
    static boolean sampled(double rate) {
        return rate > 0.0 && rate < 1.0;
    }

    /**
     * Returns whether {@code text} is a plain decimal number as statsd and logd read it: an optional sign,
     * digits with at most one decimal point (at least one digit), and an optional exponent.
     */
    static boolean isDecimal(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * @return the payload, trimmed, if it is a plain decimal
     * @throws IllegalArgumentException naming the type and payload otherwise
     */
    static String number(Message message) {
        String payload = message.payload().trim();
        if (!isDecimal(payload)) {
            throw new IllegalArgumentException(message.type() + " message '" + message.field("name")
                + "' has a payload that is not a number: '" + message.payload() + "'");
        }
        return payload;
    }
}
