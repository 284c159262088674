package org.metlog.decorators;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.MetlogClient;

/**
 * Timing and counting decorators with deferred configuration (metlog-py's {@code metlog.decorators}:
 * {@code timeit} and {@code incr_count}), in two forms.
 *
 * <p>Functional: wrap a Runnable, Callable, Supplier or Function.
 * <pre>{@code
 * static final Supplier<Report> REPORT = Decorators.timeit("reports.build").supplier(Reports::build);
 * static final Runnable POLL = Decorators.incrCount("queue.polls").rate(0.5).runnable(Queue::poll);
 * }</pre>
 *
 * <p>Annotations: put {@link Timeit} and {@link IncrCount} on interface methods and wrap an implementation in a
 * {@link Proxy}:
 * <pre>{@code
 * Orders orders = Decorators.instrument(Orders.class, new OrdersImpl());
 * }</pre>
 *
 * <p>Neither form needs a configured client when it is created; see {@link Decorator} for when and how a wrapper
 * decides whether it is active. Thread-safe.
 */
public final class Decorators {
    private static final Map<String, Class<?>[]> OBJECT_METHODS = Map.of(
        "equals", new Class<?>[] {Object.class}, "hashCode", new Class<?>[0], "toString", new Class<?>[0]);

    private Decorators() {
    }

    /**
     * Returns a decorator that times calls with the timer {@code name} (metlog-py's {@code timeit}).
     *
     * @param name the timer name, not empty
     * @return the decorator (rate 1, the holder's default client)
     * @throws IllegalArgumentException if the name is null or empty
     */
    public static Decorator timeit(String name) {
        return Decorator.of(Kind.TIMEIT, name);
    }

    /**
     * Returns a decorator that adds to the counter {@code name} at every call (metlog-py's {@code incr_count}).
     *
     * @param name the counter name, not empty
     * @return the decorator (count 1, rate 1, the holder's default client)
     * @throws IllegalArgumentException if the name is null or empty
     */
    public static Decorator incrCount(String name) {
        return Decorator.of(Kind.INCR_COUNT, name);
    }

    /**
     * Wraps {@code implementation} in a proxy that applies the {@link Timeit} and {@link IncrCount} annotations on
     * the methods of {@code type}; unannotated methods, and {@code equals}, {@code hashCode} and {@code toString},
     * pass straight through ({@code equals} compares the implementations behind two instrumented proxies).
     *
     * <p>Annotations are read once, here, on the interface's methods (including inherited ones); the default
     * name of a timer or counter is the declaring interface's canonical name, a dot and the method name, such as
     * {@code com.example.Orders.place} (overloads share it unless named). Annotations on the implementation class
     * are not read; one that differs from the interface's is reported here. A method with both annotations sends a
     * timer and a counter per call (the timer encloses the count). Exceptions of the implementation reach the
     * caller unchanged, and the call is still timed and counted.
     *
     * @param type           the interface to expose, not null
     * @param implementation the object that does the work, not null
     * @param <T>            the interface type
     * @return the instrumented proxy
     * @throws IllegalArgumentException naming the method, annotation and value if {@code type} is null or not an
     *     interface, the implementation is null or not a {@code type}, a rate is outside 0 to 1, a count is
     *     negative, a severity is neither -1 nor 0 to 7, a field is not a {@code "key=value"} pair or repeats a key,
     *     two names disagree, or an annotation sits where it cannot work
     */
    public static <T> T instrument(Class<T> type, T implementation) {
        return instrument(type, implementation, null);
    }

