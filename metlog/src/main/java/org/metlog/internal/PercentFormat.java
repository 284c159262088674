package org.metlog.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code %} string formatting, as metlog-py applies it to log messages: positional
 * ({@code "%s took %d ms"}) and named ({@code "%(user)s logged in"} with one Map argument).
 *
 * <p>Supported conversions: {@code s r d i u x X o f F e E g G c %}, with the flags {@code - + space # 0}, a
 * width and a precision, producing what CPython produces: {@code %x} of a negative number is {@code -ff},
 * {@code %g} drops trailing zeros, floats are rounded half-even on their exact binary value, {@code %.3d} pads
 * with zeros, {@code None}/{@code True}/{@code False} stand for null and booleans. Java-only details: {@code %s}
 * of a Java object is its {@code toString()}; {@code *} widths are not supported.
 *
 * <p>Stateless and thread-safe.
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
     *                                  a conversion that does not fit the value, an unsupported conversion)
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
            String key = null;
            if (format.charAt(i) == '(') {
                int close = format.indexOf(')', i);
                if (close < 0) {
                    throw new IllegalArgumentException("incomplete format key in \"" + format + "\"");
                }
                key = format.substring(i + 1, close);
                i = close + 1;
            }
            Spec spec = new Spec();
            while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                spec.flag(format.charAt(i++));
            }
            int start = i;
            while (i < n && Character.isDigit(format.charAt(i))) {
                i++;
            }
            spec.width = start < i ? parseSize(format.substring(start, i)) : -1;
            if (i < n && format.charAt(i) == '.') {
                start = ++i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.precision = start < i ? parseSize(format.substring(start, i)) : 0;
            }
            while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
                i++; // Python accepts and ignores length modifiers
            }
            if (i >= n) {
                throw new IllegalArgumentException("incomplete format in \"" + format + "\"");
            }
            char conversion = format.charAt(i);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (key != null) {
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

    private static int parseSize(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("width or precision too big: " + digits, e);
        }
    }

    private static String convert(char conversion, Spec spec, Object value) {
        switch (conversion) {
            case 's':
                return text(spec, str(value));
            case 'r':
                return text(spec, repr(value));
            case 'c':
                return text(spec, character(value));
            case 'd':
            case 'i':
            case 'u':
                return integer(spec, integral(value, conversion), 10, false, "");
            case 'x':
                return integer(spec, integral(value, conversion), 16, false, "0x");
            case 'X':
                return integer(spec, integral(value, conversion), 16, true, "0X");
            case 'o':
                return integer(spec, integral(value, conversion), 8, false, "0o");
            case 'f':
            case 'F':
            case 'e':
            case 'E':
            case 'g':
            case 'G':
                return floating(spec, conversion, number(value, conversion));
            default:
                throw new IllegalArgumentException("unsupported format character '" + conversion + "'");
        }
    }

    // ---------------------------------------------------------------- text

    private static String text(Spec spec, String s) {
        String body = s;
        if (spec.precision >= 0 && body.codePointCount(0, body.length()) > spec.precision) {
            body = body.substring(0, body.offsetByCodePoints(0, spec.precision));
        }
        return pad(spec, "", body, false);
    }

    private static String character(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long cp = ((Number) value).longValue();
            if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                throw new IllegalArgumentException("%c arg not in range(0x110000): " + cp);
            }
            return new String(Character.toChars((int) cp));
        }
        String s = value instanceof Character ch ? String.valueOf(ch) : String.valueOf(value);
        if (!(value instanceof CharSequence || value instanceof Character) || s.codePointCount(0, s.length()) != 1) {
            throw new IllegalArgumentException("%c requires an integer or a single character, not " + typeName(value));
        }
        return s;
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
        if (value instanceof CharSequence || value instanceof Character) {
            String s = value.toString();
            char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c == quote) {
                            out.append('\\');
                        }
                        out.append(c);
                    }
                }
            }
            return out.append(quote).toString();
        }
        return str(value);
    }

    // ---------------------------------------------------------------- integers

    private static BigInteger integral(Object value, char conversion) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (conversion == 'd' || conversion == 'i' || conversion == 'u') {
            // Python's %d truncates a float toward zero, like int(x); %x and %o refuse floats
            if (value instanceof BigDecimal d) {
                return d.toBigInteger();
            }
            if (value instanceof Number num && Double.isFinite(num.doubleValue())) {
                return new BigDecimal(num.doubleValue()).toBigInteger();
            }
        }
        throw new IllegalArgumentException("%" + conversion + " format: an integer is required, not "
            + typeName(value));
    }

    private static String integer(Spec spec, BigInteger value, int radix, boolean upper, String altPrefix) {
        String digits = value.abs().toString(radix);
        if (upper) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        if (spec.precision > digits.length()) {
            digits = "0".repeat(spec.precision - digits.length()) + digits;
        }
        String prefix = sign(spec, value.signum() < 0) + (spec.alternate && radix != 10 ? altPrefix : "");
        return pad(spec, prefix, digits, true);
    }

    // ---------------------------------------------------------------- floating point

    private static double number(Object value, char conversion) {
        if (value instanceof Number num) {
            return num.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("%" + conversion + " format: a number is required, not "
            + typeName(value));
    }

    private static String floating(Spec spec, char conversion, double value) {
        boolean upper = Character.isUpperCase(conversion);
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        String body;
        if (Double.isNaN(value)) {
            body = "nan";
            negative = false;
        } else if (Double.isInfinite(value)) {
            body = "inf";
        } else {
            BigDecimal abs = new BigDecimal(Math.abs(value)); // exact binary value, as CPython rounds it
            int precision = spec.precision < 0 ? 6 : spec.precision;
            switch (Character.toLowerCase(conversion)) {
                case 'f' -> body = fixed(abs, precision, spec.alternate);
                case 'e' -> body = scientific(abs, precision, spec.alternate);
                default -> body = general(abs, precision == 0 ? 1 : precision, spec.alternate);
            }
        }
        if (upper) {
            body = body.toUpperCase(Locale.ROOT);
        }
        boolean finite = Double.isFinite(value);
        return pad(spec, sign(spec, negative), body, finite);
    }

    private static String fixed(BigDecimal abs, int precision, boolean alternate) {
        String s = abs.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return precision == 0 && alternate ? s + "." : s;
    }

    private static String scientific(BigDecimal abs, int precision, boolean alternate) {
        int exponent = 0;
        BigDecimal mantissa = BigDecimal.ZERO;
        if (abs.signum() != 0) {
            BigDecimal rounded = abs.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exponent = rounded.precision() - rounded.scale() - 1;
            mantissa = rounded.movePointLeft(exponent);
        }
        String m = mantissa.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (precision == 0 && alternate) {
            m += ".";
        }
        return m + exponentText(exponent);
    }

    private static String general(BigDecimal abs, int precision, boolean alternate) {
        int exponent = 0;
        if (abs.signum() != 0) {
            BigDecimal rounded = abs.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            exponent = rounded.precision() - rounded.scale() - 1;
        }
        String body = exponent >= -4 && exponent < precision
            ? fixed(abs, precision - 1 - exponent, alternate)
            : scientific(abs, precision - 1, alternate);
        if (alternate) {
            return body;
        }
        int e = body.indexOf('e');
        String mantissa = e < 0 ? body : body.substring(0, e);
        String rest = e < 0 ? "" : body.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        return mantissa + rest;
    }

    private static String exponentText(int exponent) {
        int abs = Math.abs(exponent);
        return (exponent < 0 ? "e-" : "e+") + (abs < 10 ? "0" : "") + abs;
    }

    // ---------------------------------------------------------------- shared

    private static String sign(Spec spec, boolean negative) {
        if (negative) {
            return "-";
        }
        return spec.plus ? "+" : spec.space ? " " : "";
    }

    /** Pads {@code prefix + body} to the width: left-justified, zero-filled after the prefix, or right-justified. */
    private static String pad(Spec spec, String prefix, String body, boolean numeric) {
        int length = prefix.length() + body.codePointCount(0, body.length());
        if (spec.width <= length) {
            return prefix + body;
        }
        String fill = " ".repeat(spec.width - length);
        if (spec.left) {
            return prefix + body + fill;
        }
        if (spec.zero && numeric) {
            return prefix + "0".repeat(fill.length()) + body;
        }
        return fill + prefix + body;
    }

    private static String typeName(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    /** One conversion's flags, width and precision. */
    private static final class Spec {
        boolean left;
        boolean plus;
        boolean space;
        boolean alternate;
        boolean zero;
        int width = -1;
        int precision = -1;

        void flag(char c) {
            switch (c) {
                case '-' -> left = true;
                case '+' -> plus = true;
                case ' ' -> space = true;
                case '#' -> alternate = true;
                default -> zero = true;
            }
        }
    }
}
