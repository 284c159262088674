package org.metlog.decorators;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;

/**
 * A timing or counting decorator, not yet applied: what {@link Decorators#timeit(String)} and
 * {@link Decorators#incrCount(String)} return. Immutable and thread-safe; each setter returns a new decorator, and
 * each wrapping method returns a new wrapper that decides on its own first call whether it is active.
 *
 * <p>Wrapping needs no client: a wrapper can sit in a {@code static final} field before configuration has loaded.
 * At each call until it has decided, the wrapper looks for its client (the one given with
 * {@link #client(MetlogClient)}, else the {@link ClientHolder} client named with {@link #clientName(String)}, else
 * {@link ClientHolder#getDefault()}); while there is none, or it is not configured yet (its sender is still the
 * {@code NoSendSender} placeholder: {@link MetlogClient#isActive()} is false), the call runs as a plain call and
 * sends nothing. The first call that finds a configured client decides once and for all: the decorator is
 * inactive if the global setting {@code disabled_decorators} ({@link ClientHolder#global()}) names it
 * ({@code timeit} or {@code incr_count}) or, for {@code timeit}, if the client's disabled timers contain its name
 * or {@code *}. An inactive wrapper then only calls the wrapped code; an active one times it
 * ({@link MetlogClient#timer(String, double, String, Integer, Map)}) or counts it
 * ({@link MetlogClient#incr(String, long, double, String, Integer, Map)}), with this decorator's rate, count,
 * {@link #logger(String) logger}, {@link #severity(int) severity} and {@link #fields(Map) fields}; the logger and
 * severity not set are the client's.
 *
 * <p>Timings and counts are sent also when the wrapped code throws; the exception reaches the caller unchanged.
 *
 * <pre>{@code
 * static final Runnable NIGHTLY = Decorators.timeit("jobs.nightly").runnable(Jobs::nightly);
 * static final Function<Order, Receipt> CHECKOUT =
 *     Decorators.incrCount("checkout.calls").clientName("shop").function(Shop::checkout);
 * static final Supplier<Report> REPORT = Decorators.timeit("reports.build")
 *     .logger("reports").severity(5).fields(Map.of("region", "eu")).supplier(Reports::build);
 * }</pre>
 */
public final class Decorator {
    private final Spec spec;
    private final MetlogClient client;
    private final String clientName;

    private Decorator(Spec spec, MetlogClient client, String clientName) {
        this.spec = spec;
        this.client = client;
        this.clientName = clientName;
    }

