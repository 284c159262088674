package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

class LogContextTest {
    @Test
    void the_defaults_copy_every_mdc_entry_key_values_markers_thread_and_logger_name() {
        LogContext defaults = LogContext.defaults();
        assertTrue(defaults.copiesMdc());
        assertTrue(defaults.copiesMdc("trace_id"));
        assertTrue(defaults.keyValues() && defaults.markers() && defaults.threadName() && defaults.loggerName());
        assertEquals(Set.of(), defaults.mdcKeys());
    }

    @Test
    void the_reserved_names_are_never_copied_from_the_mdc() {
        for (String reserved : List.of("logger_name", "loglevel", "thread", "markers")) {
            assertTrue(LogContext.isReserved(reserved));
            assertFalse(LogContext.defaults().copiesMdc(reserved), reserved);
        }
        assertFalse(LogContext.isReserved("trace_id"));
    }

    @Test
    void mdc_takes_true_false_or_a_comma_separated_list_of_keys() {
        assertFalse(LogContext.builder().option("t", "mdc", " FALSE ").build().copiesMdc());
        assertTrue(LogContext.builder().option("t", "mdc", "false").option("t", "mdc", "True").build()
            .copiesMdc("anything"));
        LogContext keys = LogContext.builder().option("t", "mdc", " trace_id , span_id").build();
        assertEquals(Set.of("trace_id", "span_id"), keys.mdcKeys());
        assertTrue(keys.copiesMdc("trace_id"));
        assertFalse(keys.copiesMdc("user"));
    }

    @Test
    void the_flags_take_true_or_false_in_any_case_and_null_leaves_the_default() {
        LogContext context = LogContext.builder().option("t", "keyValues", "false").option("t", "markers", "FALSE")
            .option("t", "threadName", " false ").option("t", "loggerName", "False").option("t", "mdc", null)
            .build();
        assertFalse(context.keyValues() || context.markers() || context.threadName() || context.loggerName());
        assertTrue(context.copiesMdc("trace_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "", "on"})
    void a_flag_that_is_not_true_or_false_fails_naming_the_owner_option_value_and_what_was_expected(String value) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> LogContext.builder().option("MetlogAppender METLOG", "threadName", value));
        assertEquals("MetlogAppender METLOG: threadName = '" + value + "': expected true or false", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"trace_id,,span_id", "trace_id,loglevel", "' '"})
    void an_mdc_list_with_a_blank_or_reserved_key_fails_naming_the_value(String value) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> LogContext.builder().option("owner", "mdc", value));
        assertTrue(e.getMessage().startsWith("owner: mdc = '" + value + "': expected true, false or a"
            + " comma-separated list of keys"), e.getMessage());
    }

    @Test
    void an_unknown_option_fails_listing_the_known_ones() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
            () -> LogContext.builder().option("owner", "threadname", "true"));
        assertEquals("owner: unknown option 'threadname'; expected one of " + LogContext.OPTIONS, e.getMessage());
    }

    @Test
    void log_levels_put_every_framework_on_one_ladder() {
        assertEquals(List.of(3, 4, 6, 5, 7), List.of(LogLevels.jul(Level.SEVERE), LogLevels.jul(Level.WARNING),
            LogLevels.jul(Level.INFO), LogLevels.jul(Level.CONFIG), LogLevels.jul(Level.FINEST)));
        assertEquals(List.of(3, 4, 6, 7, 7), List.of(LogLevels.logback(40_000), LogLevels.logback(30_000),
            LogLevels.logback(20_000), LogLevels.logback(10_000), LogLevels.logback(5_000)));
        assertEquals(List.of(2, 3, 4, 6, 7, 7), List.of(LogLevels.log4j2(100), LogLevels.log4j2(200),
            LogLevels.log4j2(300), LogLevels.log4j2(400), LogLevels.log4j2(500), LogLevels.log4j2(600)));
    }
}
