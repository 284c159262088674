package org.metlog.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the starter itself under {@code metlog.*}: where an INI file is, and the metrics registry.
 * The client's own keys ({@code metlog.logger}, {@code metlog.severity}, {@code metlog.sender.*},
 * {@code metlog.filter.*}, ...) are not fields here: they are handed to the library's configuration loader as
 * they are written, so that it validates them exactly as it validates INI (docs/spring-boot.md lists them).
 * Bound by Spring Boot; not thread-safe while being bound, read-only afterwards.
 */
@ConfigurationProperties(prefix = MetlogProperties.PREFIX)
public class MetlogProperties {
    /** The prefix of every property of metlog: {@value}. */
    public static final String PREFIX = "metlog";

    /**
     * Location of a metlog.ini that configures the client, such as classpath:metlog.ini or
     * file:/etc/myapp/metlog.ini; then no other client property may be given.
     */
    private String configLocation;

    /** The INI section that configures the client. */
    private String section = "metlog";

    private final Metrics metrics = new Metrics();

    /** Creates the defaults: no INI location, section {@code metlog}, metrics enabled. */
    public MetlogProperties() {
    }

    /** {@return the location of the INI file, or null to configure the client from properties} */
    public String getConfigLocation() {
        return configLocation;
    }

    /**
     * Sets the location of the INI file.
     *
     * @param configLocation a Spring resource location ({@code classpath:}, {@code file:}), or null for none
     */
    public void setConfigLocation(String configLocation) {
        this.configLocation = configLocation;
    }

    /** {@return the INI section that configures the client; default {@code metlog}} */
    public String getSection() {
        return section;
    }

    /**
     * Sets the INI section that configures the client.
     *
     * @param section the section name, such as {@code metlog}
     */
    public void setSection(String section) {
        this.section = section;
    }

    /** {@return the settings of the Micrometer registry} */
    public Metrics getMetrics() {
        return metrics;
    }

    /** The metlog Micrometer registry ({@code metlog.metrics.*}), used when Micrometer and metlog-micrometer are present. */
    public static class Metrics {
        /** Whether the application's Micrometer meters are sent through the metlog client. */
        private boolean enabled = true;

        /** How often every meter is sent; each message describes one step of this length. */
        private Duration step = Duration.ofMinutes(1);

        /** Prefix put before every meter name (prefix.name); empty for none. */
        private String prefix = "";

        /** Percentiles sent as fields of timer messages, such as 0.5, 0.99. */
        private List<Double> percentiles = new ArrayList<>();

        /** Creates the defaults: enabled, a one-minute step, no prefix, no percentiles. */
        public Metrics() {
        }

        /** {@return true if the meters are sent through metlog; default true} */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Turns the registry on or off.
         *
         * @param enabled false to leave Micrometer's meters out of metlog
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the publishing step; default one minute} */
        public Duration getStep() {
            return step;
        }

        /**
         * Sets the publishing step.
         *
         * @param step at least one millisecond
         */
        public void setStep(Duration step) {
            this.step = step;
        }

        /** {@return the prefix of meter names; default none} */
        public String getPrefix() {
            return prefix;
        }

        /**
         * Sets the prefix of meter names.
         *
         * @param prefix the prefix, empty for none
         */
        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        /** {@return the percentiles of timer messages; default none} */
        public List<Double> getPercentiles() {
            return percentiles;
        }

        /**
         * Sets the percentiles of timer messages.
         *
         * @param percentiles values from 0 to 1
         */
        public void setPercentiles(List<Double> percentiles) {
            this.percentiles = percentiles;
        }
    }
}
