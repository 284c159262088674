package org.metlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The global configuration shared by the clients of one {@link ClientRegistry} (metlog-py's
 * {@code CLIENT_HOLDER.global_config}): values that concern every client rather than one, such as
 * {@code disabled_decorators}. Configuration fills it from INI {@code global_*} keys and the Map format's
 * {@code global}; decorators read it.
 *
 * <p>Thread-safe: every method holds this object's lock briefly and never blocks otherwise. Values are kept as
 * given (not copied); keys keep the order in which they were first set.
 */
public final class GlobalConfig {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Creates an empty global configuration. */
    public GlobalConfig() {
    }

    /**
     * Returns one value.
     *
     * @param key the key, such as {@code disabled_decorators}
     * @return the value, or null if the key is not set
     */
    public synchronized Object get(String key) {
        return values.get(key);
    }

    /**
     * Returns a snapshot of every value.
     *
     * @return an unmodifiable copy, in the order the keys were first set
     */
    public synchronized Map<String, Object> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Merges values in: new values overwrite, other keys stay (metlog-py's behaviour without
     * {@code clear_global}).
     *
     * @param update the values to set, not null; not modified
     */
    public synchronized void merge(Map<String, ?> update) {
        values.putAll(Objects.requireNonNull(update, "update"));
    }

    /**
     * Replaces every value with {@code update} in one step, so that no reader sees the empty state in between
     * (metlog-py's {@code clear_global}).
     *
     * @param update the new values, not null; not modified
     */
    public synchronized void replace(Map<String, ?> update) {
        Objects.requireNonNull(update, "update");
        values.clear();
        values.putAll(update);
    }

    /** Removes every value. */
    public synchronized void clear() {
        values.clear();
    }

    @Override
    public synchronized String toString() {
        return "GlobalConfig" + values;
    }
}
