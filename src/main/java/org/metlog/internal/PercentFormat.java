package org.metlog.internal;

import java.util.Collection;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code %} string formatting, as metlog-py applies it to log messages: positional
 * ({@code "%s took %d ms"}) and named ({@code "%(user)s logged in"} with one Map argument). Supported
 * conversions: {@code s r d i u f F e E g G x X o c %}, with flags, width and precision.
 */
public final class PercentFormat {

    private PercentFormat() {
    }

    /**
     * Formats {@code format} with {@code args} the way Python's {@code format % args} does.
     *
     * @param format the format string
     * @param args   positional arguments, or a single Map for the named form
     * @return the formatted text
     * @throws IllegalArgumentException if the arguments do not fit the format (too few, too many, a missing key,
     *                                  a conversion that does not fit the value)
     */
    public static String format(String format, Object... args) {
        Map<?, ?> named = args.length == 1 && args[0] instanceof Map<?, ?> m && format.contains("%(") ? m : null;
        StringBuilder out = new StringBuilder(format.length() + 16 * args.length);
        int next = 0;
        int n = format.length();
        for (int i = 0; i < n; i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= n) {
                throw new IllegalArgumentException("incomplete format: '%' at the end of \"" + format + "\"");
            }
            Object value;
            boolean fromKey = false;
            String key = null;
            if (format.charAt(i) == '(') {
                int close = format.indexOf(')', i);
                if (close < 0) {
                    throw new IllegalArgumentException("incomplete format key in \"" + format + "\"");
                }
                key = format.substring(i + 1, close);
                i = close + 1;
                fromKey = true;
            }
            int specStart = i;
            while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            while (i < n && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
                i++; // Python accepts and ignores length modifiers
            }
            if (i >= n) {
                throw new IllegalArgumentException("incomplete format in \"" + format + "\"");
            }
            char conversion = format.charAt(i);
            String spec = format.substring(specStart, i).replaceAll("[hlL]", "");
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            if (fromKey) {
                if (named == null) {
                    throw new IllegalArgumentException("format requires a mapping for %(" + key + ")");
                }
                if (!named.containsKey(key)) {
                    throw new IllegalArgumentException("no key '" + key + "' in the format arguments");
                }
                value = named.get(key);
            } else {
                if (named != null) {
                    throw new IllegalArgumentException("format mixes %(key) and positional conversions");
                }
                if (next >= args.length) {
                    throw new IllegalArgumentException("not enough arguments for format \"" + format + "\"");
                }
                value = args[next++];
            }
            out.append(convert(conversion, spec, value));
        }
        if (named == null && next < args.length) {
            throw new IllegalArgumentException("not all arguments converted during formatting of \"" + format + "\"");
        }
        return out.toString();
    }

    private static String convert(char conversion, String spec, Object value) {
        try {
            switch (conversion) {
                case 's':
                    return String.format(Locale.ROOT, "%" + spec + "s", str(value));
                case 'r':
                    return String.format(Locale.ROOT, "%" + spec + "s", repr(value));
                case 'd':
                case 'i':
                case 'u':
                    return String.format(Locale.ROOT, "%" + spec.replace(".", "x").replaceAll("x\\d*", "") + "d",
                        integral(value));
                case 'x':
                case 'X':
                case 'o':
                    return String.format(Locale.ROOT, "%" + spec + conversion, integral(value));
                case 'f':
                case 'F':
                case 'e':
                case 'E':
                case 'g':
                case 'G':
                    String javaConversion = conversion == 'F' ? "f" : String.valueOf(conversion);
                    String withPrecision = spec.contains(".") || conversion == 'g' || conversion == 'G'
                        ? spec : spec + ".6";
                    return String.format(Locale.ROOT, "%" + withPrecision + javaConversion, floating(value));
                case 'c':
                    if (value instanceof Number num) {
                        return new String(Character.toChars(num.intValue()));
                    }
                    String s = String.valueOf(value);
                    if (s.codePointCount(0, s.length()) != 1) {
                        throw new IllegalArgumentException("%c requires a number or a single character");
                    }
                    return s;
                default:
                    throw new IllegalArgumentException("unsupported format character '" + conversion + "'");
            }
        } catch (IllegalFormatException e) {
            throw new IllegalArgumentException("bad format '%" + spec + conversion + "': " + e.getMessage(), e);
        }
    }

    private static long integral(Object value) {
        if (value instanceof Number num) {
            return num.longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("%d format: a number is required, not " + typeName(value));
    }

    private static double floating(Object value) {
        if (value instanceof Number num) {
            return num.doubleValue();
        }
        throw new IllegalArgumentException("%f format: a number is required, not " + typeName(value));
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    private static String repr(Object value) {
        if (value instanceof CharSequence s) {
            return "'" + s.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return String.valueOf(value);
        }
        return str(value);
    }
}
