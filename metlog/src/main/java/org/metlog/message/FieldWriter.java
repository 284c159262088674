package org.metlog.message;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.metlog.internal.Fatal;
import org.metlog.internal.Utf16;

/**
 * Writes field values within a {@link FieldBudget}, and contains what the application's code throws while the
 * library walks its data: a {@code toString()}, a {@code CharSequence}, a map's or an iterable's iteration that
 * throws (a {@link StackOverflowError} from a cyclic {@code toString()} included) is replaced by a description
 * naming its class, and the rest of the message is written. Only what {@link Fatal} names propagates. The library's own recursion is bounded by the budget's depth, so it cannot
 * overflow the stack. Stateless.
 */
final class FieldWriter {
    private FieldWriter() {
    }

    /**
     * Writes the entries of {@code map} as fields of the object the generator is in.
     *
     * @param depth the depth of the values of the map (0 for the message's own fields)
     */
    static void writeEntries(JsonBytes out, Map<?, ?> map, int depth, FieldBudget budget) {
        int left = -1;
        try {
            left = map.size();
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                if (budget.exhausted()) {
                    out.name(FieldBudget.TRUNCATED);
                    out.string(budget.more(left));
                    return;
                }
                Map.Entry<?, ?> entry = entries.next();
                Object key = entry.getKey();
                Object value = entry.getValue();
                left--;
                out.name(text(describe(key, budget), budget));
                writeValue(out, value, depth, budget);
            }
        } catch (Throwable e) { // a map of the application's whose size or iteration threw
            Fatal.rethrowIfFatal(e);
            out.name(FieldBudget.TRUNCATED);
            out.string(budget.described(failed(map, " iteration", e)));
        }
    }

    /**
     * Writes one value: JSON's own types as they are, maps and iterables and arrays as objects and arrays, a
     * message by its type, anything else as its {@code toString()}.
     *
     * @param depth the value's depth (0 for a field's own value)
     */
    static void writeValue(JsonBytes out, Object value, int depth, FieldBudget budget) {
        budget.node();
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String s) {
            out.string(text(s, budget));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) {
            out.number(((Number) value).longValue());
        } else if (value instanceof Double d) {
            writeDouble(out, d);
        } else if (value instanceof Float f) {
            writeDouble(out, f.doubleValue());
        } else if (value instanceof Boolean b) {
            out.bool(b);
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            writeBig(out, (Number) value, budget);
        } else if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
            writeContainer(out, value, depth, budget);
        } else if (value instanceof Envelope nested) {
            // a message among fields (perhaps its own): named, never encoded into itself
            out.string(budget.described("<message of type " + Utf16.sanitize(nested.type()) + ">"));
        } else {
            out.string(text(describe(value, budget), budget));
        }
    }

    private static void writeContainer(JsonBytes out, Object value, int depth, FieldBudget budget)
        {
        if (budget.tooDeep(depth)) {
            out.string(FieldBudget.TOO_DEEP);
        } else if (value instanceof Map<?, ?> map) {
            out.startObject();
            writeEntries(out, map, depth + 1, budget);
            out.endObject();
        } else {
            out.startArray();
            if (value instanceof Iterable<?> items) {
                writeItems(out, items, depth + 1, budget);
            } else {
                writeArray(out, value, depth + 1, budget);
            }
            out.endArray();
        }
    }

    private static void writeItems(JsonBytes out, Iterable<?> items, int depth, FieldBudget budget)
        {
        try {
            int left = items instanceof Collection<?> c ? c.size() : -1;
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                if (budget.exhausted()) {
                    out.string(budget.more(left));
                    return;
                }
                Object item = it.next();
                left = left < 0 ? left : left - 1;
                writeValue(out, item, depth, budget);
            }
        } catch (Throwable e) { // an iterable of the application's whose iteration threw
            Fatal.rethrowIfFatal(e);
            out.string(budget.described(failed(items, " iteration", e)));
        }
    }

    private static void writeArray(JsonBytes out, Object array, int depth, FieldBudget budget)
        {
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (budget.exhausted()) {
                out.string(budget.more(length - i));
                return;
            }
            writeValue(out, Array.get(array, i), depth, budget);
        }
    }

    /**
     * A number of any size: written as its {@code toString()} (as JSON libraries write it), described if that throws,
     * written as a string if that is not a JSON number (a subclass's), cut if its digits alone exceed the budget.
     */
    private static void writeBig(JsonBytes out, Number value, FieldBudget budget) {
        String digits = describe(value, budget);
        if (budget.fitting(digits) < digits.length()) {
            out.string(budget.cutText(digits, budget.fitting(digits)));
        } else if (isJsonNumber(digits)) {
            out.numberText(digits);
        } else {
            out.string(text(digits, budget));
        }
    }

    private static boolean isJsonNumber(String text) {
        int n = text.length();
        int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (start >= n || text.charAt(start) < '0' || text.charAt(start) > '9') {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != 'E' && c != 'e' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@return the text made valid UTF-16 and cut to the bytes left in the budget} */
    private static String text(String text, FieldBudget budget) {
        String valid = Utf16.sanitize(text);
        int fits = budget.fitting(valid);
        return fits < valid.length() ? budget.cutText(valid, fits) : valid;
    }

    /** {@return the value's toString(), or its class named when that throws, a cyclic toString() included} */
    private static String describe(Object value, FieldBudget budget) {
        try {
            return String.valueOf(value);
        } catch (Throwable e) {
            Fatal.rethrowIfFatal(e);
            return budget.described(failed(value, ".toString()", e));
        }
    }

    private static String failed(Object value, String what, Throwable e) {
        return "<" + value.getClass().getName() + what + " failed: " + e.getClass().getName() + ">";
    }

    static void writeDouble(JsonBytes out, double d) {
        if (Double.isFinite(d)) {
            out.number(d);
        } else {
            out.string(Double.toString(d)); // JSON has no NaN or Infinity
        }
    }
}
