package org.metlog.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.metlog.internal.Quoting;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

/**
 * Which parts of a log event's context a bridge into metlog ({@link MetlogHandler}, {@link MetlogAppender},
 * {@code org.metlog.log4j2.MetlogAppender}) copies into the message's fields. Immutable and thread-safe.
 *
 * <p>The defaults ({@link #defaults()}) copy everything there is:
 * <ul>
 *   <li>{@code mdc}: every MDC (Logback) or ThreadContext map (Log4j2) entry, as a field of the same name;</li>
 *   <li>{@code keyValues}: every SLF4J 2 key-value pair ({@code addKeyValue}), as a field of the same name,
 *       taking precedence over an MDC entry of that name;</li>
 *   <li>{@code markers}: the event's markers' names, comma-joined, in the field {@value #FIELD_MARKERS};</li>
 *   <li>{@code threadName}: the thread's name in the field {@value #FIELD_THREAD};</li>
 *   <li>{@code loggerName}: the logging framework's logger name in the field {@value #FIELD_LOGGER_NAME}.</li>
 * </ul>
 * The field {@value #FIELD_LOGLEVEL} (the level's name) is always set. The four names {@value #FIELD_LOGGER_NAME},
 * {@value #FIELD_LOGLEVEL}, {@value #FIELD_THREAD} and {@value #FIELD_MARKERS} are the bridge's own: an MDC entry
 * or key-value pair with one of them is never copied, whether or not the bridge fills that field.
 *
 * <p>Each setting has a text form, the same in every framework's configuration ({@link Builder#option}):
 * {@code mdc} is {@code true}, {@code false} or a comma-separated list of the keys to copy; the others are
 * {@code true} or {@code false}.
 */
public final class LogContext {
    /** Field holding the logging framework's logger name. */
    public static final String FIELD_LOGGER_NAME = "logger_name";
    /** Field holding the level's name, such as {@code WARNING} or {@code WARN}. */
    public static final String FIELD_LOGLEVEL = "loglevel";
    /** Field holding the name of the thread that logged. */
    public static final String FIELD_THREAD = "thread";
    /** Field holding the event's marker names, comma-joined. */
    public static final String FIELD_MARKERS = "markers";
    /** The option names {@link Builder#option} accepts. */
    public static final List<String> OPTIONS = List.of("mdc", "keyValues", "markers", "threadName", "loggerName");

    private static final Set<String> RESERVED = Set.of(FIELD_LOGGER_NAME, FIELD_LOGLEVEL, FIELD_THREAD,
        FIELD_MARKERS);
    private static final LogContext DEFAULTS = builder().build();

    private final boolean allMdc;
    private final Set<String> mdcKeys;
    private final boolean keyValues;
    private final boolean markers;
    private final boolean threadName;
    private final boolean loggerName;

    private LogContext(Builder b) {
        this.allMdc = b.allMdc;
        this.mdcKeys = Collections.unmodifiableSet(new LinkedHashSet<>(b.mdcKeys));
        this.keyValues = b.keyValues;
        this.markers = b.markers;
        this.threadName = b.threadName;
        this.loggerName = b.loggerName;
    }

