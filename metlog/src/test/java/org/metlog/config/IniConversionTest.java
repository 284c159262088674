package org.metlog.config;

import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INI to map step on its own: parsing, sections and metlog-py's value conversion. */
class IniConversionTest {
    private static final Function<String, String> NO_ENV = name -> null;

    private static Object value(String raw) {
        return value(raw, NO_ENV);
    }

    private static Object value(String raw, Function<String, String> env) {
        return MetlogConfig.mapFromText("[metlog]\nsender_class = x\nv = " + raw + "\n", "metlog", env).get("v");
    }

    // ------------------------------------------------------------------ seed examples

    @Test
    void seed_1_1_1_text_config_converts_to_the_documented_dictionary() {
        String ini = """
            [metlog]
            logger = myapp
            severity = 4
            disabled_timers = foo
                              bar
            sender_class = metlog.senders.zmq.ZmqPubSender
            sender_bindstrs = tcp://127.0.0.1:5565
            sender_queue_length = 5000
            global_disabled_decorators = incr_count
            """;
        Map<String, Object> expected = Map.of(
            "logger", "myapp",
            "severity", 4,
            "disabled_timers", List.of("foo", "bar"),
            "sender", Map.of("class", "metlog.senders.zmq.ZmqPubSender",
                "bindstrs", "tcp://127.0.0.1:5565",
                "queue_length", 5000),
            "global", Map.of("disabled_decorators", List.of("incr_count")));
        assertEquals(expected, MetlogConfig.mapFromText(ini, "metlog"));
    }

    @Test
    void seed_1_2_1_ini_with_filter_sections_converts_to_the_1_2_3_dictionary() {
        String ini = """
            [metlog]
            logger = myapp
            severity = 4
            disabled_timers = foo
                                bar
            sender_class = metlog.senders.zmq.ZmqPubSender
            sender_bindstrs = tcp://127.0.0.1:5565
            sender_queue_length = 5000
            global_disabled_decorators = incr_count

            [metlog_filter_sev_max]
            provider = metlog.filters.severity_max_provider
            severity = 4

            [metlog_filter_type_whitelist]
            provider = metlog.filters.type_whitelist_provider
            types = timer
                    oldstyle
            """;
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        // The seed's dictionary names the providers by their short aliases; both name the same Java classes.
        List<?> filters = (List<?>) map.get("filters");
        assertEquals(Components.resolve("metlog.filters.severity_max"),
            Components.resolve((String) ((List<?>) filters.get(0)).get(0)));
        assertEquals(Components.resolve("metlog.filters.type_whitelist"),
            Components.resolve((String) ((List<?>) filters.get(1)).get(0)));
        Map<String, Object> withDocumentedNames = new LinkedHashMap<>(map);
        withDocumentedNames.put("filters", List.of(
            List.of("metlog.filters.severity_max", ((List<?>) filters.get(0)).get(1)),
            List.of("metlog.filters.type_whitelist", ((List<?>) filters.get(1)).get(1))));
        Map<String, Object> expected = Map.of(
            "logger", "myapp",
            "severity", 4,
            "disabled_timers", List.of("foo", "bar"),
            "sender", Map.of("class", "metlog.senders.zmq.ZmqPubSender",
                "bindstrs", "tcp://127.0.0.1:5565",
                "queue_length", 5000),
            "global", Map.of("disabled_decorators", List.of("incr_count")),
            "filters", List.of(
                List.of("metlog.filters.severity_max", Map.of("severity", 4)),
                List.of("metlog.filters.type_whitelist", Map.of("types", List.of("timer", "oldstyle")))));
        assertEquals(expected, withDocumentedNames);
    }

    @Test
    void seed_1_2_2_plugin_section_converts_to_a_plugins_entry_keyed_by_the_section_suffix() {
        String ini = """
            [metlog]
            sender_class = metlog.senders.DebugCaptureSender

            [metlog_plugin_dummysection]
            provider=metlog.tests.plugin.config_plugin
            port=8080
            host=localhost
            """;
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        assertEquals(Map.of("dummysection", List.of("metlog.tests.plugin.config_plugin",
            Map.of("port", 8080, "host", "localhost"))), map.get("plugins"));
    }

