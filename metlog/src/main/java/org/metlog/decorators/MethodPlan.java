package org.metlog.decorators;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an instrumented proxy does for one interface method, worked out once at wrap time: the method (made
 * accessible) and its deferred decorators. After every decorator has decided, the active ones are kept in
 * {@link #bound}; with none active a call is just the reflective call of the implementation.
 */
final class MethodPlan {
    private static final Around[] NONE = new Around[0];

    private final Method method;
    private final LazyAround[] lazies;
    private volatile Around[] bound;

    MethodPlan(Method method, LazyAround[] lazies) {
        this.method = method;
        this.lazies = lazies;
        this.bound = lazies.length == 0 ? NONE : null;
    }

    /**
     * Names a method in messages: {@code declaring.Class.method(ParamType, ...)}. Here, below both
     * {@link Decorators} and {@link Instrumentation}, so that neither names the other back.
     */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(
            method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    Object invoke(Object target, Object[] args) throws Throwable {
        Around[] arounds = bound;
        if (arounds == null) {
            arounds = bind();
        }
        return arounds.length == 0 ? call(target, args) : around(0, arounds, target, args);
    }

    /** {@return the active decorators once all have decided; null before} */
    Around[] bound() {
        return bound;
    }

    private Object around(int index, Around[] arounds, Object target, Object[] args) throws Throwable {
        Object token = arounds[index].before();
        try {
            return index + 1 == arounds.length ? call(target, args) : around(index + 1, arounds, target, args);
        } finally {
            arounds[index].after(token);
        }
    }

    private Object call(Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + describe(method) + ": " + e, e);
        }
    }

    private Around[] bind() {
        List<Around> active = new ArrayList<>(lazies.length);
        boolean decided = true;
        for (LazyAround lazy : lazies) {
            Around around = lazy.current();
            if (around == null) {
                decided = false;
            } else if (around != Around.NONE) {
                active.add(around);
            }
        }
        Around[] result = active.isEmpty() ? NONE : active.toArray(new Around[0]);
        if (decided) {
            bound = result;
        }
        return result;
    }
}
