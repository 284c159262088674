package org.metlog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.metlog.internal.BraceFormat;
import org.metlog.internal.Fatal;
import org.metlog.internal.PercentFormat;

/**
 * The text of a log-style message: the format applied to its arguments Python's way ({@code msg % args}), and the
 * stack trace of a trailing Throwable appended. A format with a {@code {}} is filled SLF4J's way
 * ({@link BraceFormat}) when it has no {@code %}, or when its arguments do not fit it the {@code %} way, so that
 * {@code info("user {} logged in", name)} reads as it does with SLF4J. Never throws: arguments that fit neither
 * way are appended instead, and an argument or a stack trace whose description fails is named instead.
 */
final class LogText {
    /**
     * Causes printed of a longer chain: a budget for the recursion of {@link Throwable#printStackTrace()}, which
     * calls itself once per cause and so overflows the stack on a chain thousands deep.
     */
    static final int MAX_CAUSES = 64;

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
        } else if (BraceFormat.applies(text)) {
            text = braces(text, rest, args); // so may "failed: {}"
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
        if (chainLength(error, MAX_CAUSES + 1) > MAX_CAUSES) {
            return cutTrace(error);
        }
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.endsWith(System.lineSeparator())
            ? trace.substring(0, trace.length() - System.lineSeparator().length()) : trace;
    }

    /**
     * Prints the first {@value #MAX_CAUSES} throwables of a chain too deep for {@link Throwable#printStackTrace()}
     * (which recurses once per cause) in its format, without recursion, suppressed exceptions left out, and ends
     * with {@code [truncated: N more causes]}.
     */
    private static String cutTrace(Throwable error) {
        String newline = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        StackTraceElement[] enclosing = null;
        Throwable t = error;
        for (int i = 0; i < MAX_CAUSES; i++, t = t.getCause()) {
            out.append(i == 0 ? "" : newline + "Caused by: ").append(t);
            StackTraceElement[] frames = t.getStackTrace();
            int common = enclosing == null ? 0 : commonFrames(frames, enclosing);
            for (int f = 0; f < frames.length - common; f++) {
                out.append(newline).append("\tat ").append(frames[f]);
            }
            if (common > 0) {
                out.append(newline).append("\t... ").append(common).append(" more");
            }
            enclosing = frames;
        }
        return out.append(newline).append("[truncated: ").append(chainLength(t, Integer.MAX_VALUE))
            .append(" more causes]").toString();
    }

    /** {@return the number of throwables from {@code error} along its causes, a cycle ended, at most {@code max}} */
    private static int chainLength(Throwable error, int max) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int n = 0;
        for (Throwable t = error; t != null && n < max && seen.add(t); t = t.getCause()) {
            n++;
        }
        return n;
    }

    /** {@return how many frames at the end of {@code frames} equal those at the end of {@code enclosing}} */
    private static int commonFrames(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return frames.length - 1 - m;
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
        boolean braces = BraceFormat.applies(format);
        if (braces && format.indexOf('%') < 0) {
            return braces(format, args, alternative); // the '%' way would only fail, at the cost of an exception
        }
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
            if (braces) {
                return braces(format, args, alternative);
            }
            StringBuilder out = new StringBuilder(format).append(' ');
            BraceFormat.appendArgs(out, args);
            return out.toString();
        }
    }

    /**
     * Fills {@code {}} placeholders; a trailing Throwable ({@code alternative} holds it) fills one only when the
     * other arguments are too few, as with the {@code %} way.
     */
    private static String braces(String format, Object[] args, Object[] alternative) {
        boolean throwableToo = alternative != null && BraceFormat.anchors(format) > args.length;
        return BraceFormat.format(format, throwableToo ? alternative : args);
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
