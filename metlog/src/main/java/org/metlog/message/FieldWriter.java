package org.metlog.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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
 * naming its class, and the rest of the message is written. Only what {@link Fatal} names, and the generator's
 * own {@link IOException}, propagate. The library's own recursion is bounded by the budget's depth, so it cannot
 * overflow the stack. Stateless.
 */
final class FieldWriter {
    private FieldWriter() {
    }

    /**
     * Writes the entries of {@code map} as fields of the object the generator is in.
     *
     * @param depth the depth of the values of the map (0 for the message's own fields)
     * @throws IOException if the generator fails
     */
    static void writeEntries(JsonGenerator gen, Map<?, ?> map, int depth, FieldBudget budget) throws IOException {
        int left = -1;
        try {
            left = map.size();
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                if (budget.exhausted()) {
                    gen.writeFieldName(FieldBudget.TRUNCATED);
                    gen.writeString(budget.more(left));
                    return;
                }
                Map.Entry<?, ?> entry = entries.next();
                Object key = entry.getKey();
                Object value = entry.getValue();
                left--;
                gen.writeFieldName(text(describe(key, budget), budget));
                writeValue(gen, value, depth, budget);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) { // a map of the application's whose size or iteration threw
            Fatal.rethrowIfFatal(e);
            gen.writeFieldName(FieldBudget.TRUNCATED);
            gen.writeString(budget.described(failed(map, " iteration", e)));
        }
    }

    /**
     * Writes one value: JSON's own types as they are, maps and iterables and arrays as objects and arrays, a
     * message by its type, anything else as its {@code toString()}.
     *
     * @param depth the value's depth (0 for a field's own value)
     * @throws IOException if the generator fails
     */
    static void writeValue(JsonGenerator gen, Object value, int depth, FieldBudget budget) throws IOException {
        budget.node();
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(text(s, budget));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            writeDouble(gen, d);
        } else if (value instanceof Float f) {
            writeDouble(gen, f.doubleValue());
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            writeBig(gen, (Number) value, budget);
        } else if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
            writeContainer(gen, value, depth, budget);
        } else if (value instanceof Envelope nested) {
            // a message among fields (perhaps its own): named, never encoded into itself
            gen.writeString(budget.described("<message of type " + Utf16.sanitize(nested.type()) + ">"));
        } else {
            gen.writeString(text(describe(value, budget), budget));
        }
    }

    private static void writeContainer(JsonGenerator gen, Object value, int depth, FieldBudget budget)
        throws IOException {
        if (budget.tooDeep(depth)) {
            gen.writeString(FieldBudget.TOO_DEEP);
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            writeEntries(gen, map, depth + 1, budget);
            gen.writeEndObject();
        } else {
            gen.writeStartArray();
            if (value instanceof Iterable<?> items) {
                writeItems(gen, items, depth + 1, budget);
            } else {
                writeArray(gen, value, depth + 1, budget);
            }
            gen.writeEndArray();
        }
    }

    private static void writeItems(JsonGenerator gen, Iterable<?> items, int depth, FieldBudget budget)
        throws IOException {
        try {
            int left = items instanceof Collection<?> c ? c.size() : -1;
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                if (budget.exhausted()) {
                    gen.writeString(budget.more(left));
                    return;
                }
                Object item = it.next();
                left = left < 0 ? left : left - 1;
                writeValue(gen, item, depth, budget);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) { // an iterable of the application's whose iteration threw
            Fatal.rethrowIfFatal(e);
            gen.writeString(budget.described(failed(items, " iteration", e)));
        }
    }

    private static void writeArray(JsonGenerator gen, Object array, int depth, FieldBudget budget)
        throws IOException {
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (budget.exhausted()) {
                gen.writeString(budget.more(length - i));
                return;
            }
            writeValue(gen, Array.get(array, i), depth, budget);
        }
    }

    /** A number of any size: written as JSON writes it, or described if its digits alone exceed the budget. */
    private static void writeBig(JsonGenerator gen, Number value, FieldBudget budget) throws IOException {
        String digits = value.toString();
        if (budget.fitting(digits) < digits.length()) {
            gen.writeString(budget.cutText(digits, budget.fitting(digits)));
        } else if (value instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else {
            gen.writeNumber((BigInteger) value);
        }
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

    static void writeDouble(JsonGenerator gen, double d) throws IOException {
        if (Double.isFinite(d)) {
            gen.writeNumber(d);
        } else {
            gen.writeString(Double.toString(d)); // JSON has no NaN or Infinity
        }
    }
}
