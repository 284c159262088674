package org.metlog.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.step.StepDistributionSummary;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.step.StepTimer;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.metlog.MetlogClient;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;

/**
 * A Micrometer {@link io.micrometer.core.instrument.MeterRegistry} that sends every meter through a
 * {@link MetlogClient} once per step: counters as {@code counter} messages (the step's count), gauges as
 * {@code gauge}, timers, distribution summaries and function timers as one {@code timer} message per step (the
 * step's mean as payload; {@code count}, {@code sum}, {@code max} and percentiles as fields), long-task timers as a
 * {@code gauge} of their active tasks. A meter's tags become fields of its messages; names go through
 * {@link MetlogNamingConvention}. docs/micrometer.md describes every message.
 *
 * <p>Durations are milliseconds. Publishing runs on the registry's own daemon thread; the client's sending
 * methods never block or throw, so neither does publishing. A meter that cannot be read is reported to the
 * registry's {@link ErrorHandler}: a function counter or function timer whose function throws is read as its last
 * value (no change in that step), a custom meter whose measurement throws is skipped; the other meters are sent.
 * {@link #close()} sends the last, partial step and flushes the client, but does not close it: the client
 * belongs to the application.
 */
public final class MetlogMeterRegistry extends StepMeterRegistry {
    /** The problem reported when a meter cannot be read (its function or measurement threw): {@value}. */
    public static final String READ_FAILED = "a meter could not be read; its step shows no change or is not sent";

    private final MetlogClient client;
    private final MetlogRegistryConfig config;
    private final ReadFailures failures;
    private final MeterMessages messages;

    private MetlogMeterRegistry(Builder builder) {
        super(new StepConfig(builder.config), builder.clock);
        this.client = builder.client;
        this.config = builder.config;
        this.failures = new ReadFailures(builder.errors);
        this.messages = new MeterMessages(client);
        config().namingConvention(MetlogNamingConvention.INSTANCE);
    }

    /**
     * Starts a builder.
     *
     * @param client where the registry sends, not null
     * @return a builder with the defaults
     * @throws IllegalArgumentException if the client is null
     */
    public static Builder builder(MetlogClient client) {
        if (client == null) {
            throw new IllegalArgumentException("MetlogMeterRegistry needs a MetlogClient; the client is null");
        }
        return new Builder(client);
    }

    /** {@return the registry's settings} */
    public MetlogRegistryConfig registryConfig() {
        return config;
    }

    /** {@return the client the registry sends through} */
    public MetlogClient client() {
        return client;
    }

    @Override
    protected void publish() {
        for (Meter meter : getMeters()) {
            try {
                messages.send(meter, fullName(meter.getId()), getConventionTags(meter.getId()));
            } catch (RuntimeException e) {
                failures.report(meter.getId(), e);
            }
        }
    }

    /** Sends the last step (partial, if the step has not ended), flushes the client and stops the threads. */
    @Override
    public void close() {
        boolean open = !isClosed();
        super.close();
        if (open) {
            client.flush();
            failures.flush();
        }
    }

    private String fullName(Meter.Id id) {
        String name = getConventionName(id);
        return config.prefix().isEmpty() ? name : config.prefix() + "." + name;
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    /** Micrometer's step defaults plus the configured percentiles; a meter's own settings win over both. */
    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.builder()
            .expiry(config.step())
            .percentiles(config.percentiles())
            .build()
            .merge(DistributionStatisticConfig.DEFAULT);
    }

    // The three meters below are StepMeterRegistry's, without the extra percentile and histogram gauges it
    // registers: here the percentiles are fields of the meter's own message.

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
                             PauseDetector pauseDetector) {
        return new StepTimer(id, clock, distributionStatisticConfig, pauseDetector, getBaseTimeUnit(),
            config.step().toMillis(), false);
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id,
                                                         DistributionStatisticConfig distributionStatisticConfig,
                                                         double scale) {
        return new StepDistributionSummary(id, clock, distributionStatisticConfig, scale, config.step().toMillis(),
            false);
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig) {
        return new DefaultLongTaskTimer(id, clock, getBaseTimeUnit(), distributionStatisticConfig, false);
    }

    // An application's functions are guarded: Micrometer reads them outside publish() too (at the closing
    // rollover in close()), where an exception would escape into the application.

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
        return super.newFunctionCounter(id, obj, failures.guard(id, countFunction));
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
                                                 ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
        return super.newFunctionTimer(id, obj, failures.guard(id, countFunction), failures.guard(id, totalTimeFunction),
            totalTimeFunctionUnit);
    }

    /** Builds a {@link MetlogMeterRegistry}. Not thread-safe; build once. */
    public static final class Builder {
        private final MetlogClient client;
        private MetlogRegistryConfig config = MetlogRegistryConfig.DEFAULT;
        private Clock clock = Clock.SYSTEM;
        private ThreadFactory threadFactory = new NamedThreadFactory("metlog-micrometer-publisher");
        private ErrorHandler errors = ErrorHandlers.stderr();

        private Builder(MetlogClient client) {
            this.client = client;
        }

        /**
         * Sets the step, prefix and percentiles (default {@link MetlogRegistryConfig#DEFAULT}).
         *
         * @param config the settings, not null
         * @return this builder
         */
        public Builder config(MetlogRegistryConfig config) {
            this.config = require(config, "config");
            return this;
        }

        /**
         * Sets the clock that meters and steps are measured with (default {@link Clock#SYSTEM}); tests give a
         * {@link io.micrometer.core.instrument.MockClock}.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = require(clock, "clock");
            return this;
        }

        /**
         * Sets the factory of the publishing threads (default: daemon threads named
         * {@code metlog-micrometer-publisher}).
         *
         * @param threadFactory the factory, not null
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = require(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Sets where meters that cannot be read are reported (default a new {@link ErrorHandlers#stderr()}).
         *
         * @param handler the handler, not null
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errors = require(handler, "errorHandler");
            return this;
        }

        /** {@return a registry that publishes every step from now on, until it is closed} */
        public MetlogMeterRegistry build() {
            MetlogMeterRegistry registry = create();
            registry.start(threadFactory);
            return registry;
        }

        /** {@return a registry that publishes only when told to (tests) or closed} */
        MetlogMeterRegistry create() {
            return new MetlogMeterRegistry(this);
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("MetlogMeterRegistry.Builder." + what + " must not be null");
            }
            return value;
        }
    }
}
