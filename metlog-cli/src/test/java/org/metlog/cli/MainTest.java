package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("", err());
    }

    @Test
    void demo_output_is_four_space_indented_json() {
        run("demo");
        assertTrue(out().startsWith("{\n    \"type\": \"oldstyle\",\n"), out());
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

    static List<List<String>> badArguments() {
        return List.of(
            List.of(),
            List.of("launch"),
            List.of("demo", "--colour", "red"),
            List.of("demo", "extra"),
            List.of("demo", "--section", "metlog"),
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
        assertTrue(err().contains(Main.USAGE), err());
        assertEquals("", out());
    }

    @Test
    void help_prints_the_usage_on_stdout_and_exits_0() {
        assertEquals(0, run("--help"));
        assertEquals(Main.USAGE + "\n", out());
    }

    @Test
    void a_configuration_that_cannot_be_loaded_exits_1_with_a_one_line_reason() {
        assertEquals(1, run("demo", "--config", "missing.ini"));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("metlog: ") && lines.get(0).contains("missing.ini"), err());
        assertEquals(1, run("send", "--config", "missing.ini", "--type", "T"));
        assertEquals("", out());
    }
}
