package org.metlog.config;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;

/** Every kind of bad configuration fails with one exception whose message says where, what and what instead. */
class ConfigErrorsTest {
    private static final String CAPTURE = "metlog.senders.DebugCaptureSender";

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
        ProbeSender.BUILT.clear();
    }

    private static <T extends Throwable> String fails(Class<T> type, Executable action) {
        return assertThrows(type, action).getMessage();
    }

    private static String iniFails(Class<? extends Throwable> type, String ini) {
        return fails(type, () -> MetlogConfig.clientFromText(ini, "metlog"));
    }

    // ------------------------------------------------------------------ file and section

    @Test
    void a_missing_section_names_the_file_and_lists_the_sections_present(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, "[app]\na = 1\n[metlog_filter_x]\nprovider = p\n");
        assertEquals(file + ": section [metlog] not found; sections present: [app], [metlog_filter_x]",
            fails(MissingSectionException.class, () -> MetlogConfig.clientFromPath(file, "metlog")));
        assertEquals("INI text: section [metlog] not found; the text has no sections",
            iniFails(MissingSectionException.class, ""));
    }

    @Test
    void a_line_that_is_not_ini_names_the_line() {
        assertEquals("INI text: not a valid INI file: parse error (at line: 3): lonely line (expected '[section]',"
            + " 'option = value' or a comment)", iniFails(IniSyntaxException.class,
            "[metlog]\nsender_class = x\nlonely line\n"));
    }

    @Test
    void an_option_before_the_first_section_is_an_error() {
        assertEquals("INI text: not a valid INI file: parse error (at line: 1): logger = app (expected"
            + " '[section]', 'option = value' or a comment)",
            iniFails(IniSyntaxException.class, "logger = app\n[metlog]\n"));
    }

    @Test
    void an_option_given_twice_is_an_error() {
        assertEquals("INI text [metlog]: option logger is given 2 times; give each option once",
            iniFails(IniSyntaxException.class, "[metlog]\nlogger = a\nLogger = b\n"));
    }

    @Test
    void a_section_given_twice_is_an_error() {
        assertEquals("INI text: section [metlog] appears 2 times; give each section once",
            iniFails(IniSyntaxException.class, "[metlog]\nlogger = a\n[metlog]\nseverity = 3\n"));
    }

    // ------------------------------------------------------------------ main section

    @Test
    void a_missing_sender_class_is_an_error_in_ini_and_map_form() {
        assertEquals("INI text [metlog]: required option sender_class is missing: expected the sender's class"
            + " name, such as metlog.senders.dev.StdoutSender or org.metlog.senders.FileSender",
            iniFails(InvalidOptionException.class, "[metlog]\nlogger = app\nsender_port = 5\n"));
        assertEquals("configuration map: required option sender.class is missing: expected the sender's class"
            + " name, such as metlog.senders.dev.StdoutSender or org.metlog.senders.FileSender",
            fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of("logger", "app"))));
    }

    @Test
    void an_unknown_top_level_option_is_an_error_listing_the_accepted_ones() {
        assertEquals("INI text [metlog]: unknown option severty = 4; accepted options: logger, severity,"
            + " disabled_timers, prefix, stats_interval, error_handler, sender_*, global_* (filters and plugins go in"
            + " [metlog_filter_NAME] and [metlog_plugin_NAME] sections, default fields in [metlog_fields])",
            iniFails(UnknownOptionException.class, "[metlog]\nseverty = 4\nsender_class = " + CAPTURE + "\n"));
        assertEquals("configuration map: unknown options extensions = {}, severty = 4; accepted options: logger,"
            + " severity, disabled_timers, prefix, stats_interval, error_handler, sender, filters, plugins, global,"
            + " fields, sender_*, global_*",
            fails(UnknownOptionException.class, () -> MetlogConfig.clientFromMap(Map.of("severty", 4,
                "extensions", Map.of(), "sender", Map.of("class", CAPTURE)))));
    }

    @Test
    void a_bad_number_names_the_option_and_value() {
        assertEquals("INI text [metlog]: option severity = 'high': expected an integer",
            iniFails(InvalidOptionException.class, "[metlog]\nseverity = high\nsender_class = " + CAPTURE));
        assertEquals("INI text [metlog]: option severity = 9: expected an integer from 0 to 7",
            iniFails(InvalidOptionException.class, "[metlog]\nseverity = 9\nsender_class = " + CAPTURE));
    }

    @Test
    void a_list_where_one_value_belongs_is_an_error() {
        assertEquals("INI text [metlog]: option logger = [a, b]: expected a string",
            iniFails(InvalidOptionException.class, "[metlog]\nlogger = a\n  b\nsender_class = " + CAPTURE));
    }

    @Test
    void filters_or_plugins_keys_in_an_ini_section_point_to_the_sections_to_use() {
        assertEquals("INI text [metlog]: option filters = 'x' cannot be given in INI form: configure each one in"
            + " its own [metlog_filter_NAME] section", iniFails(InvalidOptionException.class,
            "[metlog]\nfilters = x\n"));
        assertEquals("INI text [metlog]: option sender = 'x' cannot be given in INI form: write sender_NAME ="
            + " VALUE for each sender option", iniFails(InvalidOptionException.class, "[metlog]\nsender = x\n"));
    }

    @Test
    void a_sender_that_is_not_a_map_is_an_error() {
        assertEquals("configuration map: option sender = 'x': expected a nested set of options",
            fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of("sender", "x"))));
    }

    // ------------------------------------------------------------------ classes

    @Test
    void an_unknown_sender_class_is_an_error() {
        assertEquals("INI text [metlog] sender org.example.NoSuchSender: unknown class 'org.example.NoSuchSender'",
            iniFails(ComponentNotAllowedException.class, "[metlog]\nsender_class = org.example.NoSuchSender\n"));
        assertEquals("INI text [metlog] sender metlog.senders.NoSuchSender: unknown class"
            + " 'metlog.senders.NoSuchSender' (not a known metlog-py name either; see Components.aliases())",
            iniFails(ComponentNotAllowedException.class, "[metlog]\nsender_class = metlog.senders.NoSuchSender\n"));
    }

    @Test
    void a_class_that_is_not_a_sender_is_refused_naming_the_expected_interface() {
        assertEquals("INI text [metlog] sender java.lang.ProcessBuilder: class 'java.lang.ProcessBuilder' is not a"
            + " sender: it must implement org.metlog.spi.Sender",
            iniFails(ComponentNotAllowedException.class, "[metlog]\nsender_class = java.lang.ProcessBuilder\n"));
    }

    @Test
    void a_class_that_is_not_a_filter_provider_is_refused() {
        assertEquals("INI text [metlog_filter_x] filter java.lang.Runtime: class 'java.lang.Runtime' is not a"
            + " filter provider: it must implement org.metlog.spi.FilterProvider",
            iniFails(ComponentNotAllowedException.class, "[metlog]\nsender_class = " + CAPTURE
                + "\n[metlog_filter_x]\nprovider = java.lang.Runtime\n"));
    }

    @Test
    void a_refused_class_never_runs_any_of_its_code() {
        String trap = BoobyTrappedClass.class.getName();
        for (String ini : List.of(
            "[metlog]\nsender_class = " + trap + "\n",
            "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_filter_x]\nprovider = " + trap + "\n",
            "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_plugin_x]\nprovider = " + trap + "\n")) {
            String message = iniFails(ComponentNotAllowedException.class, ini);
            assertFalse(Tripwire.TRIPPED.get(), message);
        }
        assertEquals("INI text [metlog_plugin_x] plugin " + trap + ": class '" + trap + "' is not a plugin"
            + " provider: it must implement org.metlog.PluginProvider", iniFails(ComponentNotAllowedException.class,
            "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_plugin_x]\nprovider = " + trap + "\n"));
    }

    // ------------------------------------------------------------------ options of components

    @Test
    void a_mistyped_sender_option_is_an_error_listing_the_accepted_options() {
        assertEquals("INI text [metlog] sender metlog.senders.dev.StdoutSender: unknown option sender_formater ="
            + " 'org.metlog.senders.Formatters#payload'; accepted options: sender_formatter",
            iniFails(UnknownOptionException.class, "[metlog]\nsender_class = metlog.senders.dev.StdoutSender\n"
                + "sender_formater = org.metlog.senders.Formatters#payload\n"));
    }

    @Test
    void a_bad_sender_option_value_names_the_sender_option_and_value() {
        assertEquals("configuration map sender metlog.senders.dev.StreamSender: option stream = 'nowhere':"
            + " expected stdout or stderr", fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(
            Map.of("sender", Map.of("class", "metlog.senders.dev.StreamSender", "stream", "nowhere")))));
    }

    @Test
    void too_many_positional_sender_args_is_an_error() {
        String message = fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of("sender",
            Map.of("class", "metlog.senders.dev.FileSender", "args", List.of("a", "b", "c")))));
        assertEquals("configuration map sender metlog.senders.dev.FileSender: 3 positional args [a, b, c] given,"
            + " but it takes at most 2 (filepath, formatter)", message);
    }

    @Test
    void a_bad_number_in_a_filter_section_names_that_section() {
        assertEquals("INI text [metlog_filter_sev] filter metlog.filters.severity_max_provider: option severity ="
            + " 'four': expected an integer", iniFails(InvalidOptionException.class, "[metlog]\nsender_class = "
            + CAPTURE + "\n[metlog_filter_sev]\nprovider = metlog.filters.severity_max_provider\nseverity = four\n"));
    }

    @Test
    void an_unknown_filter_option_is_an_error() {
        assertEquals("INI text [metlog_filter_sev] filter metlog.filters.severity_max: unknown option sevrity = 4;"
            + " accepted options: severity", iniFails(UnknownOptionException.class, "[metlog]\nsender_class = "
            + CAPTURE + "\n[metlog_filter_sev]\nprovider = metlog.filters.severity_max\nseverity = 4\nsevrity = 4\n"));
    }

    @Test
    void a_filter_section_without_provider_is_an_error() {
        assertEquals("INI text [metlog_filter_sev]: required option provider is missing: expected a filter"
            + " provider, such as metlog.filters.severity_max", iniFails(InvalidOptionException.class,
            "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_filter_sev]\nseverity = 4\n"));
    }

    @Test
    void a_plugin_section_without_provider_is_an_error() {
        assertEquals("INI text [metlog_plugin_dummy]: required option provider is missing: expected a plugin"
            + " provider (a class implementing org.metlog.PluginProvider)", iniFails(InvalidOptionException.class,
            "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_plugin_dummy]\nport = 1\n"));
    }

    @Test
    void a_bad_override_value_is_an_error() {
        assertEquals("configuration map plugins['dummy']: option override = 2: expected true, false or the name"
            + " of the method the plugin may replace", fails(InvalidOptionException.class,
            () -> MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE), "plugins", Map.of("dummy",
                List.of(ConfigPlugin.class.getName(), Map.of("override", 2)))))));
    }

    @Test
    void a_filter_that_is_not_a_provider_options_pair_is_an_error() {
        assertEquals("configuration map filters[0]: 'metlog.filters.severity_max': expected a [provider, options]"
            + " pair such as [\"metlog.filters.severity_max\", {\"severity\": 4}]",
            fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of(
                "sender", Map.of("class", CAPTURE), "filters", List.of("metlog.filters.severity_max")))));
        assertEquals("configuration map: option filters = {a=b}: expected a list of [provider, options] pairs",
            fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of(
                "sender", Map.of("class", CAPTURE), "filters", Map.of("a", "b")))));
    }

    @Test
    void a_missing_environment_variable_fails_the_whole_load() {
        String message = iniFails(MissingEnvironmentVariableException.class,
            "[metlog]\nsender_class = " + CAPTURE + "\nsender_host = ${METLOG_TEST_SURELY_UNSET_VARIABLE}\n");
        assertEquals("INI text [metlog]: option sender_host = '${METLOG_TEST_SURELY_UNSET_VARIABLE}': environment"
            + " variable METLOG_TEST_SURELY_UNSET_VARIABLE is not set", message);
    }

    @Test
    void map_keys_must_be_strings() {
        Map<Object, Object> sender = Map.of("class", CAPTURE, 5, "x");
        @SuppressWarnings("unchecked")
        Map<String, ?> config = (Map<String, ?>) (Map<?, ?>) Map.of("sender", sender);
        assertEquals("configuration map: key 5 (java.lang.Integer): expected string keys",
            fails(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(config)));
    }

    @Test
    void every_error_is_a_configuration_exception() {
        assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromText("[x]\n", "metlog"));
        assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromMap(null));
        assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromText("[metlog]\n", ""));
    }
}
