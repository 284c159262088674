package org.metlog.senders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metlog.message.Message;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

/**
 * Which message fields become statsd tags, and how each flavor writes them. Built once per sender (the selection
 * and the {@code DD_*} tags are fixed then); immutable and thread-safe.
 *
 * <p>A tag's key is the field's name; its value is the field's value if that is text, a number, a boolean, a
 * character or an enum constant. Fields of any other kind (maps, lists, arrays, other objects) cannot be
 * represented and are left out, as are fields whose name is empty and selected fields the message does not
 * have. Characters a flavor cannot carry are replaced
 * by {@code _}: for {@link StatsdFlavor#DATADOG} {@code ,} {@code |} {@code #} and control
 * characters, and also {@code :} in a key (the first {@code :} separates key and value); a null or empty value
 * gives a bare {@code key} tag. For {@link StatsdFlavor#INFLUX} {@code ,} {@code =} and space are escaped with a
 * backslash as in InfluxDB's line protocol, {@code :} {@code |} and control characters are replaced (statsd's
 * framing splits on them), and a tag whose value is null or empty is left out (the line protocol has no
 * value-less tags).
 */
final class StatsdTags {
    /** What replaces each character a flavor cannot carry in a tag (the same as in names). */
    private static final char REPLACEMENT = '_';
    /** The fields every flavor leaves out of the default selection: they are the line itself. */
    private static final List<String> STAT_FIELDS = List.of("name", "rate");
    /** The Datadog unified service tags, by the environment variable that sets each. */
    private static final Map<String, String> DD_TAGS = Map.of("DD_ENV", "env", "DD_SERVICE", "service",
        "DD_VERSION", "version");
    private static final String[] DD_ORDER = {"DD_ENV", "DD_SERVICE", "DD_VERSION"};

    private final StatsdFlavor flavor;
    /** The fields that become tags, in order; null for every field but name and rate. */
    private final List<String> selected;
    /** Datadog's unified service tags: key, then the tag as written, e.g. {@code env}, {@code env:prod}. */
    private final String[] constantKeys;
    private final String[] constantTags;
    /** The tag text of a message without fields: the constant tags alone. */
    private final String fieldless;

    private StatsdTags(StatsdFlavor flavor, List<String> selected, String[] constantKeys, String[] constantTags) {
        this.flavor = flavor;
        this.selected = selected;
        this.constantKeys = constantKeys;
        this.constantTags = constantTags;
        StringBuilder text = new StringBuilder();
        for (String tag : constantTags) {
            text.append(text.isEmpty() ? first() : ",").append(tag);
        }
        this.fieldless = flavor == StatsdFlavor.ETSY ? "" : text.toString();
    }