    // ------------------------------------------------------------------ value conversion

    @Test
    void integer_strings_become_integers() {
        assertEquals(5000, value("5000"));
        assertEquals(-12, value("-12"));
        assertEquals(7, value("007"));
        assertInstanceOf(Integer.class, value("5000"));
    }

    @Test
    void integers_too_large_for_an_int_become_longs_or_big_integers() {
        assertEquals(8_000_000_000L, value("8000000000"));
        assertEquals(new BigInteger("123456789012345678901234567890"), value("123456789012345678901234567890"));
    }

    @Test
    void numbers_that_are_not_plain_integers_stay_strings() {
        assertEquals("1.5", value("1.5"));
        assertEquals("+5", value("+5"));
        assertEquals("12abc", value("12abc"));
        assertEquals("1_000", value("1_000"));
    }

    @Test
    void true_words_in_any_case_become_true() {
        for (String word : List.of("true", "True", "TRUE", "t", "T", "yes", "Yes", "on", "ON")) {
            assertEquals(Boolean.TRUE, value(word), word);
        }
    }

    @Test
    void false_words_in_any_case_become_false() {
        for (String word : List.of("false", "False", "f", "F", "no", "NO", "off", "Off")) {
            assertEquals(Boolean.FALSE, value(word), word);
        }
    }

    @Test
    void one_and_zero_are_integers_not_booleans() {
        assertEquals(1, value("1"));
        assertEquals(0, value("0"));
    }

    @Test
    void other_text_stays_a_string_without_surrounding_space() {
        assertEquals("hello world", value("  hello world   "));
        assertEquals("", value(""));
        assertEquals("\"quoted\"", value("\"quoted\""));
    }

    @Test
    void an_environment_variable_reference_becomes_the_variables_value_as_a_string() {
        Function<String, String> env = Map.of("METLOG_PORT", "5566", "HOST", "logs.example.com")::get;
        assertEquals("5566", value("${METLOG_PORT}", env));
        assertEquals("logs.example.com", value("${HOST}", env));
    }

    @Test
    void environment_variable_references_inside_a_value_are_replaced_in_place() {
        Function<String, String> env = Map.of("HOST", "127.0.0.1", "PORT", "5565")::get;
        assertEquals("tcp://127.0.0.1:5565", value("tcp://${HOST}:${PORT}", env));
    }

    @Test
    void a_missing_environment_variable_is_an_error_naming_it_the_section_and_the_option() {
        MissingEnvironmentVariableException e = assertThrows(MissingEnvironmentVariableException.class,
            () -> MetlogConfig.mapFromText("[metlog]\nsender_class = x\nsender_host = ${METLOG_HOST}\n", "metlog",
                NO_ENV));
        assertEquals("METLOG_HOST", e.variable());
        assertEquals("INI text [metlog]: option sender_host = '${METLOG_HOST}': environment variable METLOG_HOST"
            + " is not set", e.getMessage());
    }

    @Test
    void a_missing_environment_variable_in_a_filter_section_names_that_section() {
        String ini = "[metlog]\nsender_class = x\n[metlog_filter_sev]\nprovider = p\nseverity = ${SEV}\n";
        MissingEnvironmentVariableException e = assertThrows(MissingEnvironmentVariableException.class,
            () -> MetlogConfig.mapFromText(ini, "metlog", NO_ENV));
        assertEquals("INI text [metlog_filter_sev]: option severity = '${SEV}': environment variable SEV is not set",
            e.getMessage());
    }

    @Test
    void an_error_in_a_multi_line_value_quotes_only_the_offending_line() {
        MissingEnvironmentVariableException e = assertThrows(MissingEnvironmentVariableException.class,
            () -> MetlogConfig.mapFromText("[metlog]\nhosts = a\n    ${NOPE}\n", "metlog", NO_ENV));
        assertEquals("INI text [metlog]: option hosts = '${NOPE}': environment variable NOPE is not set",
            e.getMessage());
    }

