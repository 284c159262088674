package org.metlog.internal;

/** Helpers for Java strings as UTF-16. */
public final class Utf16 {
    /** The replacement character that stands in for a lone surrogate. */
    public static final char REPLACEMENT = '\uFFFD';

    private Utf16() {
    }

    /**
     * Returns {@code text} with every lone surrogate replaced by U+FFFD, so that it encodes as valid UTF-8.
     * Well-formed text (the usual case) is returned as is, without allocating.
     *
     * @param text any string, or null
     * @return well-formed text; "" for null
     */
    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        int bad = firstLoneSurrogate(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, bad);
        for (int i = bad; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstLoneSurrogate(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '\uD800' && c <= '\uDFFF') {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Cuts {@code text} to at most {@code maxChars} characters without splitting a surrogate pair.
     *
     * @param text     the text
     * @param maxChars the largest length to keep
     * @return the text, or its longest well-formed prefix of at most {@code maxChars} characters
     */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Counts how much of {@code text} fits into {@code budget} bytes of a JSON string written as UTF-8: a control
     * character costs six bytes (its escape), a quote or backslash two, any other code point its UTF-8 length
     * (a lone surrogate three, as its replacement). Stops at the first character that does not fit, so the cost
     * is at most {@code budget} steps however long the text is.
     *
     * @param text   the text
     * @param budget the bytes available
     * @return the length of the longest prefix that fits, never splitting a surrogate pair
     */
    public static int jsonPrefixLength(String text, int budget) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int cost = cp < 0x20 ? 6 : cp == '"' || cp == '\\' ? 2 : utf8Bytes(cp);
            if (used + cost > budget) {
                break;
            }
            used += cost;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** {@return the number of bytes UTF-8 takes for code point {@code cp} (a lone surrogate: three)} */
    public static int utf8Bytes(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
