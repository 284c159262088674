package org.metlog.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.metlog.message.Message;

/**
 * Decides whether a message goes on to the sender. Filters run in order; the first that returns false drops the
 * message (counted as {@code filtered} in the client's stats). A filter may also change the message it is given;
 * later filters and the sender see the change.
 *
 * <p>A filter runs on the thread that sends the message, so one filter is called from many threads at once and
 * must be thread-safe (the message itself belongs to the calling thread). A filter that throws does not reach
 * the application: the client reports the message and the error on stderr and counts it as {@code failed}.
 *
 * <pre>{@code
 * Filter noDebug = Filter.severityMax(Severity.INFORMATIONAL);
 * Filter tagged = message -> { message.fields().put("dc", "eu-1"); return true; };
 * MetlogClient client = MetlogClient.builder().sender(sender).filters(List.of(noDebug, tagged)).build();
 * }</pre>
 */
@FunctionalInterface
public interface Filter {

    /** A filter that keeps every message. */
    Filter ALL = message -> true;

    /**
     * Decides about one message.
     *
     * @param message the message, which the filter may change
     * @return true to keep the message, false to drop it
     */
    boolean test(Message message);

    /**
     * Keeps messages whose severity is at most {@code severity} (numerically: 4 keeps warnings and worse).
     *
     * @param severity the highest severity number to keep, 0 to 7
     * @return the filter
     */
    static Filter severityMax(int severity) {
        org.metlog.message.Severity.check(severity);
        return message -> message.severity() <= severity;
    }

    /**
     * Drops messages of the given types.
     *
     * @param types the types to drop
     * @return the filter
     */
    static Filter typeBlacklist(Collection<String> types) {
        Set<String> set = Set.copyOf(types);
        return message -> !set.contains(message.type());
    }

    /**
     * Keeps only messages of the given types.
     *
     * @param types the types to keep
     * @return the filter
     */
    static Filter typeWhitelist(Collection<String> types) {
        Set<String> set = Set.copyOf(types);
        return message -> set.contains(message.type());
    }

    /**
     * Drops messages of the listed types whose severity is above that type's maximum; other types pass.
     *
     * @param maxSeverityByType message type to the highest severity number to keep
     * @return the filter
     */
    static Filter typeSeverityMax(Map<String, Integer> maxSeverityByType) {
        Map<String, Integer> copy = Map.copyOf(maxSeverityByType);
        copy.values().forEach(s -> org.metlog.message.Severity.check(Objects.requireNonNull(s, "severity")));
        return message -> {
            Integer max = copy.get(message.type());
            return max == null || message.severity() <= max;
        };
    }
}
