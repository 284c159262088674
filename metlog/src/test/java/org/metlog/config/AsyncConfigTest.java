package org.metlog.config;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;

class AsyncConfigTest {
    private static final String CAPTURE = "metlog.senders.dev.DebugCaptureSender";
    private static final String CONTEXT = "metlog.ini [metlog]";

    private static Options ini(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Options.of(values, CONTEXT, "sender_");
    }

    @Test
    void async_true_wraps_the_configured_sender_with_the_given_options() {
        Sender sender = Components.sender(CAPTURE, ini("async", "true", "async_queue_size", "1000",
            "async_overflow", "WAIT", "async_offer_timeout_ms", "25", "async_close_timeout_ms", "750",
            "async_shutdown_hook", "false", "color", "blue"));
        try {
            AsyncSender async = assertInstanceOf(AsyncSender.class, sender);
            assertEquals(1000, async.capacity());
            assertEquals(AsyncSender.Overflow.WAIT, async.overflow());
            assertEquals(Duration.ofMillis(25), async.offerTimeout());
            assertEquals(Duration.ofMillis(750), async.closeTimeout());
            assertFalse(async.hasShutdownHook());
            DebugCaptureSender delegate = assertInstanceOf(DebugCaptureSender.class, async.delegate());
            assertEquals(Map.of("color", "blue"), delegate.attributes(), "the delegate sees only its own options");
        } finally {
            sender.close();
        }
    }

    @Test
    void map_form_with_typed_values_and_defaults_builds_an_async_sender() {
        Sender sender = Components.sender(CAPTURE, Options.of(Map.of("async", true)));
        try {
            AsyncSender async = assertInstanceOf(AsyncSender.class, sender);
            assertEquals(AsyncSender.DEFAULT_CAPACITY, async.capacity());
            assertEquals(AsyncSender.Overflow.DROP, async.overflow());
            assertEquals(AsyncSender.DEFAULT_OFFER_TIMEOUT, async.offerTimeout());
            assertEquals(AsyncSender.DEFAULT_CLOSE_TIMEOUT, async.closeTimeout());
            assertTrue(async.hasShutdownHook());
        } finally {
            sender.close();
        }
    }

    @Test
    void async_false_builds_the_plain_sender() {
        Sender sender = Components.sender(CAPTURE, ini("async", "false", "async_queue_size", "10"));
        assertInstanceOf(DebugCaptureSender.class, sender);
        assertEquals(Map.of(), ((DebugCaptureSender) sender).attributes());
    }

    @Test
    void an_unknown_overflow_policy_is_rejected_naming_key_value_and_choices() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async", "true", "async_overflow", "block")));
        assertEquals(CONTEXT + ": option sender_async_overflow = 'block': expected drop or wait", e.getMessage());
    }

    @Test
    void a_queue_size_out_of_range_is_rejected() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async", "true", "async_queue_size", "0")));
        assertEquals(CONTEXT + ": option sender_async_queue_size = '0': expected an integer from 1 to 16777216",
            e.getMessage());
    }

    @Test
    void a_negative_timeout_and_a_non_boolean_async_are_rejected() {
        assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async", "true", "async_offer_timeout_ms", "-1")));
        assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async", "true", "async_close_timeout_ms", "soon")));
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async", "maybe")));
        assertTrue(e.getMessage().contains("sender_async = 'maybe'"), e.getMessage());
    }

    @Test
    void async_tuning_without_async_is_rejected() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> Components.sender(CAPTURE, ini("async_queue_size", "1000")));
        assertEquals(CONTEXT + ": option sender_async_queue_size is given but sender_async is not; set"
            + " sender_async = true to deliver asynchronously", e.getMessage());
    }

    @Test
    void a_misspelt_async_option_is_rejected_as_unknown() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
            () -> Components.sender("metlog.senders.dev.StdOutSender", Options.of(
                Map.of("async", "true", "async_quee_size", "5"), CONTEXT, "sender_")));
        assertTrue(e.getMessage().contains("unknown option sender_async_quee_size = '5'"), e.getMessage());
    }
}
