package org.metlog;
import org.metlog.spi.ErrorHandlers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Filter;
import org.metlog.spi.Sender;
import org.metlog.testing.StdCapture;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.ManualNanoClock;
import org.metlog.testing.ScriptedRandom;

class ClientErrorHandlerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    /** A recording fake that throws for payload "boom" and, when told, from flush and close. */
    static final class FailingSender implements Sender {
        final IOException sendError = new IOException("router unreachable");
        final IllegalStateException flushError = new IllegalStateException("flush failed");
        final IllegalStateException closeError = new IllegalStateException("close failed");
        boolean failAll;

        @Override
        public void send(Message message) throws IOException {
            if (failAll || "boom".equals(message.payload())) {
                throw sendError;
            }
        }

        @Override
        public void flush() {
            throw flushError;
        }

        @Override
        public void close() {
            throw closeError;
        }
    }

    @Test
    void a_registered_handler_receives_every_client_failure_with_its_message_and_cause_and_stderr_stays_quiet() {
        IllegalStateException filterError = new IllegalStateException("filter bug");
        Filter broken = m -> {
            if (m.type().equals("poison")) {
                throw filterError;
            }
            return true;
        };
        FailingSender sender = new FailingSender();
        RecordingErrorHandler handler = new RecordingErrorHandler();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("app").filters(List.of(broken))
            .errorHandler(handler).build();
        try (StdCapture err = StdCapture.stderr()) {
            client.metlog("poison", "p");
            client.metlog("custom", "boom");
            client.gauge("ratio", Double.NaN);
            client.flush();
            client.close();
            assertEquals("", err.text(), "the registered handler replaces the standard one");
        }
        List<DeliveryError> errors = handler.errors();
        assertEquals(6, errors.size(), errors.toString());

        DeliveryError filtered = errors.get(0);
        assertTrue(filtered.isSendFailure());
        assertEquals("p", filtered.message().payload());
        assertSame(filterError, filtered.cause());
        assertEquals("client 'app'", filtered.source());

        DeliveryError sent = errors.get(1);
        assertTrue(sent.isSendFailure());
        assertEquals("boom", sent.message().payload());
        assertSame(sender.sendError, sent.cause());

        DeliveryError gauge = errors.get(2);
        assertEquals(Statistics.NOT_FINITE, gauge.problem());
        assertEquals(MetlogClient.TYPE_GAUGE, gauge.message().type());
        assertEquals("ratio", gauge.message().field("name"));
        assertEquals("NaN", gauge.message().payload());
        assertTrue(gauge.cause().getMessage().contains("gauge 'ratio' was not sent"), gauge.cause().getMessage());

        DeliveryError flush = errors.get(3);
        assertTrue(flush.problem().startsWith("flushing the sender failed"), flush.problem());
        assertNull(flush.message());
        assertSame(sender.flushError, flush.cause());

        // close flushes first (and fails again), then closes the sender (which fails too)
        assertSame(sender.flushError, errors.get(4).cause());
        assertTrue(errors.get(5).problem().startsWith("closing sender failed"), errors.get(5).problem());
        assertSame(sender.closeError, errors.get(5).cause());
        assertEquals(3, client.stats().failed(), "the filter, the sender and the gauge; flush and close lose none");
    }

    @Test
    void a_failing_close_of_a_replaced_sender_goes_to_the_handler() {
        FailingSender sender = new FailingSender();
        RecordingErrorHandler handler = new RecordingErrorHandler();
        MetlogClient client = MetlogClient.builder().sender(sender).errorHandler(handler).build();
        client.setup(null, "", 6, null, null);
        assertEquals(1, handler.errors().size());
        DeliveryError closed = handler.errors().get(0);
        assertTrue(closed.problem().startsWith("closing sender failed"), closed.problem());
        assertSame(sender.closeError, closed.cause());
    }

    @Test
    void flush_and_close_have_the_handler_report_what_it_held_back() {
        RecordingErrorHandler handler = new RecordingErrorHandler();
        MetlogClient client = MetlogClient.builder().sender(m -> { }).errorHandler(handler).build();
        client.flush();
        assertEquals(1, handler.flushes());
        client.close();
        assertTrue(handler.flushes() >= 2, "closing flushes the handler: " + handler.flushes());
        assertEquals(List.of(), handler.errors());
    }

    @Test
    void a_handler_that_throws_never_reaches_the_caller_and_the_failure_is_still_counted() {
        ErrorHandler throwing = e -> {
            throw new IllegalStateException("handler bug");
        };
        FailingSender sender = new FailingSender();
        sender.failAll = true;
        MetlogClient client = MetlogClient.builder().sender(sender).errorHandler(throwing).build();
        assertDoesNotThrow(() -> client.info("x"));
        assertDoesNotThrow(() -> client.gauge("g", Double.POSITIVE_INFINITY));
        assertDoesNotThrow(client::flush);
        assertEquals(2, client.stats().failed());
    }

    @Test
    void the_standard_handler_prints_the_first_failure_at_once_then_at_most_one_summary_per_interval() {
        ManualNanoClock clock = new ManualNanoClock();
        FailingSender sender = new FailingSender();
        sender.failAll = true;
        MetlogClient client = MetlogClient.builder().sender(sender).logger("app")
            .errorHandler(ErrorHandlers.stderr(INTERVAL, clock)).build();
        try (StdCapture err = StdCapture.stderr()) {
            client.info("first");
            List<String> lines = err.text().lines().toList();
            assertEquals(1, lines.size(), err.text());
            assertTrue(lines.get(0).startsWith("Error sending message ("), lines.get(0));
            assertTrue(lines.get(0).contains("\"payload\":\"first\""), lines.get(0));
            assertTrue(lines.get(0).endsWith("): java.io.IOException: router unreachable"), lines.get(0));

            for (int i = 0; i < 99; i++) {
                clock.advanceMillis(100); // 9.9 s in all: still within the interval
                client.info("suppressed %d", i);
            }
            assertEquals(1, err.text().lines().count(), "nothing more within the interval: " + err.text());

            clock.advance(INTERVAL);
            client.info("after the interval");
            lines = err.text().lines().toList();
            assertEquals(2, lines.size(), err.text());
            assertTrue(lines.get(1).startsWith("metlog: 100 more send errors were not shown (counted as failed) in"
                + " the last 30 s; the latest: Error sending message ("), lines.get(1));
            assertTrue(lines.get(1).contains("\"payload\":\"after the interval\""), lines.get(1));

            for (int i = 0; i < 5; i++) {
                client.incr("more");
            }
            assertEquals(2, err.text().lines().count(), err.text());
            client.flush(); // also fails, as the sender's flush throws: a problem of another kind, printed at once
            lines = err.text().lines().toList();
            assertEquals(4, lines.size(), err.text());
            assertTrue(lines.get(2).startsWith("metlog: flushing the sender failed"), lines.get(2));
            assertTrue(lines.get(3).startsWith("metlog: 5 more send errors were not shown"), lines.get(3));
        }
        assertEquals(106, client.stats().failed(), "every failure is counted, printed or not");
        assertEquals(0, client.stats().sent());
    }

    @Test
    void a_non_finite_gauge_is_counted_and_reported_whatever_its_rate_and_draws_nothing() {
        RecordingErrorHandler handler = new RecordingErrorHandler();
        MetlogClient client = MetlogClient.builder().sender(m -> { }).errorHandler(handler)
            .random(ScriptedRandom.never()).prefix("svc").build();
        client.gauge("ratio", Double.NaN, 0.5);
        client.gauge("ratio", Double.NEGATIVE_INFINITY, 0.0);
        assertEquals(2, client.stats().failed());
        assertEquals(List.of(Statistics.NOT_FINITE, Statistics.NOT_FINITE), handler.problems());
        Message second = handler.errors().get(1).message();
        assertEquals("svc.ratio", second.field("name"));
        assertEquals("-Infinity", second.payload());
        assertInstanceOf(RuntimeException.class, handler.errors().get(1).cause());
    }
}
