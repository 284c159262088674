package org.metlog.decorators;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.Timer;

/**
 * The deferred decision of one decorated callable (metlog-py's {@code MetlogDecorator} predicate): made at the
 * first call that finds a configured client, then fixed.
 */
final class LazyAround {
    /** The global configuration key naming disabled decorators. */
    static final String DISABLED_DECORATORS = "disabled_decorators";
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final Decorator spec;
    private final AtomicReference<Around> decided = new AtomicReference<>();

    LazyAround(Decorator spec) {
        this.spec = spec;
    }

    /**
     * Returns the decision, making it if there is a configured client now.
     *
     * @return {@link Around#NONE} if inactive, an active {@link Around}, or null if no configured client exists
     *     yet (nothing is decided then, and the caller runs a plain call)
     */
    Around current() {
        Around around = decided.get();
        if (around != null) {
            return around;
        }
        MetlogClient client = spec.resolveClient();
        if (client == null || !client.isActive()) {
            return null;
        }
        Around decision = isActive(spec, client) ? active(spec, client) : Around.NONE;
        return decided.compareAndSet(null, decision) ? decision : decided.get();
    }

    private static boolean isActive(Decorator spec, MetlogClient client) {
        if (isDisabledGlobally(spec.kind())) {
            return false;
        }
        return spec.kind() != Kind.TIMEIT || !client.isTimerDisabled(spec.name());
    }

    /** @return true if the global {@code disabled_decorators} names this decorator */
    static boolean isDisabledGlobally(Kind kind) {
        Object value = ClientHolder.global().get(DISABLED_DECORATORS);
        if (value == null) {
            return false;
        }
        if (value instanceof Collection<?> names) {
            for (Object name : names) {
                if (name != null && names(name.toString(), kind)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Object[] names) {
            for (Object name : names) {
                if (name != null && names(name.toString(), kind)) {
                    return true;
                }
            }
            return false;
        }
        return names(value.toString(), kind);
    }

    private static boolean names(String text, Kind kind) {
        for (String name : SEPARATORS.split(text.trim())) {
            if (name.equals(kind.configName)) {
                return true;
            }
        }
        return false;
    }

    private static Around active(Decorator spec, MetlogClient client) {
        if (spec.kind() == Kind.TIMEIT) {
            Timer timer = client.timer(spec.name(), spec.rate());
            return new Around() {
                @Override
                public Object before() {
                    return timer.start();
                }

                @Override
                public void after(Object token) {
                    ((Timer.Context) token).close();
                }
            };
        }
        String name = spec.name();
        long count = spec.count();
        double rate = spec.rate();
        return new Around() {
            @Override
            public Object before() {
                return null;
            }

            @Override
            public void after(Object token) {
                client.incr(name, count, rate);
            }
        };
    }
}
