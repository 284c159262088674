package org.metlog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Caps what an error message quotes of its input, so that a message about a huge value or a long list of
 * mistakes stays one readable line: a value is shown up to {@link #MAX_VALUE} characters, then its length; a
 * list up to {@link #MAX_ITEMS} items, then the count of the others.
 */
public final class Quoting {
    /** The most characters of one value a message quotes. */
    public static final int MAX_VALUE = 200;
    /** The most items of a list a message names. */
    public static final int MAX_ITEMS = 20;

    private Quoting() {
    }

    /**
     * Shows a value in a message: strings in single quotes, others as they print, either cut to
     * {@link #MAX_VALUE} characters followed by {@code "... (N characters)"}.
     *
     * @param value the value; may be null
     * @return its text, capped
     */
    public static String value(Object value) {
        String capped = cap(text(value));
        return value instanceof CharSequence ? "'" + capped + "'" : capped;
    }

    /**
     * Turns a value into text without ever throwing: a {@code toString()} that throws gives a description of the
     * value's class and the exception instead.
     *
     * @param value the value; may be null
     * @return its text, uncapped and unquoted; "null" for null
     */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "(a " + value.getClass().getName() + " whose toString() threw " + e.getClass().getName() + ")";
        }
    }

    /**
     * Cuts a text to {@link #MAX_VALUE} characters, followed by its full length when it is longer.
     *
     * @param text the text
     * @return the text, capped
     */
    public static String cap(String text) {
        if (text.length() <= MAX_VALUE) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }

    /**
     * Joins the first {@link #MAX_ITEMS} items, followed by {@code "and N more"} when there are more.
     *
     * @param items     the items, already shown
     * @param separator between items
     * @return the joined text
     */
    public static String join(Collection<String> items, String separator) {
        List<String> shown = new ArrayList<>(Math.min(items.size(), MAX_ITEMS + 1));
        int i = 0;
        for (String item : items) {
            if (i++ == MAX_ITEMS) {
                break;
            }
            shown.add(item);
        }
        String text = String.join(separator, shown);
        return items.size() > MAX_ITEMS ? text + separator + "and " + (items.size() - MAX_ITEMS) + " more" : text;
    }
}
