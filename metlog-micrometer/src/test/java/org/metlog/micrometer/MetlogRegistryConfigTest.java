package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.metlog.spi.InvalidOptionException;

/** The registry's settings: defaults, and one clear error per bad value. */
class MetlogRegistryConfigTest {

    @Test
    void defaults_are_a_one_minute_step_no_prefix_and_no_percentiles() {
        MetlogRegistryConfig config = MetlogRegistryConfig.DEFAULT;

        assertEquals(Duration.ofMinutes(1), config.step());
        assertEquals("", config.prefix());
        assertArrayEquals(new double[0], config.percentiles());
    }

    @Test
    void settings_are_kept_and_the_percentiles_are_copied_both_ways() {
        double[] given = {0.5, 0.99};
        MetlogRegistryConfig config = MetlogRegistryConfig.builder().step(Duration.ofSeconds(10)).prefix("myapp")
            .percentiles(given).build();
        given[0] = 0.1;
        config.percentiles()[1] = 0.2;

        assertEquals(Duration.ofSeconds(10), config.step());
        assertEquals("myapp", config.prefix());
        assertArrayEquals(new double[] {0.5, 0.99}, config.percentiles());
        assertEquals("MetlogRegistryConfig{step=PT10S, prefix='myapp', percentiles=[0.5, 0.99]}", config.toString());
    }

    @Test
    void a_null_prefix_means_none() {
        assertEquals("", MetlogRegistryConfig.builder().prefix(null).build().prefix());
    }

    @Test
    void a_step_shorter_than_a_millisecond_fails_naming_the_option_the_value_and_what_was_expected() {
        assertEquals("MetlogRegistryConfig: option step = PT0.0005S: expected a duration of at least 1 ms, such as"
            + " PT1M", invalid(() -> MetlogRegistryConfig.builder().step(Duration.ofNanos(500_000))));
        assertEquals("MetlogRegistryConfig: option step = PT-1S: expected a duration of at least 1 ms, such as PT1M",
            invalid(() -> MetlogRegistryConfig.builder().step(Duration.ofSeconds(-1))));
        assertEquals("MetlogRegistryConfig: option step = null: expected a duration of at least 1 ms, such as PT1M",
            invalid(() -> MetlogRegistryConfig.builder().step(null)));
    }

    @Test
    void a_prefix_that_starts_or_ends_with_a_dot_fails_naming_it() {
        assertEquals("MetlogRegistryConfig: option prefix = 'myapp.': expected a name that neither starts nor ends"
            + " with '.' (it is joined to meter names with one)",
            invalid(() -> MetlogRegistryConfig.builder().prefix("myapp.")));
        invalid(() -> MetlogRegistryConfig.builder().prefix(".myapp"));
    }

    @Test
    void a_percentile_outside_0_to_1_or_not_a_number_fails_listing_the_percentiles_given() {
        assertEquals("MetlogRegistryConfig: option percentiles = [0.5, 99.0]: expected numbers from 0 to 1, such as"
            + " 0.5, 0.99", invalid(() -> MetlogRegistryConfig.builder().percentiles(0.5, 99)));
        invalid(() -> MetlogRegistryConfig.builder().percentiles(Double.NaN));
        invalid(() -> MetlogRegistryConfig.builder().percentiles(-0.1));
    }

    private static String invalid(Runnable setting) {
        return assertThrows(InvalidOptionException.class, setting::run).getMessage();
    }
}
