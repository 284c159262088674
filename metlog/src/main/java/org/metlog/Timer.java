package org.metlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A named timer of a {@link MetlogClient}: each timing sends a {@code timer} message whose payload is the
 * elapsed whole milliseconds.
 *
 * <p>A Timer is immutable and thread-safe; keep one in a field and use it from any number of threads. Each
 * timing is a {@link Context}, so concurrent timings never share state, and {@link #result()} gives each thread
 * the elapsed time of its own last timing. Whether the timer is disabled (the client's disabled timers) is
 * decided at each {@link #start()}, so a timer created before configuration follows the configuration loaded
 * later. A disabled or sampled-out timing reads no clock and creates no object. Durations are measured with the
 * client's monotonic clock and sampling decisions drawn from its random source
 * ({@link MetlogClient.Builder#nanoClock} and {@link MetlogClient.Builder#random}).
 *
 * <pre>{@code
 * try (Timer.Context t = client.timer("db.query").start()) {
 *     runQuery();
 * }
 * Timer render = client.timer("render", 0.1);     // 10% of calls are timed
 * String html = render.get(() -> page.render());
 * }</pre>
 */
public final class Timer {
    private final Statistics statistics;
    private final String name;
    private final double rate;
    private final String logger;
    private final Integer severity;
    private final Map<String, ?> fields;
    private final ThreadLocal<long[]> lastResult = ThreadLocal.withInitial(() -> new long[] {-1});

    Timer(Statistics statistics, String name, double rate, String logger, Integer severity, Map<String, ?> fields) {
        this.statistics = statistics;
        this.name = name;
        this.rate = rate;
        this.logger = logger;
        this.severity = severity;
        // a copy that, like message fields, may hold null values (Map.copyOf would refuse them)
        this.fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** {@return the timer's name, sent as the {@code name} field} */
    public String name() {
        return name;
    }

    /** {@return the sample rate, 0 to 1} */
    public double rate() {
        return rate;
    }

    /**
     * Starts one timing. Close the context (try-with-resources) to send it. Never blocks; never throws.
     *
     * @return a running context, or {@link Context#DISABLED} (shared, does nothing) if the timer is disabled or
     *     this call is sampled out
     */
    public Context start() {
        TimeAndChance time = statistics.time();
        if (statistics.isTimerDisabled(name) || time.sampledOut(rate)) {
            return Context.DISABLED;
        }
        return new Context(this, time.nanos());
    }

    /**
     * Times one run of {@code task}. The timing is sent even if the task throws.
     *
     * @param task the code to time
     */
    public void run(Runnable task) {
        Context context = start();
        try {
            task.run();
        } finally {
            context.close();
        }
    }

    /**
     * Times one call of {@code task} and returns its result. The timing is sent even if the task throws.
     *
     * @param task the code to time
     * @param <T>  the result type
     * @return the task's result
     * @throws Exception whatever the task throws, unchanged
     */
    public <T> T call(Callable<T> task) throws Exception {
        Context context = start();
        try {
            return task.call();
        } finally {
            context.close();
        }
    }

    /**
     * Times one call of {@code task} and returns its result. The timing is sent even if the task throws.
     *
     * @param task the code to time
     * @param <T>  the result type
     * @return the task's result
     */
    public <T> T get(Supplier<T> task) {
        Context context = start();
        try {
            return task.get();
        } finally {
            context.close();
        }
    }

    /**
     * Returns a Runnable that times every run of {@code task} with this timer.
     *
     * @param task the code to time
     * @return the timed wrapper
     */
    public Runnable wrap(Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        return () -> run(task);
    }

    /**
     * Returns a Callable that times every call of {@code task} with this timer.
     *
     * @param task the code to time
     * @param <T>  the result type
     * @return the timed wrapper
     */
    public <T> Callable<T> wrapCallable(Callable<T> task) {
        java.util.Objects.requireNonNull(task, "task");
        return () -> call(task);
    }

    /**
     * Returns a Supplier that times every call of {@code task} with this timer.
     *
     * @param task the code to time
     * @param <T>  the result type
     * @return the timed wrapper
     */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        java.util.Objects.requireNonNull(task, "task");
        return () -> get(task);
    }

    /**
     * Returns the elapsed milliseconds of the last timing that the calling thread completed with this timer.
     *
     * @return whole milliseconds, or -1 if this thread has completed none (disabled and sampled-out timings
     *     leave the previous value in place)
     */
    public long result() {
        return lastResult.get()[0];
    }

    private void finish(long elapsedMs) {
        lastResult.get()[0] = elapsedMs;
        statistics.timer(name, elapsedMs, rate, logger, severity, fields);
    }

    /**
     * One running timing. Closing it stops the clock and sends the timer message; closing again does nothing.
     * A context belongs to the thread that started it.
     */
    public static final class Context implements AutoCloseable {
        /** The shared context of a disabled or sampled-out timing: it measures and sends nothing. */
        public static final Context DISABLED = new Context(null, 0);

        private final Timer timer;
        private final long startNanos;
        private long result = -1;

        private Context(Timer timer, long startNanos) {
            this.timer = timer;
            this.startNanos = startNanos;
        }

        /** {@return true if this timing measures and sends; false for {@link #DISABLED}} */
        public boolean isActive() {
            return timer != null;
        }

        /** {@return the elapsed whole milliseconds once closed; -1 before, and always for {@link #DISABLED}} */
        public long result() {
            return result;
        }

        /** Stops the clock and sends the timer message, once. Never throws. */
        @Override
        public void close() {
            if (timer == null || result >= 0) {
                return;
            }
            result = (timer.statistics.time().nanos() - startNanos) / 1_000_000L;
            timer.finish(result);
        }
    }
}
