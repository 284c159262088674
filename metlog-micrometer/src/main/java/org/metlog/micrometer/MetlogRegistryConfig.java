package org.metlog.micrometer;

import java.time.Duration;
import java.util.Arrays;
import org.metlog.spi.InvalidOptionException;

/**
 * The settings of a {@link MetlogMeterRegistry}: how often it publishes, the prefix of every name it sends and the
 * percentiles its timers and distribution summaries send by default. Immutable and thread-safe; built with
 * {@link #builder()}, which checks every value when it is set.
 *
 * <p>Defaults: a step of one minute (Micrometer's), no prefix, no percentiles.
 */
public final class MetlogRegistryConfig {
    /** The settings with every default. */
    public static final MetlogRegistryConfig DEFAULT = builder().build();

    private static final String CONTEXT = "MetlogRegistryConfig";

    private final Duration step;
    private final String prefix;
    private final double[] percentiles;

    private MetlogRegistryConfig(Builder builder) {
        this.step = builder.step;
        this.prefix = builder.prefix;
        this.percentiles = builder.percentiles.clone();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return how often meters are published; each message describes one step of this length} */
    public Duration step() {
        return step;
    }

    /** {@return the prefix joined with a {@code .} before every meter name, or {@code ""} for none} */
    public String prefix() {
        return prefix;
    }

    /** {@return the default percentiles (0 to 1) of timers, distribution summaries and long-task timers; a copy} */
    public double[] percentiles() {
        return percentiles.clone();
    }

    @Override
    public String toString() {
        return CONTEXT + "{step=" + step + ", prefix='" + prefix + "', percentiles=" + Arrays.toString(percentiles)
            + "}";
    }

    /** Builds a {@link MetlogRegistryConfig}; each setter throws {@link InvalidOptionException} for a bad value. */
    public static final class Builder {
        private Duration step = Duration.ofMinutes(1);
        private String prefix = "";
        private double[] percentiles = new double[0];

        private Builder() {
        }

        /**
         * Sets how often meters are published (default one minute).
         *
         * @param step at least one millisecond
         * @return this builder
         * @throws InvalidOptionException if the step is null or shorter than one millisecond
         */
        public Builder step(Duration step) {
            if (step == null || step.toMillis() < 1) {
                throw invalid("step", step, "a duration of at least 1 ms, such as PT1M");
            }
            this.step = step;
            return this;
        }

        /**
         * Sets the prefix of every meter name (default none): {@code "myapp"} sends {@code myapp.http.requests}.
         * The client's own prefix, if it has one, comes before this one.
         *
         * @param prefix the prefix; null or empty means none
         * @return this builder
         * @throws InvalidOptionException if the prefix starts or ends with a {@code .}
         */
        public Builder prefix(String prefix) {
            String value = prefix == null ? "" : prefix;
            if (value.startsWith(".") || value.endsWith(".")) {
                throw invalid("prefix", "'" + value + "'", "a name that neither starts nor ends with '.' (it is"
                    + " joined to meter names with one)");
            }
            this.prefix = value;
            return this;
        }

        /**
         * Sets the percentiles that timers, distribution summaries and long-task timers send unless a meter
         * sets its own (default none). {@code percentiles(0.5, 0.99)} adds fields {@code p50} and {@code p99}.
         *
         * @param percentiles each from 0 to 1; none means none
         * @return this builder
         * @throws InvalidOptionException if a percentile is outside 0 to 1 or not a number
         */
        public Builder percentiles(double... percentiles) {
            double[] values = percentiles == null ? new double[0] : percentiles.clone();
            for (double p : values) {
                if (!(p >= 0.0 && p <= 1.0)) {
                    throw invalid("percentiles", Arrays.toString(values), "numbers from 0 to 1, such as 0.5, 0.99");
                }
            }
            this.percentiles = values;
            return this;
        }

        /** {@return the settings} */
        public MetlogRegistryConfig build() {
            return new MetlogRegistryConfig(this);
        }

        private static InvalidOptionException invalid(String key, Object value, String expected) {
            return new InvalidOptionException(CONTEXT + ": option " + key + " = " + value + ": expected " + expected);
        }
    }
}
