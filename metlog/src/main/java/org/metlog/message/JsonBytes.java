package org.metlog.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The envelope's own JSON writer: writes straight into a growable UTF-8 byte array, so that encoding depends on
 * no library's version. It writes what Jackson's generator writes by default (checked by a property test against
 * Jackson): {@code "} and {@code \} escaped with a backslash; backspace, tab, newline, form feed and carriage
 * return as {@code \b \t \n \f \r}; every other control character below U+0020 as <code>&#92;u00XX</code> with upper-case
 * hex; everything else as raw UTF-8, a surrogate pair as one four-byte sequence. Numbers are written as
 * {@link Long#toString(long)}, {@link Double#toString(double)} and a {@code BigDecimal}'s or {@code BigInteger}'s
 * {@code toString()}.
 *
 * <p>The caller passes well-formed UTF-16 (lone surrogates already replaced, see
 * {@link org.metlog.internal.Utf16#sanitize(String)}); a lone surrogate that still arrives is written as U+FFFD.
 * Commas are placed from a stack of "has a member" flags, so callers write names and values only. With
 * {@code pretty}, the output is indented by four spaces with {@code ": "} after names and empty containers as
 * {@code {}} and {@code []}, like Python's {@code json.dumps(indent=4)}. Not thread-safe; reusable with
 * {@link #reset()}.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** For each ASCII character: 0 written as is, -1 escaped as <code>&#92;u00XX</code>, else the letter after a backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        Arrays.fill(ESCAPES, 0, 0x20, (byte) -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    /** Slots of the cache of strings seen again and again (a power of two). */
    private static final int CACHED = 16;
    /** Strings longer than this are never cached: hashing them would cost what writing them costs. */
    private static final int CACHED_LENGTH = 64;

    private final boolean pretty;
    /** The cache: for each slot the string held (by identity) and its encoded form; null for a one-shot writer. */
    private final String[] cachedKeys;
    private final byte[][] cachedBytes;
    /** For each slot the string written there last, cached once it comes a second time in a row. */
    private final String[] lastSeen;
    private byte[] bytes;
    private int count;
    /** {@code hasMembers[d]}: the container open at depth {@code d} has a member already (so the next needs a comma). */
    private boolean[] hasMembers = new boolean[16];
    private int depth;
    /** Set between a name and its value, which then needs no separator. */
    private boolean afterName;

    /**
     * @param initialCapacity the array's first length
     * @param pretty          indented output
     * @param caching         keep the encoded form of strings written again and again ({@link #stableString})
     */
    JsonBytes(int initialCapacity, boolean pretty, boolean caching) {
        this.bytes = new byte[initialCapacity];
        this.pretty = pretty;
        this.cachedKeys = caching ? new String[CACHED] : null;
        this.cachedBytes = caching ? new byte[CACHED][] : null;
        this.lastSeen = caching ? new String[CACHED] : null;
    }

    /** Empties the writer for the next document, keeping its array. */
    void reset() {
        count = 0;
        depth = 0;
        afterName = false;
    }

    /** {@return the bytes written so far} */
    int size() {
        return count;
    }

    /** {@return the array the bytes are in, from 0 to {@link #size()}; replaced when it grows} */
    byte[] array() {
        return bytes;
    }

    /** {@return the length of the array, so that a pool can refuse to keep one that grew very large} */
    int capacity() {
        return bytes.length;
    }

    void startObject() {
        open('{');
    }

    void endObject() {
        close('}');
    }

    void startArray() {
        open('[');
    }

    void endArray() {
        close(']');
    }

    /** Writes a member's name, and the separator before it if it is not the first. */
    void name(String name) {
        separate();
        quoted(name);
        if (pretty) {
            ensure(2);
            bytes[count++] = ':';
            bytes[count++] = ' ';
        } else {
            put((byte) ':');
        }
        afterName = true;
    }

    /** Writes a name already encoded (quoted, escaped and followed by its colon) by {@link #encodedName(String)}. */
    void name(byte[] encoded) {
        separate();
        raw(encoded);
        if (pretty) {
            put((byte) ' ');
        }
        afterName = true;
    }

    void string(String text) {
        beforeValue();
        quoted(text);
    }

    /**
     * Writes a string that is likely the very same object as in earlier messages (a type, a logger, a statistic's
     * name, a small number's text): from a small cache by identity once it came twice in a row, so that writing it
     * is one copy. A string that changes each time (written once per slot) never allocates: it is only noted.
     */
    void stableString(String text) {
        if (cachedKeys == null || text.length() > CACHED_LENGTH) {
            string(text);
            return;
        }
        int n = text.length();
        // a slot from the length and the last character: cheaper than hashCode(), spread enough for a few strings
        int slot = (n * 7 + (n == 0 ? 0 : text.charAt(n - 1))) & (CACHED - 1);
        if (cachedKeys[slot] == text) {
            beforeValue();
            raw(cachedBytes[slot]);
        } else if (lastSeen[slot] == text) {
            beforeValue();
            int start = count;
            quoted(text);
            cachedBytes[slot] = Arrays.copyOfRange(bytes, start, count);
            cachedKeys[slot] = text;
        } else {
            lastSeen[slot] = text;
            string(text);
        }
    }

    /** Writes a value already encoded (a quoted string, say), with the separator before it. */
    void rawValue(byte[] encoded) {
        beforeValue();
        raw(encoded);
    }

    void number(long value) {
        beforeValue();
        if (value >= 0 && value < 10) {
            put((byte) ('0' + value));
        } else {
            ascii(Long.toString(value));
        }
    }

    /** Writes a finite double as {@link Double#toString(double)} does. */
    void number(double value) {
        beforeValue();
        ascii(Double.toString(value));
    }

    /** Writes a number already in JSON's syntax (ASCII digits, sign, point, exponent), such as "1.0". */
    void numberText(String digits) {
        beforeValue();
        ascii(digits);
    }

    void bool(boolean value) {
        beforeValue();
        raw(value ? TRUE : FALSE);
    }

    void nullValue() {
        beforeValue();
        raw(NULL);
    }

    /** Appends bytes as they are, outside any separator logic (a pre-encoded run of members, say). */
    void raw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, count, encoded.length);
        count += encoded.length;
    }

    /** {@return {@code "name":} encoded once, for {@link #name(byte[])}} */
    static byte[] encodedName(String name) {
        JsonBytes out = new JsonBytes(name.length() + 8, false, false);
        out.quoted(name);
        out.put((byte) ':');
        return Arrays.copyOf(out.bytes, out.count);
    }

    /** {@return the bytes written, as a string (for the indented and the one-line text forms)} */
    String text() {
        return new String(bytes, 0, count, StandardCharsets.UTF_8);
    }

    private void open(char bracket) {
        beforeValue();
        put((byte) bracket);
        depth++;
        if (depth == hasMembers.length) {
            hasMembers = Arrays.copyOf(hasMembers, depth * 2);
        }
        hasMembers[depth] = false;
    }

    private void close(char bracket) {
        boolean empty = !hasMembers[depth];
        depth--;
        if (pretty && !empty) {
            newline();
        }
        put((byte) bracket);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (depth > 0) {
            separate(); // an array element
        }
    }

    private void separate() {
        if (hasMembers[depth]) {
            put((byte) ',');
        } else {
            hasMembers[depth] = true;
        }
        if (pretty && depth > 0) {
            newline();
        }
    }

    private void newline() {
        ensure(1 + 4 * depth);
        bytes[count++] = '\n';
        for (int i = 0; i < 4 * depth; i++) {
            bytes[count++] = ' ';
        }
    }

    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[count++] = (byte) text.charAt(i);
        }
    }

    private void quoted(String text) {
        int n = text.length();
        ensure(n + 2);
        bytes[count++] = '"';
        int i = 0;
        // the common case, plain ASCII needing no escape, in a tight loop with room already made
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            bytes[count++] = (byte) c;
            i++;
        }
        if (i < n) {
            quotedRest(text, i);
        }
        put((byte) '"');
    }

    private void quotedRest(String text, int from) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    put((byte) c);
                } else if (escape > 0) {
                    ensure(2);
                    bytes[count++] = '\\';
                    bytes[count++] = escape;
                } else {
                    ensure(6);
                    bytes[count++] = '\\';
                    bytes[count++] = 'u';
                    bytes[count++] = '0';
                    bytes[count++] = '0';
                    bytes[count++] = HEX[c >> 4];
                    bytes[count++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                ensure(2);
                bytes[count++] = (byte) (0xC0 | (c >> 6));
                bytes[count++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                ensure(4);
                bytes[count++] = (byte) (0xF0 | (cp >> 18));
                bytes[count++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[count++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[count++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                ensure(3);
                bytes[count++] = (byte) (0xE0 | (bmp >> 12));
                bytes[count++] = (byte) (0x80 | ((bmp >> 6) & 0x3F));
                bytes[count++] = (byte) (0x80 | (bmp & 0x3F));
            }
        }
    }

    private void put(byte b) {
        ensure(1);
        bytes[count++] = b;
    }

    private void ensure(int extra) {
        if (count + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + extra));
        }
    }
}
