package org.metlog.internal;

import java.util.Arrays;

/**
 * SLF4J-style {@code {}} placeholders: each {@code {}} takes the next argument, {@code \{}} is a literal
 * {@code {}}, and {@code \\{}} is a literal backslash followed by a placeholder. A placeholder without an argument
 * stays as it is; arguments without a placeholder are appended as {@code " [a, b]"}, so that nothing given is
 * lost. Arguments are written as {@link String#valueOf(Object)} writes them, arrays as their elements
 * ({@code [1, 2]}, nested arrays too), and one whose {@code toString()} throws is named instead. Never throws;
 * stateless and thread-safe.
 */
public final class BraceFormat {
    private static final String ANCHOR = "{}";

    private BraceFormat() {
    }

    /** {@return true if {@code format} has a {@code {}}, escaped or not} */
    public static boolean applies(String format) {
        return format.contains(ANCHOR);
    }

    /** {@return the number of placeholders in {@code format}, escaped ones not counted} */
    public static int anchors(String format) {
        int count = 0;
        for (int j = format.indexOf(ANCHOR); j >= 0; j = format.indexOf(ANCHOR, j + 2)) {
            if (!escaped(format, j) || doubleEscaped(format, j)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Fills the placeholders of {@code format} with {@code args}, in order.
     *
     * @param format the format
     * @param args   the arguments, not null
     * @return the text
     */
    public static String format(String format, Object[] args) {
        StringBuilder out = new StringBuilder(format.length() + 16 * args.length);
        int used = 0;
        int i = 0;
        for (int j = format.indexOf(ANCHOR); j >= 0; j = format.indexOf(ANCHOR, i)) {
            if (escaped(format, j) && !doubleEscaped(format, j)) {
                out.append(format, i, j - 1).append(ANCHOR);
            } else if (used < args.length) {
                out.append(format, i, escaped(format, j) ? j - 1 : j);
                appendArg(out, args[used++]);
            } else {
                out.append(format, i, j + 2);
            }
            i = j + 2;
        }
        out.append(format, i, format.length());
        if (used < args.length) {
            out.append(' ');
            appendArgs(out, Arrays.copyOfRange(args, used, args.length));
        }
        return out.toString();
    }

    /** Appends {@code [a, b, ...]}, each argument as {@link #appendArg} writes it. */
    public static void appendArgs(StringBuilder out, Object[] args) {
        out.append('[');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendArg(out, args[i]);
        }
        out.append(']');
    }

    /** Appends one argument: its text, an array's elements, or a note naming its class if describing it failed. */
    public static void appendArg(StringBuilder out, Object arg) {
        try {
            out.append(text(arg));
        } catch (Throwable e) {
            Fatal.rethrowIfFatal(e);
            out.append('<').append(arg.getClass().getName()).append(".toString() failed: ")
                .append(e.getClass().getName()).append('>');
        }
    }

    private static String text(Object arg) {
        if (arg instanceof Object[] a) {
            return Arrays.deepToString(a);
        } else if (arg != null && arg.getClass().isArray()) {
            String wrapped = Arrays.deepToString(new Object[] {arg}); // the one method for every primitive array
            return wrapped.substring(1, wrapped.length() - 1);
        }
        return String.valueOf(arg);
    }

    private static boolean escaped(String format, int j) {
        return j > 0 && format.charAt(j - 1) == '\\';
    }

    private static boolean doubleEscaped(String format, int j) {
        return j > 1 && format.charAt(j - 2) == '\\';
    }
}
