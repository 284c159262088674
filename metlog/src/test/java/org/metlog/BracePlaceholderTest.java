package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

/** Issue 15 part 6: log methods fill SLF4J's {@code {}} placeholders, and keep metlog-py's {@code %} formatting. */
class BracePlaceholderTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("app").build();

    private String payload() {
        return (String) sender.last().get("payload");
    }

    @Test
    void a_placeholder_takes_the_argument_as_slf4j_does() {
        client.info("user {} logged in", "alice");
        assertEquals("user alice logged in", payload());
    }

    @Test
    void placeholders_take_the_arguments_in_order() {
        client.warn("{} took {} ms", "query", 12);
        assertEquals("query took 12 ms", payload());
    }

    @Test
    void a_placeholder_without_an_argument_stays_as_it_is() {
        client.info("{} and {}", "one");
        assertEquals("one and {}", payload());
    }

    @Test
    void arguments_without_a_placeholder_are_appended_not_lost() {
        client.info("user {} logged in", "alice", "extra", 3);
        assertEquals("user alice logged in [extra, 3]", payload());
    }

    @Test
    void a_backslash_escapes_a_placeholder() {
        client.info("literal \\{} then {}", "x");
        assertEquals("literal {} then x", payload());
    }

    @Test
    void a_double_backslash_is_one_backslash_before_a_placeholder() {
        client.info("C:\\\\{}", "dir");
        assertEquals("C:\\dir", payload());
    }

    @Test
    void a_null_argument_is_written_null() {
        client.info("user {} logged in", (Object) null);
        assertEquals("user null logged in", payload());
    }

    @Test
    void arrays_are_written_as_their_elements() {
        client.info("ids {} flags {} names {}", new int[] {1, 2}, new boolean[] {true},
            new Object[] {"a", new long[] {3}});
        assertEquals("ids [1, 2] flags [true] names [a, [3]]", payload());
    }

    @Test
    void an_argument_whose_to_string_throws_is_named() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        client.info("value {}", bad);
        assertTrue(payload().startsWith("value <"), payload());
        assertTrue(payload().endsWith(".toString() failed: java.lang.IllegalStateException>"), payload());
        assertEquals(1, client.stats().sent());
    }

    @Test
    void a_trailing_throwable_is_the_stack_trace_not_a_placeholder_argument() {
        IllegalStateException error = new IllegalStateException("boom");
        client.error("login failed for {}", "alice", error);
        String payload = payload();
        assertTrue(payload.startsWith("login failed for alice\njava.lang.IllegalStateException: boom\n"), payload);
        assertTrue(payload.contains("\tat org.metlog.BracePlaceholderTest"), payload);
    }

    @Test
    void a_trailing_throwable_fills_a_placeholder_left_without_an_argument_and_its_trace_follows() {
        IllegalStateException error = new IllegalStateException("boom");
        client.error("failed: {}", error);
        assertTrue(payload().startsWith("failed: java.lang.IllegalStateException: boom\njava.lang"
            + ".IllegalStateException: boom\n"), payload());
        client.error("{} failed: {}", "login", error);
        assertTrue(payload().startsWith("login failed: java.lang.IllegalStateException: boom\n"), payload());
    }

    @Test
    void percent_formats_are_unchanged() {
        client.info("user %s logged in", "alice");
        assertEquals("user alice logged in", payload());
        client.info("%s took %d ms", "query", 12);
        assertEquals("query took 12 ms", payload());
    }

    @Test
    void a_format_with_both_is_formatted_the_percent_way_when_the_arguments_fit_it() {
        client.info("%s sent {}", "json");
        assertEquals("json sent {}", payload());
    }

    @Test
    void a_format_with_both_takes_placeholders_when_the_arguments_do_not_fit_the_percent_way() {
        client.info("100% of {} done", "upload");
        assertEquals("100% of upload done", payload());
    }

    @Test
    void a_format_without_arguments_is_sent_as_written() {
        client.info("user {} logged in");
        assertEquals("user {} logged in", payload());
    }

    @Test
    void a_format_with_neither_keeps_appending_arguments_that_do_not_fit() {
        client.info("plain", "a", List.of(1));
        assertEquals("plain [a, [1]]", payload());
    }
}
