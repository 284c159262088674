package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/** A registry client configured in place with {@code error_handler} reports to that handler from then on. */
class InPlaceErrorHandlerTest {
    private static final String NAME = "in-place-error-handler";
    private static final String PROBE = HandlerProbe.class.getName();

    /** A handler the loader builds by name; every instance is kept in {@link #BUILT}. */
    public static final class Built implements ErrorHandler {
        static final List<Built> BUILT = new CopyOnWriteArrayList<>();
        final List<DeliveryError> errors = new CopyOnWriteArrayList<>();

        /** Creates and records the handler. */
        public Built() {
            BUILT.add(this);
        }

        @Override
        public void handle(DeliveryError error) {
            errors.add(error);
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.remove(NAME);
        Built.BUILT.clear();
        HandlerProbe.SEEN.clear();
    }

    @Test
    void a_client_taken_from_the_holder_and_configured_with_error_handler_reports_to_it() {
        MetlogClient client = ClientHolder.get(NAME);
        MetlogClient configured = MetlogConfig.configure(NAME, ClientHolder.registry(), Map.of(
            "error_handler", Built.class.getName(), "sender", Map.of("class", PROBE, "fail", true)));
        assertSame(client, configured);
        client.info("in place");
        assertEquals(1, Built.BUILT.size());
        List<DeliveryError> errors = Built.BUILT.get(0).errors;
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("in place", errors.get(0).message().payload());
        assertEquals("client '" + NAME + "'", errors.get(0).source());
    }

    @Test
    void reconfiguring_without_error_handler_keeps_the_configured_one() {
        MetlogClient client = ClientHolder.get(NAME);
        MetlogConfig.configure(NAME, ClientHolder.registry(), Map.of("error_handler", Built.class.getName(),
            "sender", Map.of("class", PROBE)));
        MetlogConfig.configure(NAME, ClientHolder.registry(), Map.of("sender", Map.of("class", PROBE, "fail",
            true)));
        client.info("still mine");
        assertEquals(1, Built.BUILT.size());
        assertEquals(1, Built.BUILT.get(0).errors.size());
    }
}
