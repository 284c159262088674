package org.metlog.decorators;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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

    private final Spec spec;
    private final Supplier<MetlogClient> client;
    private final AtomicReference<Around> decided = new AtomicReference<>();

    /**
     * @param spec   what to send, checked
     * @param client finds the client at call time; returns null while there is none
     */
    LazyAround(Spec spec, Supplier<MetlogClient> client) {
        this.spec = spec;
        this.client = client;
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
        MetlogClient found = client.get();
        if (found == null || !found.isActive()) {
            return null;
        }
        Around decision = isActive(found) ? active(found) : Around.NONE;
        return decided.compareAndSet(null, decision) ? decision : decided.get();
    }

    private boolean isActive(MetlogClient found) {
        if (isDisabledGlobally(spec.kind())) {
            return false;
        }
        return spec.kind() != Kind.TIMEIT || !found.isTimerDisabled(spec.name());
    }

    /** {@return true if the global {@code disabled_decorators} names this decorator} */
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

    /** The timer, or the counter's settings, are fixed here, so a call sends without copying or boxing anything. */
    private Around active(MetlogClient found) {
        if (spec.kind() == Kind.TIMEIT) {
            Timer timer = found.timer(spec.name(), spec.rate(), spec.logger(), spec.severity(), spec.fields());
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
        String counter = spec.name();
        long amount = spec.count();
        double sampled = spec.rate();
        String logger = spec.logger();
        Integer severity = spec.severity();
        Map<String, Object> fields = spec.fields();
        return new Around() {
            @Override
            public Object before() {
                return null;
            }

            @Override
            public void after(Object token) {
                found.incr(counter, amount, sampled, logger, severity, fields);
            }
        };
    }
}
