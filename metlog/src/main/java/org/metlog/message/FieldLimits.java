package org.metlog.message;

/**
 * What one message's fields may expand to when the message is encoded ({@link Message#encodeJson()},
 * {@link Message#toJson()}, {@link Message#toPrettyJson()}), and how many messages were cut to it. The limits
 * hold for all of a message's fields together, so that no field value, however it refers to itself or however
 * large it is, can make encoding one message take unbounded time, memory or stack:
 *
 * <ul>
 *   <li>{@value #MAX_DEPTH} levels of maps, lists and arrays inside a field; a deeper one is written as the
 *       string {@value #TOO_DEEP};</li>
 *   <li>{@value #MAX_NODES} values in all (each field, element, entry and nested value counts one); the entries
 *       of a map (or the message's fields) left out are written as one entry with the key {@value #TRUNCATED}
 *       and the value {@code "[truncated: N more]"}, the elements of a list or array left out as one last
 *       element {@code "[truncated: N more]"} ({@value #TRUNCATED} if its length is unknown);</li>
 *   <li>{@value #MAX_BYTES} bytes of encoded fields (1 MiB; characters, for the indented form); a string that
 *       does not fit is cut and ends with {@code [truncated: N more chars]}, and further values are left out
 *       as above.</li>
 * </ul>
 *
 * <p>A value whose {@code toString()} or iteration throws is written as
 * {@code <its.Class.toString() failed: the.Error>} (or {@code <its.Class iteration failed: the.Error>}), and a
 * message among fields as {@code <message of type T>}. Such a message is still encoded and delivered, and is
 * counted once in {@link #truncatedMessages(Origin)} of its origin. The payload and the other envelope
 * keys are not bounded here (a sender with a size limit cuts or drops the whole envelope itself). Thread-safe.
 */
public final class FieldLimits {
    /** Levels of maps, lists and arrays a field may nest. */
    public static final int MAX_DEPTH = FieldBudget.MAX_DEPTH;
    /** Values the fields of one message may hold in all. */
    public static final int MAX_NODES = FieldBudget.MAX_NODES;
    /** Bytes the encoded fields of one message may take. */
    public static final int MAX_BYTES = FieldBudget.MAX_BYTES;
    /** What replaces a map, list or array nested more than {@link #MAX_DEPTH} levels deep. */
    public static final String TOO_DEEP = FieldBudget.TOO_DEEP;
    /** The key of the entry that stands for entries left out, and the marker of a list of unknown length cut. */
    public static final String TRUNCATED = FieldBudget.TRUNCATED;

    private FieldLimits() {
    }

    /**
     * Returns how many messages created from {@code origin} were encoded with a field cut to these limits or
     * described by its class. A message is counted once however often, and on however many threads, it is
     * encoded. A client reports the count of its own origin as {@link DeliveryStats#truncated()}.
     *
     * @param origin the origin of the messages
     * @return the number of such messages so far; never decreases
     */
    public static long truncatedMessages(Origin origin) {
        return origin.tally.count();
    }
}
