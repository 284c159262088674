package org.metlog;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The extension methods bound to one client by name (metlog-py's {@code add_method}), and the names they may not
 * take: every public instance method of {@link MetlogClient}, including those inherited from {@link Object}. Java
 * cannot replace those, so binding one would only hide it behind {@link MetlogClient#call}. The list is fixed
 * here rather than derived by reflection; a test compares it with the class's public methods, so the two stay
 * in step. Thread-safe.
 */
final class ExtensionRegistry {
    /** The public instance method names of {@link MetlogClient}: add a name here when adding a public method. */
    static final Set<String> RESERVED = Set.of(
        "addMethod", "call", "close", "config", "critical", "debug", "decr", "deliveryStats", "disabledTimers",
        "error", "exception", "filters", "flush", "flushAccumulator", "flushAccumulators", "gauge", "hasMethod",
        "incr", "info", "isActive", "isTimerDisabled", "log", "logger", "metlog", "methodNames", "prefix",
        "removeMethod", "sendMessage", "sendStat", "sender", "setup", "severity", "startAccumulator", "startTimer",
        "stats", "stopAccumulator", "stopTimer", "timer", "timerSend", "warn",
        // inherited from Object
        "equals", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    private final ConcurrentMap<String, ExtensionMethod> methods = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException if the name is empty, reserved, or bound and {@code override} is false */
    void add(String name, ExtensionMethod method, boolean override) {
        Objects.requireNonNull(method, "method");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("extension method name must not be empty");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in method of MetlogClient and cannot be"
                + " bound as an extension method");
        }
        if (override) {
            methods.put(name, method);
        } else if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalArgumentException("extension method '" + name + "' is already bound; set override"
                + " to '" + name + "' to replace it");
        }
    }

    boolean remove(String name) {
        return name != null && methods.remove(name) != null;
    }

    boolean has(String name) {
        return name != null && methods.containsKey(name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(methods.keySet()));
    }

    /**
     * Calls the method bound under {@code name}; whatever it throws passes through.
     *
     * @param clientName names the client in the exception
     * @throws MethodNotFoundException if none is bound
     */
    Object call(String clientName, String name, Object[] args) {
        ExtensionMethod method = name == null ? null : methods.get(name);
        if (method == null) {
            throw new MethodNotFoundException("no extension method '" + name + "' is bound to client '"
                + clientName + "'; bound: " + names());
        }
        return method.invoke(args);
    }
}