    static Decorator of(Kind kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind.configName + ": the name must not be empty");
        }
        return new Decorator(Spec.of(kind, name), null, null);
    }

    /** {@return {@code timeit} or {@code incr_count}: the name {@code disabled_decorators} uses for this one} */
    public String type() {
        return spec.kind().configName;
    }

    Kind kind() {
        return spec.kind();
    }

    /** {@return the timer or counter name} */
    public String name() {
        return spec.name();
    }

    /** {@return the sample rate, 0 to 1 (default 1)} */
    public double rate() {
        return spec.rate();
    }

    /** {@return the amount each call adds to the counter (default 1); meaningless for {@code timeit}} */
    public long count() {
        return spec.count();
    }

    /** {@return the logger of the messages sent; null (the default) means the client's default logger} */
    public String logger() {
        return spec.logger();
    }

    /** {@return the severity of the messages sent, 0 to 7; null (the default) means the client's default severity} */
    public Integer severity() {
        return spec.severity();
    }

    /** {@return the extra fields of the messages sent, unmodifiable; empty (the default) means none} */
    public Map<String, Object> fields() {
        return spec.fields() == null ? Map.of() : spec.fields();
    }

    /**
     * Sets the sample rate: only that fraction of calls is timed or counted (the receiver scales by 1/rate).
     *
     * @param rate 0 to 1
     * @return a new decorator
     * @throws IllegalArgumentException if the rate is outside 0 to 1
     */
    public Decorator rate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(this + ": rate " + rate + " is out of range: expected 0 to 1");
        }
        return new Decorator(spec.withRate(rate), client, clientName);
    }

    /**
     * Sets how much each call adds to the counter.
     *
     * @param count zero or more (default 1)
     * @return a new decorator
     * @throws IllegalArgumentException if the count is negative, or this is a {@code timeit} decorator
     */
    public Decorator count(long count) {
        if (spec.kind() != Kind.INCR_COUNT) {
            throw new IllegalArgumentException(this + ": count applies only to incr_count decorators");
        }
        if (count < 0) {
            throw new IllegalArgumentException(this + ": count " + count + " is negative: expected 0 or more");
        }
        return new Decorator(spec.withCount(count), client, clientName);
    }

    /**
     * Sets the logger of every timer or counter message this decorator sends (metlog-py's {@code logger}
     * argument).
     *
     * @param logger the logger; null (the default) means the client's default logger, "" is sent as ""
     * @return a new decorator
     */
    public Decorator logger(String logger) {
        return new Decorator(spec.withLogger(logger), client, clientName);
    }

    /**
     * Sets the severity of every timer or counter message this decorator sends (metlog-py's {@code severity}
     * argument). Without it the messages carry the client's default severity.
     *
     * @param severity 0 to 7 (RFC 5424)
     * @return a new decorator
     * @throws IllegalArgumentException naming the value if the severity is outside 0 to 7
     */
    public Decorator severity(int severity) {
        if (severity < 0 || severity > 7) {
            throw new IllegalArgumentException(this + ": severity " + severity + " is out of range: expected 0 to 7");
        }
        return new Decorator(spec.withSeverity(severity), client, clientName);
    }

    /**
     * Sets extra fields for every timer or counter message this decorator sends (metlog-py's {@code fields}
     * argument), besides the {@code name} and {@code rate} fields every statistic carries. The map is copied here,
     * once; later changes to it are not seen, and calls do not copy it again.
     *
     * @param fields field names to values (null values are kept); null or empty means none (the default)
     * @return a new decorator
     * @throws IllegalArgumentException if a field name is null
     */
    public Decorator fields(Map<String, ?> fields) {
        return new Decorator(spec.withFields(fields), client, clientName);
    }

    /**
     * Sends to this client. It still decides only at the first call made once the client is configured.
     *
     * @param client the client, not null
     * @return a new decorator
     */
    public Decorator client(MetlogClient client) {
        if (client == null) {
            throw new IllegalArgumentException(this + ": the client must not be null");
        }
        return new Decorator(spec, client, null);
    }

    /**
     * Sends to the {@link ClientHolder} client of this name, looked up at call time (never created by the lookup).
     *
     * @param clientName the holder name; null or blank means the holder's default client
     * @return a new decorator
     */
    public Decorator clientName(String clientName) {
        String n = clientName == null || clientName.isBlank() ? null : clientName.trim();
        return new Decorator(spec, null, n);
    }

    /** {@return a new deferred decision for one wrapper or proxied method, finding its client as described above} */
    LazyAround lazy() {
        return new LazyAround(spec, this::resolveClient);
    }

    /** {@return the client now, or null if none can be found yet} */
    private MetlogClient resolveClient() {
        if (client != null) {
            return client;
        }
        return clientName != null ? ClientHolder.peek(clientName) : ClientHolder.getDefault();
    }

    /**
     * Wraps a Runnable.
     *
     * @param task the code to time or count, not null
     * @return the wrapper
     * @throws IllegalArgumentException if the task is null
     */
    public Runnable runnable(Runnable task) {
        return new Wrappers.DecoratedRunnable(require(task, "Runnable"), lazy(), toString());
    }

    /**
     * Wraps a Callable; its exceptions reach the caller unchanged.
     *
     * @param task the code to time or count, not null
     * @param <T>  the result type
     * @return the wrapper
     * @throws IllegalArgumentException if the task is null
     */
    public <T> Callable<T> callable(Callable<T> task) {
        return new Wrappers.DecoratedCallable<>(require(task, "Callable"), lazy(), toString());
    }

    /**
     * Wraps a Supplier.
     *
     * @param task the code to time or count, not null
     * @param <T>  the result type
     * @return the wrapper
     * @throws IllegalArgumentException if the task is null
     */
    public <T> Supplier<T> supplier(Supplier<T> task) {
        return new Wrappers.DecoratedSupplier<>(require(task, "Supplier"), lazy(), toString());
    }

    /**
     * Wraps a Function.
     *
     * @param task the code to time or count, not null
     * @param <T>  the argument type
     * @param <R>  the result type
     * @return the wrapper
     * @throws IllegalArgumentException if the task is null
     */
    public <T, R> Function<T, R> function(Function<T, R> task) {
        return new Wrappers.DecoratedFunction<>(require(task, "Function"), lazy(), toString());
    }

    private <X> X require(X task, String what) {
        if (task == null) {
            throw new IllegalArgumentException(this + ": the wrapped " + what + " must not be null");
        }
        return task;
    }

    @Override
    public String toString() {
        return spec.describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decorator d && spec.equals(d.spec) && client == d.client
            && Objects.equals(clientName, d.clientName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, System.identityHashCode(client), clientName);
    }
}
