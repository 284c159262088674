package org.metlog.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides how a sender into a logging framework renders each message type (metlog-py's
 * {@code StdLibLoggingSender} rules): types in {@code payload_types} are logged as their payload text, other types
 * in {@code json_types} as the whole envelope in compact JSON, anything else is dropped. {@code *} in a list
 * matches every type; the payload list is consulted first. Immutable and thread-safe.
 *
 * @param payloadTypes types logged as payload text
 * @param jsonTypes    types logged as JSON
 */
public record TypeRouting(Set<String> payloadTypes, Set<String> jsonTypes) {
    /** Default {@code payload_types}: only log-style messages are logged as plain text. */
    public static final List<String> DEFAULT_PAYLOAD_TYPES = List.of("oldstyle");
    /** Default {@code json_types}: every other type is logged as JSON. */
    public static final List<String> DEFAULT_JSON_TYPES = List.of("*");

    private static final String ANY = "*";

    /** How one message is rendered. */
    public enum Output {
        /** Log the payload text. */
        PAYLOAD,
        /** Log the whole envelope as compact JSON. */
        JSON,
        /** Do not log it. */
        DROP
    }

    /**
     * Creates the routing; the sets are copied.
     *
     * @param payloadTypes types logged as payload text, not null
     * @param jsonTypes    types logged as JSON, not null
     */
    public TypeRouting {
        payloadTypes = Set.copyOf(payloadTypes);
        jsonTypes = Set.copyOf(jsonTypes);
    }

    /**
     * Creates the routing from type lists, each entry one type name taken verbatim (an INI value that lists
     * several names in one string is split by {@code Options.names} before it gets here).
     *
     * @param payloadTypes types logged as payload text; null means {@link #DEFAULT_PAYLOAD_TYPES}
     * @param jsonTypes    types logged as JSON; null means {@link #DEFAULT_JSON_TYPES}
     * @return the routing
     */
    public static TypeRouting of(Collection<String> payloadTypes, Collection<String> jsonTypes) {
        return new TypeRouting(verbatim(payloadTypes == null ? DEFAULT_PAYLOAD_TYPES : payloadTypes),
            verbatim(jsonTypes == null ? DEFAULT_JSON_TYPES : jsonTypes));
    }

        /**
     * Decides how to render a message of this type.
     *
     * @param type the message type
     * @return the output form
     */
    public Output route(String type) {
        if (payloadTypes.contains(type) || payloadTypes.contains(ANY)) {
            return Output.PAYLOAD;
        }
        if (jsonTypes.contains(type) || jsonTypes.contains(ANY)) {
            return Output.JSON;
        }
        return Output.DROP;
    }

    private static Set<String> verbatim(Collection<String> entries) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }
}
