package org.metlog.decorators;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/** The invocation handler behind {@code Decorators.instrument}: one map lookup, then the method's plan. */
final class Instrumentation implements InvocationHandler {
    private final Class<?> type;
    private final Object implementation;
    private final Map<Method, MethodPlan> plans;

    Instrumentation(Class<?> type, Object implementation, Map<Method, MethodPlan> plans) {
        this.type = type;
        this.implementation = implementation;
        this.plans = plans;
    }

    MethodPlan plan(Method method) {
        return plans.get(method);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        MethodPlan plan = plans.get(method);
        if (plan != null) {
            return plan.invoke(implementation, args);
        }
        switch (method.getName()) {
            case "equals" -> {
                Object other = args[0];
                if (other != null && Proxy.isProxyClass(other.getClass())
                    && Proxy.getInvocationHandler(other) instanceof Instrumentation them) {
                    other = them.implementation;
                }
                return implementation.equals(other);
            }
            case "hashCode" -> {
                return implementation.hashCode();
            }
            case "toString" -> {
                return implementation.toString();
            }
            default -> throw new IllegalStateException("instrumented " + type.getName() + " proxy got a call to "
                + MethodPlan.describe(method) + ", which it was not built for");
        }
    }
}