    /** {@return the default policy: everything copied} */
    public static LogContext defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return true if any MDC / ThreadContext entry is copied (all of them, or the keys named)} */
    public boolean copiesMdc() {
        return allMdc || !mdcKeys.isEmpty();
    }

    /**
     * Tells whether the MDC / ThreadContext entry {@code key} is copied.
     *
     * @param key the entry's key
     * @return true if copied
     */
    public boolean copiesMdc(String key) {
        return allMdc ? !isReserved(key) : mdcKeys.contains(key);
    }

    /** {@return the MDC keys copied, in the order given; empty when all or none are} */
    public Set<String> mdcKeys() {
        return mdcKeys;
    }

    /** {@return true if SLF4J 2 key-value pairs are copied} */
    public boolean keyValues() {
        return keyValues;
    }

    /** {@return true if the {@value #FIELD_MARKERS} field is set} */
    public boolean markers() {
        return markers;
    }

    /** {@return true if the {@value #FIELD_THREAD} field is set} */
    public boolean threadName() {
        return threadName;
    }

    /** {@return true if the {@value #FIELD_LOGGER_NAME} field is set} */
    public boolean loggerName() {
        return loggerName;
    }

    /**
     * Tells whether a field name is one of the bridge's own, never taken from the MDC or a key-value pair.
     *
     * @param name a field name
     * @return true for {@value #FIELD_LOGGER_NAME}, {@value #FIELD_LOGLEVEL}, {@value #FIELD_THREAD} and
     *         {@value #FIELD_MARKERS}
     */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    @Override
    public String toString() {
        return "LogContext(mdc=" + (allMdc ? "true" : mdcKeys.isEmpty() ? "false" : String.join(",", mdcKeys))
            + ", keyValues=" + keyValues + ", markers=" + markers + ", threadName=" + threadName + ", loggerName="
            + loggerName + ")";
    }

    /** Builds a {@link LogContext}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private boolean allMdc = true;
        private final Set<String> mdcKeys = new LinkedHashSet<>();
        private boolean keyValues = true;
        private boolean markers = true;
        private boolean threadName = true;
        private boolean loggerName = true;

        private Builder() {
        }

        /**
         * Copies every MDC entry ({@code true}) or none ({@code false}).
         *
         * @param all whether to copy all
         * @return this builder
         */
        public Builder mdc(boolean all) {
            this.allMdc = all;
            mdcKeys.clear();
            return this;
        }

        /**
         * Copies only the MDC entries with these keys; an empty collection copies none.
         *
         * @param keys the keys, none null, blank or one of the {@linkplain #isReserved reserved} names
         * @return this builder
         * @throws IllegalArgumentException if a key is null, blank or reserved
         */
        public Builder mdcKeys(Collection<String> keys) {
            List<String> checked = new ArrayList<>(keys.size());
            for (String key : keys) {
                if (key == null || key.isBlank() || isReserved(key)) {
                    throw new IllegalArgumentException("mdc: key " + Quoting.value(key)
                        + " cannot be copied: expected a non-blank key other than " + RESERVED);
                }
                checked.add(key);
            }
            this.allMdc = false;
            mdcKeys.clear();
            mdcKeys.addAll(checked);
            return this;
        }

        /**
         * Copies SLF4J 2 key-value pairs or not.
         *
         * @param copy whether to copy
         * @return this builder
         */
        public Builder keyValues(boolean copy) {
            this.keyValues = copy;
            return this;
        }

        /**
         * Sets the {@value #FIELD_MARKERS} field or not.
         *
         * @param set whether to set it
         * @return this builder
         */
        public Builder markers(boolean set) {
            this.markers = set;
            return this;
        }

        /**
         * Sets the {@value #FIELD_THREAD} field or not.
         *
         * @param set whether to set it
         * @return this builder
         */
        public Builder threadName(boolean set) {
            this.threadName = set;
            return this;
        }

        /**
         * Sets the {@value #FIELD_LOGGER_NAME} field or not.
         *
         * @param set whether to set it
         * @return this builder
         */
        public Builder loggerName(boolean set) {
            this.loggerName = set;
            return this;
        }

        /**
         * Sets one option from its text form, as a configuration file gives it: {@code mdc} takes {@code true},
         * {@code false} or a comma-separated list of keys; {@code keyValues}, {@code markers}, {@code threadName}
         * and {@code loggerName} take {@code true} or {@code false} (any case, surrounding blanks ignored). A null
         * value leaves the option as it is.
         *
         * @param owner names the component for the message, such as {@code "MetlogAppender METLOG"}
         * @param name  the option, one of {@link #OPTIONS}
         * @param value its text; null means unset
         * @return this builder
         * @throws UnknownOptionException if the name is not one of {@link #OPTIONS}
         * @throws InvalidOptionException if the value is not one the option takes; the message names the owner,
         *                                the option, the value and what was expected
         */
        public Builder option(String owner, String name, String value) {
            if (!OPTIONS.contains(name)) {
                throw new UnknownOptionException(owner + ": unknown option " + Quoting.value(name)
                    + "; expected one of " + OPTIONS);
            }
            if (value == null) {
                return this;
            }
            String text = value.trim();
            if (name.equals("mdc")) {
                return mdcOption(owner, value, text);
            }
            boolean flag = flag(owner, name, value, text);
            return switch (name) {
                case "keyValues" -> keyValues(flag);
                case "markers" -> markers(flag);
                case "threadName" -> threadName(flag);
                default -> loggerName(flag);
            };
        }

        private Builder mdcOption(String owner, String value, String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return mdc(lower.equals("true"));
            }
            List<String> keys = new ArrayList<>();
            for (String key : text.split(",", -1)) {
                keys.add(key.trim());
            }
            try {
                return mdcKeys(keys);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(owner + ": mdc = " + Quoting.value(value)
                    + ": expected true, false or a comma-separated list of keys, none blank or one of " + RESERVED);
            }
        }

        private static boolean flag(String owner, String name, String value, String text) {
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw new InvalidOptionException(owner + ": " + name + " = " + Quoting.value(value)
                + ": expected true or false");
        }

        /** {@return the policy} */
        public LogContext build() {
            return new LogContext(this);
        }
    }
}