    @Test
    void a_malformed_environment_reference_is_an_error() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> value("${NOT-A-NAME}"));
        assertTrue(e.getMessage().startsWith("INI text [metlog]: option v = '${NOT-A-NAME}': expected an"
            + " environment variable reference ${NAME}"), e.getMessage());
    }

    @Test
    void the_process_environment_is_used_by_default() {
        String path = System.getenv("PATH");
        assertEquals(path, MetlogConfig.mapFromText("[metlog]\nv = ${PATH}\n", "metlog").get("v"));
    }

    @Test
    void a_value_continued_on_indented_lines_becomes_a_list_of_its_non_empty_lines_each_converted() {
        String ini = """
            [metlog]
            v = first
                2

                yes
              # a comment inside the value is skipped
                ${HOST}
            after = 1
            """;
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog", Map.of("HOST", "h")::get);
        assertEquals(List.of("first", 2, true, "h"), map.get("v"));
        assertEquals(1, map.get("after"));
    }

    @Test
    void a_value_starting_on_the_next_line_is_a_list_even_with_one_line() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nsender_args =\n    /tmp/x.log\n", "metlog");
        assertEquals(Map.of("args", List.of("/tmp/x.log")), map.get("sender"));
    }

    @Test
    void percent_signs_and_backslashes_reach_the_value_verbatim() {
        Map<String, Object> map = MetlogConfig.mapFromText(
            "[metlog]\nfmt = %(asctime)s %s 100%\npath = C:\\logs\\new\\\nother = $HOME\n", "metlog");
        assertEquals("%(asctime)s %s 100%", map.get("fmt"));
        assertEquals("C:\\logs\\new\\", map.get("path"));
        assertEquals("$HOME", map.get("other"));
    }

    @Test
    void ini4j_expressions_are_not_expanded_by_the_parser() {
        IniDocument doc = IniDocument.parse("[metlog]\nlogger = app\na = ${metlog/logger}\nb = ${@env/HOME}\n",
            "t");
        assertEquals("${metlog/logger}", doc.section("metlog").get("a"));
        assertEquals("${@env/HOME}", doc.section("metlog").get("b"));
    }

    @Test
    void option_names_are_lower_cased_like_configparser_and_section_names_are_not() {
        Map<String, Object> map = MetlogConfig.mapFromText("[Metlog]\nLogger = app\nSender_Class = x\n", "Metlog");
        assertEquals(Map.of("logger", "app", "sender", Map.of("class", "x")), map);
        assertThrows(MissingSectionException.class,
            () -> MetlogConfig.mapFromText("[Metlog]\nlogger = app\n", "metlog"));
    }

    @Test
    void colon_separates_options_too_and_only_the_first_separator_counts() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nurl: http://x/?a=b\nb = c:d\n", "metlog");
        assertEquals("http://x/?a=b", map.get("url"));
        assertEquals("c:d", map.get("b"));
    }

    @Test
    void providers_are_names_and_are_not_converted_while_sender_class_is_converted_as_metlog_py_does() {
        String ini = "[metlog]\nsender_class = On\n[metlog_filter_a]\nprovider = 1\n[metlog_plugin_p]\nprovider = yes\n";
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) map.get("sender")).get("class"));
        assertEquals("1", ((List<?>) ((List<?>) map.get("filters")).get(0)).get(0));
        assertEquals("yes", ((List<?>) ((Map<?, ?>) map.get("plugins")).get("p")).get(0));
    }

    @Test
    void a_single_disabled_timer_is_still_a_list() {
        assertEquals(List.of("db"), MetlogConfig.mapFromText("[metlog]\ndisabled_timers = db\n", "metlog")
            .get("disabled_timers"));
    }

    @Test
    void disabled_timer_names_are_kept_as_written_not_turned_into_booleans_or_numbers() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\ndisabled_timers = t\n    007\n    ${T}\n"
            + "global_disabled_decorators = on\n", "metlog", Map.of("T", "from_env")::get);
        assertEquals(List.of("t", "007", "from_env"), map.get("disabled_timers"));
        assertEquals(Map.of("disabled_decorators", List.of("on")), map.get("global"));
    }

    @Test
    void windows_line_endings_and_a_byte_order_mark_are_accepted() {
        String ini = "\uFEFF[metlog]\r\nlogger = app\r\ndisabled_timers = a\r\n    b\r\n";
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        assertEquals("app", map.get("logger"));
        assertEquals(List.of("a", "b"), map.get("disabled_timers"));
    }

    // ------------------------------------------------------------------ sections

    @Test
    void filter_sections_are_listed_in_file_order_not_by_name() {
        String ini = """
            [metlog]
            sender_class = x
            [metlog_filter_zzz]
            provider = first
            [other]
            a = 1
            [metlog_filter_aaa]
            provider = second
            [metlog_filter_mmm]
            provider = third
            """;
        List<?> filters = (List<?>) MetlogConfig.mapFromText(ini, "metlog").get("filters");
        assertEquals(List.of("first", "second", "third"), filters.stream().map(f -> ((List<?>) f).get(0)).toList());
    }

    @Test
    void filter_and_plugin_section_options_other_than_provider_are_converted() {
        String ini = """
            [metlog]
            sender_class = x
            [metlog_filter_f]
            provider = p
            severity = 4
            flag = on
            [metlog_plugin_p]
            provider = q
            override = true
            names = a
                    b
            """;
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        assertEquals(List.of(List.of("p", Map.of("severity", 4, "flag", true))), map.get("filters"));
        assertEquals(Map.of("p", List.of("q", Map.of("override", true, "names", List.of("a", "b")))),
            map.get("plugins"));
    }

    @Test
    void sender_sections_become_entries_of_the_senders_option() {
        String ini = """
            [metlog]
            sender_class = org.example.RouterSender
            sender_default = audit
            [metlog_sender_audit]
            class = metlog.senders.dev.FileSender
            filepath = /var/log/audit.json
            [metlog_sender_stats]
            class = metlog.senders.UdpSender
            host = logs1
                   logs2
            port = 5566
            """;
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        assertEquals(Map.of(
            "class", "org.example.RouterSender",
            "default", "audit",
            "senders", Map.of(
                "audit", Map.of("class", "metlog.senders.dev.FileSender", "filepath", "/var/log/audit.json"),
                "stats", Map.of("class", "metlog.senders.UdpSender", "host", List.of("logs1", "logs2"),
                    "port", 5566))), map.get("sender"));
    }

    @Test
    void sections_of_other_clients_and_other_tools_are_ignored() {
        String ini = "[metlog]\nsender_class = x\n[app]\nfoo = bar\n[metlog2_filter_x]\nprovider = p\n";
        assertEquals(Map.of("sender", Map.of("class", "x")), MetlogConfig.mapFromText(ini, "metlog"));
    }

    @Test
    void a_section_without_any_filters_or_plugins_has_no_such_keys() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nlogger = a\n", "metlog");
        assertEquals(Map.of("logger", "a"), map);
    }

    @Test
    void the_returned_map_is_the_callers_to_change() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nsender_class = x\n", "metlog");
        map.put("logger", "changed");
        assertEquals("changed", map.get("logger"));
    }

    // ------------------------------------------------------------------ sources

    @Test
    void reader_stream_and_file_give_the_same_map_as_text(@TempDir Path dir) throws Exception {
        String ini = "[metlog]\nlogger = app\ndisabled_timers = a\n    b\nsender_class = x\n";
        Map<String, Object> expected = MetlogConfig.mapFromText(ini, "metlog");
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, ini);
        assertEquals(expected, MetlogConfig.mapFromReader(new StringReader(ini), "metlog"));
        assertEquals(expected, MetlogConfig.mapFromStream(
            new ByteArrayInputStream(ini.getBytes(StandardCharsets.UTF_8)), "metlog"));
        assertEquals(expected, MetlogConfig.mapFromPath(file, "metlog"));
        assertEquals(expected, MetlogConfig.mapFromPath(file, "metlog", NO_ENV));
    }

    @Test
    void a_missing_file_is_a_configuration_error_naming_the_file(@TempDir Path dir) {
        Path file = dir.resolve("nope.ini");
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.mapFromPath(file, "metlog"));
        assertEquals(file + ": configuration file not found", e.getMessage());
    }
}
