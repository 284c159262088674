package org.metlog.senders.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.testing.Deadline;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.ScriptedRandom;

/**
 * {@link OtlpSender} against collectors that refuse, throttle, hang or are not there: retried as the OTLP/HTTP
 * specification says, every wait exact (the pause is recorded, the jitter drawn from a scripted source, the clock
 * fixed), and every message counted once against what the receiver accepted.
 */
class OtlpSenderFaultsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final RecordingErrorHandler errors = new RecordingErrorHandler();
    private final RecordingPause pause = new RecordingPause();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private OtlpSender.Builder sender(String endpoint) {
        return OtlpSender.builder().endpoint(endpoint).flushInterval(Duration.ofHours(1)).errorHandler(errors)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)).random(new ScriptedRandom(0.5)).pause(pause)
            .wallClock(Clock.fixed(NOW, ZoneOffset.UTC)).environment(n -> null);
    }

    private static void sendLogs(OtlpSender sender, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            sender.send(Message.builder("e").logger("l").payload("m" + i).build());
        }
    }

    @Test
    void a_503_then_200_is_sent_again_after_the_jittered_backoff_and_counted_sent_once() throws Exception {
        receiver.script(OtlpReceiver.Answer.status(503));
        try (OtlpSender sender = sender(receiver.endpoint()).build()) {
            sendLogs(sender, 4);
            sender.flush();
            assertEquals(new DeliveryStats(4, 0, 0, 0, 0), sender.stats());
            assertEquals(1, sender.retries());
        }
        assertEquals(List.of(503, 200), receiver.received().stream().map(OtlpReceiver.Received::status).toList());
        assertEquals(4, receiver.acceptedLogRecords().size());
        assertEquals(List.of(750_000_000L), pause.waits(), "1 s * (0.5 + 0.5 * 0.5)");
        assertEquals(List.of(), errors.problems());
    }

    @Test
    void a_429_with_retry_after_seconds_waits_what_the_server_asked_instead_of_the_backoff() throws Exception {
        receiver.script(OtlpReceiver.Answer.status(429, "Retry-After", "7"));
        try (OtlpSender sender = sender(receiver.endpoint()).build()) {
            sendLogs(sender, 2);
            sender.flush();
            assertEquals(new DeliveryStats(2, 0, 0, 0, 0), sender.stats());
        }
        assertEquals(List.of(7_000_000_000L), pause.waits());
    }

    @Test
    void a_retry_after_http_date_waits_until_that_time_on_the_injected_clock() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        receiver.script(OtlpReceiver.Answer.status(503, "Retry-After", date));
        try (OtlpSender sender = sender(receiver.endpoint()).build()) {
            sendLogs(sender, 1);
            sender.flush();
            assertEquals(1, sender.stats().sent());
        }
        assertEquals(List.of(3_000_000_000L), pause.waits());
    }

    @Test
    void a_retry_after_longer_than_the_cap_waits_the_cap() throws Exception {
        receiver.script(OtlpReceiver.Answer.status(429, "Retry-After", "3600"));
        try (OtlpSender sender = sender(receiver.endpoint()).maxRetryAfter(Duration.ofSeconds(30)).build()) {
            sendLogs(sender, 1);
            sender.flush();
            assertEquals(1, sender.stats().sent());
        }
        assertEquals(List.of(30_000_000_000L), pause.waits());
    }

    @Test
    void the_backoff_doubles_up_to_its_maximum_and_the_last_failure_counts_every_message_failed() throws Exception {
        for (int i = 0; i < 5; i++) {
            receiver.script(OtlpReceiver.Answer.status(i % 2 == 0 ? 502 : 504));
        }
        try (OtlpSender sender = sender(receiver.endpoint()).random(new ScriptedRandom(0.0)).maxAttempts(5)
            .build()) {
            sendLogs(sender, 3);
            sender.flush();
            assertEquals(new DeliveryStats(0, 0, 0, 0, 3), sender.stats());
            assertEquals(5, sender.requests());
        }
        assertEquals(List.of(500_000_000L, 1_000_000_000L, 2_000_000_000L, 2_500_000_000L), pause.waits(),
            "0.5 x 1, 2, 4, then 5 (the maximum) seconds");
        assertEquals(0, receiver.acceptedItems());
        assertEquals(1, errors.count("failed after every retry"));
    }

    @Test
    void a_400_is_final_not_retried_and_counts_its_messages_failed() throws Exception {
        receiver.script(OtlpReceiver.Answer.status(400));
        try (OtlpSender sender = sender(receiver.endpoint()).build()) {
            sendLogs(sender, 2);
            sender.send(Message.builder(Message.TYPE_COUNTER).logger("l").stat("c", 1).payload("1").build());
            sender.flush();
            assertEquals(new DeliveryStats(1, 0, 0, 0, 2), sender.stats(), "the logs request failed, metrics not");
        }
        assertEquals(List.of(), pause.waits());
        assertEquals(List.of(400, 200), receiver.received().stream().map(OtlpReceiver.Received::status).toList());
        assertEquals(1, errors.count("the collector refused a request"));
        assertTrue(errors.errors().get(0).cause().getMessage().contains("HTTP 400"), errors.problems().toString());
    }

    @Test
    void a_receiver_that_never_answers_times_out_each_attempt_and_its_messages_are_counted_failed()
        throws Exception {
        try (SilentReceiver silent = new SilentReceiver()) {
            // 1 s: long enough to connect on a loaded machine, so each attempt waits for a response that never comes
            OtlpSender sender = sender(silent.endpoint()).timeout(Duration.ofSeconds(1)).maxAttempts(2)
                .closeTimeout(Duration.ofSeconds(30)).build();
            sendLogs(sender, 3);
            assertTimeoutPreemptively(Duration.ofSeconds(30), sender::flush);
            assertEquals(new DeliveryStats(0, 0, 0, 0, 3), sender.stats());
            assertEquals(2, sender.requests());
            assertEquals(1, pause.waits().size());
            assertTrue(Deadline.await(Duration.ofSeconds(20), () -> silent.connections() >= 1), "it did connect");
            Throwable cause = errors.errors().get(0).cause().getCause();
            assertTrue(cause instanceof java.net.http.HttpTimeoutException, () -> "timed out: " + cause);
            assertTimeoutPreemptively(Duration.ofSeconds(10), sender::close);
            assertEquals(new DeliveryStats(0, 0, 0, 0, 3), sender.stats());
        }
    }

    @Test
    void close_gives_up_on_a_request_that_never_returns_within_its_bound_and_counts_it_dropped()
        throws Exception {
        try (SilentReceiver silent = new SilentReceiver()) {
            OtlpSender sender = sender(silent.endpoint()).timeout(Duration.ofMinutes(5))
                .closeTimeout(Duration.ofMillis(300)).build();
            sendLogs(sender, 3);
            sender.flush(); // returns after its bound, the request still hanging
            assertTrue(Deadline.await(Duration.ofSeconds(20), () -> silent.connections() == 1));
            sendLogs(sender, 2);
            assertTimeoutPreemptively(Duration.ofSeconds(10), sender::close);
            assertEquals(new DeliveryStats(0, 0, 5, 0, 0), sender.stats(), "3 in flight and 2 waiting");
            assertEquals(1, errors.count("close gave up"));
        }
    }

    @Test
    void an_absent_receiver_is_retried_then_its_messages_are_counted_failed() throws Exception {
        String nobody = "http://127.0.0.1:" + Ports.freeTcp();
        try (OtlpSender sender = sender(nobody).maxAttempts(3).build()) {
            sendLogs(sender, 2);
            assertTimeoutPreemptively(Duration.ofSeconds(30), sender::flush);
            assertEquals(new DeliveryStats(0, 0, 0, 0, 2), sender.stats());
            assertEquals(3, sender.requests());
        }
        assertEquals(List.of(750_000_000L, 1_500_000_000L), pause.waits());
        assertEquals(1, errors.count("failed after every retry"));
        assertTrue(errors.errors().get(0).cause().getMessage().contains("no response"), errors.problems().toString());
    }
}