    /**
     * Like {@link #instrument(Class, Object)}, sending to {@code client} from every annotation that names no
     * {@code clientName} (an annotation's own {@code clientName} wins).
     *
     * @param type           the interface to expose, not null
     * @param implementation the object that does the work, not null
     * @param client         the client; null means the holder's default client
     * @param <T>            the interface type
     * @return the instrumented proxy
     * @throws IllegalArgumentException as {@link #instrument(Class, Object)} does
     */
    public static <T> T instrument(Class<T> type, T implementation, MetlogClient client) {
        if (type == null) {
            throw new IllegalArgumentException("instrument: the interface must not be null");
        }
        if (!type.isInterface() || type.isAnnotation()) {
            throw new IllegalArgumentException("instrument: " + type.getName() + " is not an interface:"
                + " instrument wraps implementations in a java.lang.reflect.Proxy, which needs one");
        }
        if (implementation == null) {
            throw new IllegalArgumentException("instrument(" + type.getName()
                + "): the implementation must not be null");
        }
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException("instrument(" + type.getName() + "): "
                + implementation.getClass().getName() + " does not implement it");
        }
        Map<Method, MethodPlan> plans = new HashMap<>();
        for (Method method : type.getMethods()) {
            Timeit timeit = method.getAnnotation(Timeit.class);
            IncrCount incr = method.getAnnotation(IncrCount.class);
            boolean annotated = timeit != null || incr != null;
            if (annotated && Modifier.isStatic(method.getModifiers())) {
                throw badUse(method, timeit != null ? "@Timeit" : "@IncrCount",
                    "a static method cannot be instrumented: calls to it never reach a proxy");
            }
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (annotated && isObjectMethod(method)) {
                throw badUse(method, timeit != null ? "@Timeit" : "@IncrCount",
                    "equals, hashCode and toString always pass straight through and cannot be instrumented");
            }
            checkImplementation(implementation.getClass(), method, timeit, incr);
            List<LazyAround> lazies = new ArrayList<>(2);
            if (timeit != null) {
                lazies.add(message(decorator(Kind.TIMEIT, method, timeit.name(), timeit.value(),
                    timeit.rate(), 1, timeit.clientName(), client), method, timeit.logger(), timeit.severity(),
                    timeit.fields()).lazy());
            }
            if (incr != null) {
                lazies.add(message(decorator(Kind.INCR_COUNT, method, incr.name(), incr.value(),
                    incr.rate(), incr.count(), incr.clientName(), client), method, incr.logger(), incr.severity(),
                    incr.fields()).lazy());
            }
            if (!method.trySetAccessible() && !Modifier.isPublic(type.getModifiers())) {
                throw new IllegalArgumentException("instrument(" + type.getName() + "): the interface is not"
                    + " public and its package is not open to org.metlog, so " + describe(method)
                    + " cannot be called through a proxy");
            }
            plans.put(method, new MethodPlan(method, lazies.toArray(new LazyAround[0])));
        }
        Instrumentation handler = new Instrumentation(type, implementation, Map.copyOf(plans));
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Decorator decorator(Kind kind, Method method, String name, String value, double rate,
                                       long count, String clientName, MetlogClient client) {
        if (!name.isEmpty() && !value.isEmpty() && !name.equals(value)) {
            throw badUse(method, kind.annotation + "(name = \"" + name + "\", value = \"" + value + "\")",
                "name and value are the same setting and disagree; give one");
        }
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw badUse(method, kind.annotation + "(rate = " + rate + ")", "rate must be from 0 to 1");
        }
        if (count < 0) {
            throw badUse(method, kind.annotation + "(count = " + count + ")", "count must not be negative");
        }
        String chosen = !name.isEmpty() ? name : !value.isEmpty() ? value : defaultName(method);
        Decorator d = Decorator.of(kind, chosen).rate(rate);
        if (kind == Kind.INCR_COUNT) {
            d = d.count(count);
        }
        if (!clientName.isBlank()) {
            return d.clientName(clientName);
        }
        return client != null ? d.client(client) : d;
    }

    /** {@return {@code d} with an annotation's {@code logger}, {@code severity} and {@code fields}, checked} */
    private static Decorator message(Decorator d, Method method, String logger, int severity, String[] pairs) {
        String annotation = d.kind().annotation;
        if (severity != -1 && (severity < 0 || severity > 7)) {
            throw badUse(method, annotation + "(severity = " + severity + ")",
                "severity must be from 0 to 7, or -1 (the default) for the client's");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw badUse(method, annotation + "(fields = \"" + pair + "\")",
                    "each field must be a \"key=value\" pair with a non-empty key");
            }
            if (fields.put(key, pair.substring(eq + 1).trim()) != null) {
                throw badUse(method, annotation + "(fields = \"" + pair + "\")",
                    "the field " + key + " is given twice");
            }
        }
        Decorator result = logger.isEmpty() ? d : d.logger(logger);
        result = severity == -1 ? result : result.severity(severity);
        return fields.isEmpty() ? result : result.fields(fields);
    }

    /** {@return {@code package.Interface.method} of the interface that declares the method} */
    static String defaultName(Method method) {
        Class<?> owner = method.getDeclaringClass();
        String ownerName = owner.getCanonicalName() != null ? owner.getCanonicalName() : owner.getName();
        return ownerName + "." + method.getName();
    }

    private static void checkImplementation(Class<?> implClass, Method method, Timeit timeit, IncrCount incr) {
        Method implMethod;
        try {
            implMethod = implClass.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return;
        }
        if (implMethod.getDeclaringClass().isInterface()) {
            return;
        }
        Timeit implTimeit = implMethod.getAnnotation(Timeit.class);
        IncrCount implIncr = implMethod.getAnnotation(IncrCount.class);
        if ((implTimeit != null && !implTimeit.equals(timeit)) || (implIncr != null && !implIncr.equals(incr))) {
            throw badUse(implMethod, implTimeit != null ? "@Timeit" : "@IncrCount", "annotations on the"
                + " implementation are not read: instrument() reads those on the interface methods of "
                + method.getDeclaringClass().getName() + "; move it there");
        }
    }

    private static boolean isObjectMethod(Method method) {
        Class<?>[] params = OBJECT_METHODS.get(method.getName());
        return params != null && Arrays.equals(params, method.getParameterTypes());
    }

    private static IllegalArgumentException badUse(Method method, String annotation, String problem) {
        return new IllegalArgumentException(annotation + " on " + describe(method) + ": " + problem);
    }

    private static String describe(Method method) {
        return MethodPlan.describe(method);
    }
}
