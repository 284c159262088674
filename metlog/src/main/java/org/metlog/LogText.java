package org.metlog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import org.metlog.internal.Fatal;
import org.metlog.internal.PercentFormat;

/**
 * The text of a log-style message: the format applied to its arguments Python's way ({@code msg % args}), and the
 * stack trace of a trailing Throwable appended. Never throws: arguments that do not fit the format are appended
 * instead, and an argument or a stack trace whose description fails is named instead of described.
 */
final class LogText {
    private LogText() {
    }

    /**
     * @param msg  the message or format; null means ""
     * @param args format arguments, optionally ending with a Throwable; may be null
     * @return the payload
     */
    static String of(String msg, Object[] args) {
        String text = msg == null ? "" : msg;
        if (args == null || args.length == 0) {
            return text;
        }
        if (!(args[args.length - 1] instanceof Throwable error)) {
            return formatSafely(text, args, null);
        }
        Object[] rest = Arrays.copyOf(args, args.length - 1);
        if (rest.length > 0) {
            text = formatSafely(text, rest, args);
        } else if (text.contains("%")) {
            text = formatOrKeep(text, args); // "failed: %s" may mean the Throwable itself
        }
        return text + "\n" + safeStackTrace(error);
    }

    /**
     * Returns a Throwable's stack trace as Java prints it, with causes and suppressed exceptions.
     *
     * @param error the throwable
     * @return the trace, without a trailing newline
     */
    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.endsWith(System.lineSeparator())
            ? trace.substring(0, trace.length() - System.lineSeparator().length()) : trace;
    }

    private static String formatOrKeep(String format, Object[] args) {
        try {
            return PercentFormat.format(format, args);
        } catch (Throwable e) {
            Fatal.rethrowIfFatal(e);
            return format;
        }
    }

    private static String formatSafely(String format, Object[] args, Object[] alternative) {
        try {
            return PercentFormat.format(format, args);
        } catch (Throwable first) {
            Fatal.rethrowIfFatal(first);
            if (alternative != null) {
                try {
                    return PercentFormat.format(format, alternative);
                } catch (Throwable second) {
                    Fatal.rethrowIfFatal(second); // else fall through to the unformatted form
                }
            }
            return format + " " + describe(args);
        }
    }

    /** Lists the arguments like {@link Arrays#deepToString}, but an argument whose toString() throws is named. */
    private static String describe(Object[] args) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            try {
                Object arg = args[i];
                out.append(arg instanceof Object[] nested ? Arrays.deepToString(nested) : String.valueOf(arg));
            } catch (Throwable e) {
                Fatal.rethrowIfFatal(e);
                out.append('<').append(args[i].getClass().getName()).append(".toString() failed: ")
                    .append(e.getClass().getName()).append('>');
            }
        }
        return out.append(']').toString();
    }

    private static String safeStackTrace(Throwable error) {
        try {
            return stackTrace(error);
        } catch (Throwable e) { // a cause chain thousands deep, a cyclic toString()
            Fatal.rethrowIfFatal(e);
            return "<stack trace of " + error.getClass().getName() + " unavailable: " + e.getClass().getName() + ">";
        }
    }
}
