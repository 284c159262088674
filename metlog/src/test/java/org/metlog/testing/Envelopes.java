package org.metlog.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parsing and checking metlog envelopes in tests. */
public final class Envelopes {
    /** The nine keys of every envelope. */
    public static final Set<String> KEYS = Set.of("type", "timestamp", "logger", "severity", "payload", "fields",
        "env_version", "metlog_pid", "metlog_hostname");

    /** RFC 3339 UTC with exactly six fractional digits and a Z. */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

    public static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {
    }

    /** @return one JSON document parsed as a tree */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every JSON object in {@code text}, which holds concatenated (possibly pretty-printed) objects */
    public static List<JsonNode> parseAll(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Asserts that {@code node} is an envelope with exactly the nine keys, each of its JSON type. */
    public static void assertEnvelope(JsonNode node) {
        assertTrue(node.isObject(), () -> "not an object: " + node);
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(KEYS), keys, () -> "envelope keys of " + node);
        assertTrue(node.get("type").isTextual(), "type is a string");
        assertTrue(node.get("timestamp").isTextual(), "timestamp is a string");
        assertTrue(TIMESTAMP.matcher(node.get("timestamp").asText()).matches(),
            () -> "timestamp format: " + node.get("timestamp"));
        assertTrue(node.get("logger").isTextual(), "logger is a string");
        assertTrue(node.get("severity").isInt(), "severity is an integer");
        int severity = node.get("severity").asInt();
        assertTrue(severity >= 0 && severity <= 7, "severity 0-7");
        assertTrue(node.get("payload").isTextual(), "payload is a string");
        assertTrue(node.get("fields").isObject(), "fields is an object");
        assertEquals("0.8", node.get("env_version").textValue(), "env_version");
        assertTrue(node.get("metlog_pid").isIntegralNumber(), "metlog_pid is an integer");
        assertTrue(node.get("metlog_hostname").isTextual(), "metlog_hostname is a string");
    }
}
