package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metlog.testing.Envelopes;

class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Main(out, err).run(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demo_prints_one_envelope_of_every_kind() {
        assertEquals(0, run("demo"), err());
        List<JsonNode> messages = Envelopes.parseAll(out());
        assertTrue(messages.size() >= 9, out());
        Set<Integer> oldstyleSeverities = new HashSet<>();
        Set<String> types = new HashSet<>();
        boolean exceptionWithTrace = false;
        for (JsonNode message : messages) {
            Envelopes.assertEnvelope(message);
            String type = message.get("type").textValue();
            types.add(type);
            if (type.equals("oldstyle")) {
                oldstyleSeverities.add(message.get("severity").intValue());
                String payload = message.get("payload").textValue();
                if (message.get("severity").intValue() == 1 && payload.contains("\n\tat ")) {
                    exceptionWithTrace = payload.contains("java.lang.IllegalStateException: demo exception");
                }
            }
            if (type.equals("counter") || type.equals("timer")) {
                assertTrue(message.get("fields").has("name") && message.get("fields").has("rate"), message.toString());
                assertTrue(message.get("payload").textValue().matches("\\d+"), message.toString());
            }
            if (type.equals("demo.custom")) {
                assertEquals("blue", message.get("fields").get("colour").textValue());
                assertEquals(3, message.get("fields").get("size").intValue());
            }
        }
        assertTrue(types.containsAll(Set.of("oldstyle", "counter", "timer", "demo.custom")), types.toString());
        assertTrue(oldstyleSeverities.containsAll(Set.of(7, 6, 4, 3, 2, 1)), oldstyleSeverities.toString());
        assertTrue(exceptionWithTrace, "an ALERT with the exception's stack trace");
        assertTrue(err().lines().allMatch(line -> line.startsWith("demo: ")), "only the summary on stderr: " + err());
    }

    @Test
    void demo_prints_one_json_object_a_line_by_default() {
        assertEquals(0, run("demo"), err());
        List<String> lines = out().lines().toList();
        assertEquals(DemoCommand.MESSAGES, lines.size(), out());
        for (String line : lines) {
            List<JsonNode> one = Envelopes.parseAll(line);
            assertEquals(1, one.size(), line);
            Envelopes.assertEnvelope(one.get(0));
        }
    }

    @Test
    void demo_format_json_is_the_default_and_can_be_named() {
        run("demo", "--format", "json");
        assertEquals(DemoCommand.MESSAGES, out().lines().count(), out());
        assertTrue(out().startsWith("{\"type\":\"oldstyle\","), out());
    }

    @Test
    void demo_format_pretty_is_four_space_indented_json() {
        assertEquals(0, run("demo", "--format", "pretty"), err());
        assertTrue(out().startsWith("{\n    \"type\": \"oldstyle\",\n"), out());
        assertEquals(DemoCommand.MESSAGES, Envelopes.parseAll(out()).size());
    }

    @Test
    void demo_summarizes_on_stderr_what_it_sent_where_what_was_delivered_and_that_the_exception_is_on_purpose() {
        assertEquals(0, run("demo"), err());
        List<String> lines = err().lines().toList();
        assertEquals(3, lines.size(), err());
        assertTrue(lines.get(0).startsWith("demo: sent 10 messages to StreamSender(java.io.PrintStream): "),
            lines.get(0));
        assertTrue(lines.get(1).contains("demo exception, thrown and caught on purpose: nothing crashed"),
            lines.get(1));
        assertEquals("demo: delivered: sent=10 filtered=0 dropped_queue_full=0 dropped_too_large=0 failed=0",
            lines.get(2));
        assertFalse(err().contains("\tat "), "no stack trace on stderr");
    }

    @Test
    void send_emits_the_message_described_by_its_options() {
        assertEquals(0, run("send", "--type", "T", "--payload", "P", "--severity", "3", "--logger", "L",
            "--field", "a=1", "--field", "b=2"), err());
        List<JsonNode> messages = Envelopes.parseAll(out());
        assertEquals(1, messages.size());
        JsonNode message = messages.get(0);
        Envelopes.assertEnvelope(message);
        assertEquals("T", message.get("type").textValue());
        assertEquals("P", message.get("payload").textValue());
        assertEquals(3, message.get("severity").intValue());
        assertEquals("L", message.get("logger").textValue());
        assertEquals(Map.of("a", "1", "b", "2"), Envelopes.JSON.convertValue(message.get("fields"), Map.class));
        assertEquals(1, out().lines().count(), "one line of JSON by default");
        assertEquals("", err(), "send is quiet when everything was delivered");
    }

    @Test
    void send_uses_the_defaults_for_what_is_not_given() {
        assertEquals(0, run("send", "--type=ping", "--field", "k=v=w"), err());
        JsonNode message = Envelopes.parseAll(out()).get(0);
        assertEquals("ping", message.get("type").textValue());
        assertEquals("", message.get("payload").textValue());
        assertEquals(6, message.get("severity").intValue());
        assertEquals("metlog-cli", message.get("logger").textValue());
        assertEquals("v=w", message.get("fields").get("k").textValue());
    }

    @Test
    void send_format_pretty_indents_the_envelope() {
        assertEquals(0, run("send", "--type", "T", "--format", "pretty"), err());
        assertTrue(out().startsWith("{\n    \"type\": \"T\",\n"), out());
    }

    static List<List<String>> badArguments() {
        return List.of(
            List.of(),
            List.of("launch"),
            List.of("demo", "--colour", "red"),
            List.of("demo", "extra"),
            List.of("demo", "--section", "metlog"),
            List.of("demo", "--format", "xml"),
            List.of("demo", "--config", "m.ini", "--format", "pretty"),
            List.of("send"),
            List.of("send", "--payload", "P"),
            List.of("send", "--type", "T", "--severity", "9"),
            List.of("send", "--type", "T", "--severity", "high"),
            List.of("send", "--type", "T", "--field", "novalue"),
            List.of("send", "--type", "T", "--field", "=v"),
            List.of("send", "--type"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void bad_arguments_print_the_usage_and_exit_2(List<String> args) {
        assertEquals(2, run(args.toArray(new String[0])));
        List<String> lines = err().lines().toList();
        assertTrue(lines.get(0).startsWith("metlog: "), err());
        assertTrue(err().contains("Usage: metlog"), err());
        assertTrue(lines.get(lines.size() - 1).matches("Try 'metlog( \\w+)? --help' for more information\\."), err());
        assertEquals("", out());
    }

    @Test
    void a_mistyped_command_gets_a_suggestion_on_stderr_with_the_usage_line_and_exits_2() {
        assertEquals(2, run("dmeo"));
        List<String> lines = err().lines().toList();
        assertEquals("metlog: unknown command 'dmeo'", lines.get(0));
        assertEquals("Did you mean: demo?", lines.get(1));
        assertTrue(lines.get(2).startsWith("Usage: metlog "), err());
        assertEquals("", out());
    }

    @Test
    void a_mistyped_command_with_options_after_it_still_gets_its_suggestion() {
        assertEquals(2, run("sned", "--type", "T"));
        assertTrue(err().contains("Did you mean: send?"), err());
    }

    @Test
    void a_mistyped_option_gets_a_suggestion_with_the_commands_usage_line_and_exits_2() {
        assertEquals(2, run("send", "--tpye", "T"));
        List<String> lines = err().lines().toList();
        assertEquals("metlog: unknown option '--tpye'", lines.get(0));
        assertEquals("Did you mean: --type?", lines.get(1));
        assertTrue(lines.get(2).startsWith("Usage: metlog send "), err());
        assertEquals("", out());
    }

    @Test
    void a_mistyped_option_with_its_value_after_an_equals_sign_gets_a_suggestion() {
        assertEquals(2, run("demo", "--confg=m.ini"));
        assertTrue(err().contains("Did you mean: --config?"), err());
    }

    @Test
    void an_unknown_command_unlike_any_gets_no_suggestion() {
        assertEquals(2, run("launch"));
        assertFalse(err().contains("Did you mean"), err());
    }

    @Test
    void help_describes_every_command_and_lists_the_exit_codes_on_stdout_and_exits_0() {
        assertEquals(0, run("--help"));
        String help = out();
        assertTrue(help.startsWith("Usage: metlog "), help);
        assertTrue(help.contains("demo  Send one message of every kind"), help);
        assertTrue(help.contains("send  Send one message described by the options."), help);
        assertTrue(help.contains("mb    Benchmark: send the same message as fast as possible"), help);
        assertTrue(help.contains("--version"), help);
        assertExitCodes(help.replaceAll("\\s+", " "));
        assertEquals("", err());
    }

    private static void assertExitCodes(String help) {
        assertTrue(help.contains(" Exit codes: "), help);
        assertTrue(help.contains(" 0 every message was delivered, or dropped on purpose by a filter"), help);
        assertTrue(help.contains(" 1 not every message could be delivered"), help);
        assertTrue(help.contains(" 2 usage error"), help);
        assertTrue(help.contains(" 3 configuration error"), help);
    }

    @Test
    void demo_help_describes_the_command_and_its_options_with_defaults_and_the_exit_codes() {
        assertEquals(0, run("demo", "--help"), err());
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.startsWith("Usage: metlog demo "), help);
        assertTrue(help.contains("Send one message of every kind"), help);
        assertTrue(help.contains("--format=json|pretty"), help);
        assertTrue(help.contains("(default: json)"), help);
        assertTrue(help.contains("--config, --metlogcfg=FILE"), help);
        assertTrue(help.contains("(default: metlog)"), help);
        assertExitCodes(help);
        assertEquals("", err());
    }

    @Test
    void send_help_describes_every_option_with_its_default_and_the_exit_codes() {
        assertEquals(0, run("send", "--help"), err());
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.startsWith("Usage: metlog send "), help);
        for (String option : List.of("--type=T", "--payload=P", "--severity=N", "--logger=L", "--field=K=V",
            "--format=json|pretty", "--config, --metlogcfg=FILE", "--section=NAME")) {
            assertTrue(help.contains(option), option + " in " + help);
        }
        assertTrue(help.contains("(default: empty)"), help);
        assertTrue(help.contains("metlog-cli without --config"), help);
        assertExitCodes(help);
    }

    @Test
    void mb_help_shows_both_forms_every_option_with_its_default_and_the_exit_codes() {
        assertEquals(0, run("mb", "--help"), err());
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.startsWith("Usage: metlog mb HOST PORT [--raw]"), help);
        assertTrue(help.contains("metlog mb --config=FILE [--section=NAME]"), help);
        assertTrue(help.contains("Benchmark: send the same message"), help);
        assertTrue(help.contains("--duration=SECONDS"), help);
        assertTrue(help.contains("(default: 10)"), help);
        assertTrue(help.contains("1 to 64 (default: 1)"), help);
        assertTrue(help.contains("(default: no count limit)"), help);
        assertExitCodes(help);
    }

    @Test
    void the_help_command_prints_what_command_help_prints() {
        assertEquals(0, run("send", "--help"));
        String direct = out();
        outBytes.reset();
        assertEquals(0, run("help", "send"));
        assertEquals(direct, out());
    }

    @Test
    void version_prints_the_version_of_the_build() {
        String expected = System.getProperty("metlog.expected.version");
        assertNotNull(expected, "the build passes the pom's version to the tests");
        assertEquals(0, run("--version"));
        assertEquals("metlog " + expected + System.lineSeparator(), out());
        assertEquals("", err());
    }

    @Test
    void every_command_knows_the_version() {
        assertEquals(0, run("mb", "--version"));
        assertEquals("metlog " + System.getProperty("metlog.expected.version"), out().trim());
    }

    @Test
    void a_configuration_that_cannot_be_loaded_exits_3_with_a_one_line_reason() {
        assertEquals(3, run("demo", "--config", "missing.ini"));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("metlog: ") && lines.get(0).contains("missing.ini"), err());
        assertEquals(3, run("send", "--config", "missing.ini", "--type", "T"));
        assertEquals(3, run("send", "--metlogcfg", "missing.ini", "--type", "T"));
        assertEquals("", out());
    }
}
