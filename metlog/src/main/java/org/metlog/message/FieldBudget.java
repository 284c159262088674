package org.metlog.message;

import java.util.function.IntSupplier;
import org.metlog.internal.Utf16;

/**
 * What one message's fields may expand to when encoded: at most {@value #MAX_DEPTH} levels of maps, lists and
 * arrays inside a field, {@value #MAX_NODES} values in all (every field, element, entry and nested value counts
 * one) and {@value #MAX_BYTES} bytes of encoded fields. A value beyond a limit is replaced by a marker
 * ({@value #TOO_DEEP}, {@code [truncated: N more]}, a string cut and ended with {@code [truncated: N more chars]}),
 * and so is a value that cannot be described; either way the encoding is marked as {@link #cut()}, so that the
 * message is counted once as truncated. The markers themselves may exceed the limits slightly (at most one per
 * open level), so the bound holds.
 *
 * <p>One budget belongs to one encoder and so to one thread; {@link #start()} resets it for the next message
 * without allocating. Not thread-safe.
 */
final class FieldBudget {
    /** Levels of maps, lists and arrays a field may nest; a deeper one is written as {@value #TOO_DEEP}. */
    static final int MAX_DEPTH = 32;
    /** Values one message's fields may hold in all. */
    static final int MAX_NODES = 10_000;
    /** Bytes (UTF-8, indentation included in the indented form) one message's encoded fields may take. */
    static final int MAX_BYTES = 1 << 20;
    /** What replaces a map, list or array nested deeper than {@link #MAX_DEPTH}. */
    static final String TOO_DEEP = "[too deep]";
    /**
     * The key of the entry that stands for the entries of a map (or the fields of a message) that were left out;
     * its value says how many, and it is also the marker of a list whose further length is unknown.
     */
    static final String TRUNCATED = "[truncated]";

    /** Room kept back when a string is cut, for its marker. */
    private static final int MARKER_ROOM = 40;

    private final IntSupplier written;
    private final int maxDepth;
    private final int maxNodes;
    private final int maxBytes;
    private int nodes;
    private int start;
    private boolean cut;
    /** Set once a string was cut: the bytes are used up (up to the room kept back for the marker). */
    private boolean spent;

    /** @param written how much the generator has written so far (flushed and buffered), in bytes or characters */
    FieldBudget(IntSupplier written) {
        this(written, MAX_DEPTH, MAX_NODES, MAX_BYTES);
    }

    FieldBudget(IntSupplier written, int maxDepth, int maxNodes, int maxBytes) {
        this.written = written;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        this.maxBytes = maxBytes;
    }

    /** Resets the budget; call where the fields begin. */
    void start() {
        nodes = 0;
        cut = false;
        spent = false;
        start = written.getAsInt();
    }

    /** {@return true if something was replaced by a marker or a description since {@link #start()}} */
    boolean cut() {
        return cut;
    }

    /** Counts one value about to be written. */
    void node() {
        nodes++;
    }

    /** {@return true when no further value may be written: the values or the bytes are used up} */
    boolean exhausted() {
        return spent || nodes >= maxNodes || written.getAsInt() - start >= maxBytes;
    }

    /** {@return true if a map, list or array at {@code depth} (a field's own value is at 0) is too deep to open} */
    boolean tooDeep(int depth) {
        if (depth >= maxDepth) {
            cut = true;
            return true;
        }
        return false;
    }

    /** {@return how many more characters of {@code text} fit, the whole length if all of it does} */
    int fitting(String text) {
        int left = maxBytes - (written.getAsInt() - start);
        if ((long) text.length() * 6 <= left) {
            return text.length(); // surely fits, even if every character were escaped: no need to measure
        }
        return Utf16.jsonPrefixLength(text, Math.max(0, left - MARKER_ROOM));
    }

    /** {@return the first {@code kept} characters of {@code text} and the marker saying how many were cut} */
    String cutText(String text, int kept) {
        cut = true;
        spent = true;
        return text.substring(0, kept) + "[truncated: " + (text.length() - kept) + " more chars]";
    }

    /** {@return the marker for {@code left} values not written, {@value #TRUNCATED} if their number is unknown} */
    String more(int left) {
        cut = true;
        return left < 0 ? TRUNCATED : "[truncated: " + left + " more]";
    }

    /** {@return {@code description}, noting that a value was described rather than written} */
    String described(String description) {
        cut = true;
        return description;
    }
}
