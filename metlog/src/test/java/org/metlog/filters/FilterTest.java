package org.metlog.filters;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.message.Message;
import org.metlog.config.Components;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;

public class FilterTest {

    private static Message msg(String type, int severity) {
        return Message.builder(type).severity(severity).build();
    }

    @Test
    void severity_max_keeps_messages_at_or_below_the_severity_number() {
        Filter filter = Filter.severityMax(4);
        assertTrue(filter.test(msg("oldstyle", 0)));
        assertTrue(filter.test(msg("oldstyle", 4)));
        assertFalse(filter.test(msg("oldstyle", 5)));
        assertFalse(filter.test(msg("oldstyle", 7)));
        assertThrows(IllegalArgumentException.class, () -> Filter.severityMax(8));
    }

    @Test
    void type_blacklist_drops_only_the_listed_types() {
        Filter filter = Filter.typeBlacklist(List.of("timer", "counter"));
        assertFalse(filter.test(msg("timer", 6)));
        assertFalse(filter.test(msg("counter", 6)));
        assertTrue(filter.test(msg("oldstyle", 6)));
    }

    @Test
    void type_whitelist_keeps_only_the_listed_types() {
        Filter filter = Filter.typeWhitelist(List.of("timer", "oldstyle"));
        assertTrue(filter.test(msg("timer", 6)));
        assertTrue(filter.test(msg("oldstyle", 6)));
        assertFalse(filter.test(msg("counter", 6)));
    }

    @Test
    void type_severity_max_limits_listed_types_and_passes_others() {
        Filter filter = Filter.typeSeverityMax(Map.of("oldstyle", 3));
        assertTrue(filter.test(msg("oldstyle", 3)));
        assertFalse(filter.test(msg("oldstyle", 4)));
        assertTrue(filter.test(msg("counter", 7)));
        assertThrows(IllegalArgumentException.class, () -> Filter.typeSeverityMax(Map.of("oldstyle", 9)));
    }

    @Test
    void filter_all_keeps_everything() {
        assertTrue(Filter.ALL.test(msg("anything", 7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metlog.filters.severity_max", "metlog.filters.severity_max_provider",
        "org.metlog.filters.SeverityMaxProvider"})
    void severity_max_provider_is_built_by_its_metlog_py_and_java_names(String name) {
        Filter filter = Components.filter(name, Options.of(Map.of("severity", "4")));
        assertTrue(filter.test(msg("oldstyle", 4)));
        assertFalse(filter.test(msg("oldstyle", 5)));
        Filter numeric = Components.filter(name, Options.of(Map.of("severity", 2)));
        assertFalse(numeric.test(msg("oldstyle", 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metlog.filters.type_blacklist", "metlog.filters.type_blacklist_provider",
        "org.metlog.filters.TypeBlacklistProvider"})
    void type_blacklist_provider_is_built_by_its_metlog_py_and_java_names(String name) {
        Filter filter = Components.filter(name, Options.of(Map.of("types", List.of("timer", "counter"))));
        assertFalse(filter.test(msg("timer", 6)));
        assertTrue(filter.test(msg("oldstyle", 6)));
        Filter single = Components.filter(name, Options.of(Map.of("types", "timer")));
        assertFalse(single.test(msg("timer", 6)));
        assertTrue(single.test(msg("counter", 6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metlog.filters.type_whitelist", "metlog.filters.type_whitelist_provider",
        "org.metlog.filters.TypeWhitelistProvider"})
    void type_whitelist_provider_is_built_by_its_metlog_py_and_java_names(String name) {
        Filter filter = Components.filter(name, Options.of(Map.of("types", List.of("timer", "oldstyle"))));
        assertTrue(filter.test(msg("timer", 6)));
        assertFalse(filter.test(msg("counter", 6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metlog.filters.type_severity_max", "metlog.filters.type_severity_max_provider",
        "org.metlog.filters.TypeSeverityMaxProvider"})
    void type_severity_max_provider_accepts_the_metlog_py_nested_shape(String name) {
        Filter filter = Components.filter(name, Options.of(Map.of("types",
            Map.of("oldstyle", Map.of("severity", 3), "timer", "5"))));
        assertFalse(filter.test(msg("oldstyle", 4)));
        assertTrue(filter.test(msg("oldstyle", 3)));
        assertFalse(filter.test(msg("timer", 6)));
        assertTrue(filter.test(msg("counter", 7)));
    }

    @Test
    void type_severity_max_provider_accepts_flat_ini_options() {
        Filter filter = Components.filter("metlog.filters.type_severity_max_provider",
            Options.of(Map.of("oldstyle_severity", "3")));
        assertFalse(filter.test(msg("oldstyle", 4)));
        assertTrue(filter.test(msg("timer", 7)));
    }

    @Test
    void providers_report_missing_and_bad_options_naming_the_key() {
        InvalidOptionException missing = assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.severity_max", Options.of(Map.of())));
        assertTrue(missing.getMessage().contains("severity"), missing.getMessage());
        InvalidOptionException range = assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.severity_max", Options.of(Map.of("severity", "9"))));
        assertTrue(range.getMessage().contains("'9'") && range.getMessage().contains("0 to 7"), range.getMessage());
        assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.type_whitelist", Options.of(Map.of())));
        assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.type_blacklist", Options.of(Map.of())));
        assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.type_severity_max", Options.of(Map.of())));
        InvalidOptionException nested = assertThrows(InvalidOptionException.class,
            () -> Components.filter("metlog.filters.type_severity_max",
                Options.of(Map.of("types", Map.of("oldstyle", Map.of("severity", "loud"))))));
        assertTrue(nested.getMessage().contains("types.oldstyle"), nested.getMessage());
    }

    @Test
    void providers_reject_unknown_options_listing_the_accepted_ones() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
            () -> Components.filter("metlog.filters.severity_max", Options.of(Map.of("severity", 4, "sevrity", 3))));
        assertTrue(e.getMessage().contains("sevrity") && e.getMessage().contains("accepted options: severity"),
            e.getMessage());
    }

    @Test
    void a_static_method_returning_a_filter_can_be_named_as_provider() {
        Filter filter = Components.filter("org.metlog.filters.FilterTest#onlyCounters", Options.of(Map.of()));
        assertTrue(filter.test(msg("counter", 6)));
        assertFalse(filter.test(msg("timer", 6)));
    }

    @Test
    void a_class_that_is_not_a_filter_provider_is_refused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> Components.filter("java.lang.String", Options.of(Map.of())));
        assertInstanceOf(org.metlog.config.ComponentNotAllowedException.class, e);
        assertTrue(e.getMessage().contains(FilterProvider.class.getName()), e.getMessage());
    }

    /**
     * A filter factory named as {@code Class#method}.
     *
     * @param options ignored
     * @return a filter keeping counters only
     */
    public static Filter onlyCounters(Options options) {
        return message -> "counter".equals(message.type());
    }
}
