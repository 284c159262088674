package org.metlog;
import org.metlog.message.Message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.internal.Utf16;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.StreamSender;
import org.metlog.testing.Envelopes;

class UnicodeTest {
    private static final String JAPANESE = "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8"; // 日本語のテキスト
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, outside the BMP
    private static final String CZECH = "buk\u00E1n\u00FDrka"; // bukanýrka with its accents
    private static final byte[] EMOJI_UTF8 = {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};

    /** Decodes strictly: malformed UTF-8 throws instead of being replaced. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return a copy of the wire bytes {@link Message#encodeJson()} writes into the thread's buffer */
    private static byte[] wireBytes(Message message) {
        ByteBuffer view = message.encodeJson();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static Message message(String payload, Map<String, ?> fields) {
        return Message.builder("unicode").logger(CZECH).payload(payload).fields(fields).build();
    }

    @Test
    void japanese_emoji_and_accented_text_arrive_as_valid_utf8_json() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(JAPANESE, EMOJI);
        fields.put("list", List.of(CZECH, EMOJI));
        Message message = message(JAPANESE + " " + EMOJI + " " + CZECH, fields);
        byte[] bytes = wireBytes(message);
        String text = strictUtf8(bytes);
        JsonNode env = Envelopes.parse(text);
        Envelopes.assertEnvelope(env);
        assertEquals(JAPANESE + " " + EMOJI + " " + CZECH, env.get("payload").textValue());
        assertEquals(CZECH, env.get("logger").textValue());
        assertEquals(EMOJI, env.get("fields").get(JAPANESE).textValue());
        assertEquals(CZECH, env.get("fields").get("list").get(0).textValue());
    }

    @Test
    void non_bmp_characters_are_real_four_byte_sequences_not_surrogate_escapes() {
        byte[] bytes = wireBytes(message(EMOJI, Map.of("k", EMOJI)));
        assertTrue(indexOf(bytes, EMOJI_UTF8) >= 0, "four-byte UTF-8 of U+1F600");
        String ascii = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        assertFalse(ascii.contains("\\ud83d"), "no surrogate escape");
        // CESU-8 (each surrogate encoded on its own) would start with ED A0 BD
        assertEquals(-1, indexOf(bytes, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD}));
    }

    @Test
    void long_runs_of_emoji_survive_internal_buffer_boundaries() throws Exception {
        for (int offset = 0; offset < 4; offset++) {
            String payload = "x".repeat(offset) + EMOJI.repeat(20_000);
            byte[] bytes = wireBytes(message(payload, null));
            assertEquals(payload, Envelopes.parse(strictUtf8(bytes)).get("payload").textValue());
        }
    }

    @Test
    void lone_surrogates_in_payload_field_keys_and_values_never_throw_and_become_replacement_characters()
        throws Exception {
        String loneHigh = "a\uD83Db";
        String loneLow = "c\uDE00d";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(loneHigh, loneLow);
        fields.put("nested", Map.of("k", List.of(loneHigh)));
        Message message = message("end\uD83D", fields);
        byte[] bytes = assertDoesNotThrow(() -> wireBytes(message));
        JsonNode env = Envelopes.parse(strictUtf8(bytes));
        assertEquals("end\uFFFD", env.get("payload").textValue());
        assertEquals("c\uFFFDd", env.get("fields").get("a\uFFFDb").textValue());
        assertEquals("a\uFFFDb", env.get("fields").get("nested").get("k").get(0).textValue());
    }

    @Test
    void lone_surrogates_sent_through_a_client_and_a_stream_sender_never_throw() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(new StreamSender(out)).logger("\uDC00").build();
        assertDoesNotThrow(() -> client.info("%s and %s", "\uD800", EMOJI));
        assertDoesNotThrow(() -> client.metlog("t\uD800", "p", Map.of("\uDBFF", "\uDFFF")));
        assertEquals(2, client.stats().sent());
        List<JsonNode> all = Envelopes.parseAll(strictUtf8(out.toByteArray()));
        assertEquals("\uFFFD and " + EMOJI, all.get(0).get("payload").textValue());
        assertEquals("\uFFFD", all.get(0).get("logger").textValue());
        assertEquals("t\uFFFD", all.get(1).get("type").textValue());
        assertEquals("\uFFFD", all.get(1).get("fields").get("\uFFFD").textValue());
        assertTrue(indexOf(out.toByteArray(), EMOJI_UTF8) >= 0);

        MetlogClient captured = MetlogClient.builder().sender(capture).build();
        captured.info("x\uDE00");
        assertEquals("x\uFFFD", capture.last().get("payload"));
    }

    @Test
    void sanitize_keeps_well_formed_text_and_replaces_only_lone_surrogates() {
        String good = JAPANESE + EMOJI + CZECH;
        assertTrue(good == Utf16.sanitize(good), "well-formed text is returned as is");
        assertEquals("\uFFFD" + EMOJI + "\uFFFD", Utf16.sanitize("\uDE00" + EMOJI + "\uD83D"));
        assertEquals("", Utf16.sanitize(null));
        assertEquals("ab", Utf16.truncate("ab" + EMOJI, 3), "a pair is never split");
        assertEquals("ab" + EMOJI, Utf16.truncate("ab" + EMOJI, 4));
    }
}
