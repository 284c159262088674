package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.InvalidOptionException;
import org.metlog.testing.Deadline;
import org.metlog.testing.RecordingErrorHandler;

/** The top-level {@code error_handler} key: one handler for the client and every component configured. */
class ErrorHandlerConfigTest {
    private static final String HANDLER = RecordingErrorHandler.class.getName();
    private static final String PROBE = HandlerProbe.class.getName();

    @BeforeEach
    @AfterEach
    void reset() {
        RecordingErrorHandler.BUILT.clear();
        HandlerProbe.SEEN.clear();
        Tripwire.TRIPPED.set(false);
    }

    private static String ini(String handler, String extra) {
        return "[metlog]\nlogger = app\n" + (handler == null ? "" : "error_handler = " + handler + "\n")
            + "sender_class = " + PROBE + "\n" + extra;
    }

    @Test
    void a_handler_named_in_ini_receives_the_clients_send_errors() {
        MetlogClient client = MetlogConfig.clientFromText(ini(HANDLER, "sender_fail = true\n"), "metlog");
        client.info("hello");
        assertEquals(1, RecordingErrorHandler.BUILT.size());
        RecordingErrorHandler handler = RecordingErrorHandler.BUILT.get(0);
        assertEquals(1, handler.errors().size());
        DeliveryError error = handler.errors().get(0);
        assertTrue(error.isSendFailure(), error::toString);
        assertEquals("hello", error.message().payload());
        assertEquals("probe refuses oldstyle", error.cause().getMessage());
        client.close();
    }

    @Test
    void a_handler_named_in_ini_receives_an_asynchronous_senders_errors() throws Exception {
        MetlogClient client = MetlogConfig.clientFromText(ini(HANDLER, "sender_fail = true\nsender_async = true\n"),
            "metlog");
        RecordingErrorHandler handler = RecordingErrorHandler.BUILT.get(0);
        client.info("queued");
        assertTrue(Deadline.await(Duration.ofSeconds(20), () -> !handler.errors().isEmpty()),
            "the async sender's error did not reach the handler");
        client.close();
        DeliveryError error = handler.errors().get(0);
        assertTrue(error.isSendFailure(), error::toString);
        assertEquals("queued", error.message().payload());
    }

    @Test
    void the_sender_and_every_filter_get_the_one_configured_handler() {
        MetlogConfig.clientFromText(ini(HANDLER, "[metlog_filter_a]\nprovider = " + PROBE + "$Filters\n"
            + "[metlog_filter_b]\nprovider = " + PROBE + "$Filters\n"), "metlog");
        RecordingErrorHandler handler = RecordingErrorHandler.BUILT.get(0);
        assertEquals(List.of(handler, handler, handler), HandlerProbe.SEEN);
    }

    @Test
    void without_the_key_each_component_gets_a_default_handler_of_its_own() {
        MetlogConfig.clientFromText(ini(null, "[metlog_filter_a]\nprovider = " + PROBE + "$Filters\n"), "metlog");
        assertEquals(2, HandlerProbe.SEEN.size());
        assertNotSame(HandlerProbe.SEEN.get(0), HandlerProbe.SEEN.get(1));
        assertFalse(HandlerProbe.SEEN.get(0) instanceof RecordingErrorHandler);
        assertEquals(List.of(), RecordingErrorHandler.BUILT);
    }

    @Test
    void a_static_factory_may_build_the_handler_and_the_map_form_takes_the_key_too() {
        MetlogClient client = MetlogConfig.clientFromMap(Map.of("error_handler", HANDLER + "#create",
            "sender", Map.of("class", PROBE, "fail", true)));
        client.info("x");
        assertEquals(1, RecordingErrorHandler.BUILT.size());
        assertEquals(1, RecordingErrorHandler.BUILT.get(0).errors().size());
        assertSame(RecordingErrorHandler.BUILT.get(0), HandlerProbe.SEEN.get(0));
    }

    @Test
    void an_unknown_class_names_the_file_section_key_and_value() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> MetlogConfig.clientFromText(ini("no.such.Handler", ""), "metlog"));
        assertEquals("INI text [metlog]: option error_handler = 'no.such.Handler': unknown class"
            + " 'no.such.Handler'", e.getMessage());
        assertEquals(List.of(), HandlerProbe.SEEN, "nothing is built after a bad handler");
    }

    @Test
    void a_class_that_is_not_a_handler_is_refused_before_any_of_its_code_runs() {
        String trap = BoobyTrappedClass.class.getName();
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> MetlogConfig.clientFromText(ini(trap, ""), "metlog"));
        assertEquals("INI text [metlog]: option error_handler = '" + trap + "': class '" + trap + "' is not an"
            + " error handler: it must implement org.metlog.spi.ErrorHandler", e.getMessage());
        assertFalse(Tripwire.TRIPPED.get());
    }

    @Test
    void a_factory_method_that_returns_something_else_is_refused() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> MetlogConfig.clientFromText(ini(PROBE + "#toString", ""), "metlog"));
        assertEquals("INI text [metlog]: option error_handler = '" + PROBE + "#toString': '" + PROBE
            + "#toString' is not an error handler: expected a public static method toString() returning"
            + " org.metlog.spi.ErrorHandler", e.getMessage());
    }

    @Test
    void a_value_that_is_not_a_class_name_is_refused() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(
            Map.of("error_handler", 5, "sender", Map.of("class", PROBE))));
        assertEquals("configuration map: option error_handler = 5: expected the name of a class implementing"
            + " org.metlog.spi.ErrorHandler", e.getMessage());
    }
}