    /**
     * @param flavor      the flavor
     * @param selected    the fields that become tags, or null for all but {@code name} and {@code rate}
     * @param environment read for {@code DD_ENV}, {@code DD_SERVICE} and {@code DD_VERSION} (Datadog only)
     */
    static StatsdTags of(StatsdFlavor flavor, List<String> selected, Map<String, String> environment) {
        List<String> keys = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        if (flavor == StatsdFlavor.DATADOG) {
            for (String variable : DD_ORDER) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    String key = DD_TAGS.get(variable);
                    keys.add(key);
                    tags.add(key + ":" + clean(value.strip(), false));
                }
            }
        }
        return new StatsdTags(flavor, selected == null ? null : List.copyOf(selected), keys.toArray(new String[0]),
            tags.toArray(new String[0]));
    }

    /**
     * Reads option {@code flavor}.
     *
     * @return the flavor, {@link StatsdFlavor#ETSY} when absent
     * @throws InvalidOptionException naming the key, the value and the choices if it names no flavor
     */
    static StatsdFlavor flavorOption(Options options) {
        Object name = options.raw("flavor");
        if (name == null) {
            return StatsdFlavor.ETSY;
        }
        StatsdFlavor flavor = name instanceof String text ? StatsdFlavor.named(text) : null;
        if (flavor == null) {
            throw options.invalid("flavor", name, StatsdFlavor.CHOICES);
        }
        return flavor;
    }

    /**
     * Reads option {@code tags}: field names, a list or a comma- or space-separated string.
     *
     * @return the names, or null when absent (the default selection)
     * @throws InvalidOptionException if given with a flavor that has no tags, or not names
     */
    static List<String> tagsOption(Options options, StatsdFlavor flavor) {
        if (!options.has("tags")) {
            return null;
        }
        if (!flavor.hasTags()) {
            throw options.invalid("tags", options.raw("tags"), "no tags with flavor etsy (set "
                + options.displayName("flavor") + " to datadog or influx)");
        }
        return options.names("tags", List.of());
    }

    /** {@return the flavor} */
    StatsdFlavor flavor() {
        return flavor;
    }

    /** {@return the selected fields, or null for all but name and rate} */
    List<String> selected() {
        return selected;
    }

    /**
     * Returns the message's tags as {@link #append(StringBuilder, Message)} writes them; without allocating for a
     * message that has no fields but {@code name} and {@code rate} (or for the etsy flavor).
     *
     * @param message a message
     * @return the text, "" for none
     */
    String text(Message message) {
        if (flavor == StatsdFlavor.ETSY || message.rawFields().isEmpty()) {
            return fieldless;
        }
        StringBuilder out = new StringBuilder();
        append(out, message);
        return out.toString();
    }

    /**
     * Appends the message's tags as the flavor writes them: {@code ,k=v,...} (influx, after the name) or
     * {@code |#k:v,...} (datadog, at the end); nothing for etsy or when there are none.
     */
    void append(StringBuilder out, Message message) {
        if (flavor == StatsdFlavor.ETSY) {
            return;
        }
        int start = out.length();
        if (selected == null) {
            for (Map.Entry<String, Object> e : message.rawFields().entrySet()) {
                if (!STAT_FIELDS.contains(e.getKey())) {
                    tag(out, start, e.getKey(), e.getValue());
                }
            }
        } else {
            for (String key : selected) {
                Object value = message.field(key);
                if (value != null || message.rawFields().containsKey(key)) { // an absent field is no tag
                    tag(out, start, key, value);
                }
            }
        }
        for (int i = 0; i < constantKeys.length; i++) {
            if (message.field(constantKeys[i]) == null) {
                out.append(out.length() == start ? first() : ",").append(constantTags[i]);
            }
        }
    }

    private String first() {
        return flavor == StatsdFlavor.DATADOG ? "|#" : ",";
    }

    private void tag(StringBuilder out, int start, String key, Object value) {
        if (key.isEmpty() || !(value == null || value instanceof CharSequence || value instanceof Number
            || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>)) {
            return;
        }
        String text = value == null ? "" : value.toString();
        boolean datadog = flavor == StatsdFlavor.DATADOG;
        if (text.isEmpty() && !datadog) {
            return;
        }
        out.append(out.length() == start ? first() : ",");
        if (datadog) {
            out.append(clean(key, true));
            if (!text.isEmpty()) {
                out.append(':').append(clean(text, false));
            }
        } else {
            escapeInflux(out, key);
            out.append('=');
            escapeInflux(out, text);
        }
    }

    /** Replaces what DogStatsD cannot carry in a tag; {@code :} too in a key. */
    static String clean(String text, boolean key) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '|' || c == '#' || c < 0x20 || c == 0x7f || (key && c == ':')) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, REPLACEMENT);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Escapes {@code ,} {@code =} and space as the line protocol does; replaces what statsd's framing splits on. */
    static void escapeInflux(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '=' || c == ' ') {
                out.append('\\').append(c);
            } else if (c == ':' || c == '|' || c < 0x20 || c == 0x7f) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
    }
}
