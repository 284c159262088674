package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;
import org.metlog.testing.StdCapture;

/** The client's error handler is part of its settings: reconfiguring may replace it, and everything uses it. */
class ClientErrorHandlerSettingsTest {

    /** Records what it is given and how often it is flushed. */
    private static final class Recorder implements ErrorHandler {
        final List<DeliveryError> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void handle(DeliveryError error) {
            errors.add(error);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }

    /** Throws for every message. */
    private static final class Refusing implements Sender {
        @Override
        public void send(Message message) throws IOException {
            throw new IOException("refused " + message.payload());
        }
    }

    @Test
    void a_handler_given_to_configure_receives_the_clients_send_errors_from_then_on() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        MetlogClient client = MetlogClient.builder().logger("app").errorHandler(first).build();
        MetlogClient.builder().logger("app").sender(new Refusing()).errorHandler(second).configure(client);
        client.info("after");
        assertEquals(List.of(), first.errors, "the replaced handler hears nothing more");
        assertEquals(1, second.errors.size());
        assertEquals("after", second.errors.get(0).message().payload());
    }

    @Test
    void configure_without_a_handler_keeps_the_clients_current_one() {
        Recorder handler = new Recorder();
        MetlogClient client = MetlogClient.builder().logger("app").errorHandler(handler).build();
        MetlogClient.builder().logger("app").sender(new Refusing()).configure(client);
        client.info("kept");
        assertEquals(1, handler.errors.size());
        assertEquals("kept", handler.errors.get(0).message().payload());
    }

    @Test
    void setup_keeps_the_clients_handler() {
        Recorder handler = new Recorder();
        MetlogClient client = MetlogClient.builder().errorHandler(handler).build();
        client.setup(new Refusing(), "app", 6, null, null);
        client.info("x");
        assertEquals(1, handler.errors.size());
    }

    @Test
    void a_handler_that_is_replaced_is_flushed_so_that_what_it_held_back_is_reported() {
        Recorder first = new Recorder();
        MetlogClient client = MetlogClient.builder().errorHandler(first).build();
        MetlogClient.builder().errorHandler(new Recorder()).configure(client);
        assertEquals(1, first.flushes.get());
        MetlogClient.builder().configure(client);
        assertEquals(1, first.flushes.get(), "a handler is flushed once, when it is replaced");
    }

    @Test
    void the_placeholder_sender_reports_to_the_clients_handler_before_configuration_and_after_close() {
        Recorder handler = new Recorder();
        MetlogClient client = MetlogClient.builder().logger("early").errorHandler(handler).build();
        try (StdCapture err = StdCapture.stderr()) {
            client.info("too soon");
            client.close();
            client.info("too late");
            assertEquals("", err.text(), "nothing bypasses the registered handler");
        }
        assertEquals(2, handler.errors.size(), handler.errors.toString());
        assertTrue(handler.errors.get(0).problem().contains("client 'early' has no sender configured"),
            handler.errors.get(0).problem());
        assertEquals("too soon", handler.errors.get(0).message().payload());
        assertTrue(handler.errors.get(1).problem().contains("client 'early (closed)'"),
            handler.errors.get(1).problem());
        assertEquals("too late", handler.errors.get(1).message().payload());
    }

    @Test
    void a_placeholder_given_by_setup_reports_to_the_clients_handler() {
        Recorder handler = new Recorder();
        MetlogClient client = MetlogClient.builder().errorHandler(handler).sender(new Refusing()).build();
        client.setup(null, "unset", 6, null, null);
        client.info("dropped");
        assertEquals(1, handler.errors.size());
        assertEquals("dropped", handler.errors.get(0).message().payload());
    }

    @Test
    void the_default_handler_measures_its_interval_with_the_clients_nano_clock() {
        AtomicLong nanos = new AtomicLong();
        MetlogClient client = MetlogClient.builder().logger("timed").sender(new Refusing())
            .nanoClock(nanos::get).build();
        try (StdCapture err = StdCapture.stderr()) {
            client.info("one");
            client.info("two");
            client.info("three");
            assertEquals(1, lines(err.text()), err.text());
            nanos.addAndGet(29_999_999_999L);
            client.info("four");
            assertEquals(1, lines(err.text()), "still within the interval on the client's clock: " + err.text());
            nanos.addAndGet(1L);
            client.info("five");
            String text = err.text();
            assertEquals(2, lines(text), text);
            assertTrue(text.contains("4 more send errors were not shown"), text);
        }
    }

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }
}
