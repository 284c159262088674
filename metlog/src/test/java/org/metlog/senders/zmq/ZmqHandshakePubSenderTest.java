package org.metlog.senders.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.senders.zmq.ZmqPubSenderTest.UNICODE;
import static org.metlog.senders.zmq.ZmqPubSenderTest.WAIT;
import static org.metlog.senders.zmq.ZmqPubSenderTest.numbered;
import static org.metlog.senders.zmq.ZmqPubSenderTest.range;
import static org.metlog.senders.zmq.ZmqPubSenderTest.receiveSeqs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.testing.Deadline;
import org.metlog.testing.MetlogThreads;
import org.metlog.testing.Ports;
import org.metlog.testing.StdCapture;
import org.metlog.testing.ZmqBackend;

class ZmqHandshakePubSenderTest {
    private static final Duration LIVECHECK = Duration.ofMillis(200);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(150);

    private static String freeEndpoint() {
        return "tcp://127.0.0.1:" + Ports.freeTcp();
    }

    private static ZmqHandshakePubSender sender(String handshake, String publish) {
        return ZmqHandshakePubSender.builder(handshake, publish, HANDSHAKE_TIMEOUT).poolSize(2).livecheck(LIVECHECK)
            .build();
    }

    @Test
    void without_a_backend_messages_go_to_stderr_as_json_lines() {
        try (StdCapture err = StdCapture.stderr();
             ZmqHandshakePubSender sender = sender(freeEndpoint(), freeEndpoint())) {
            for (int i = 0; i < 3; i++) {
                sender.send(numbered("no-backend", i));
            }
            List<Map<String, Object>> lines = err.jsonLines();
            assertEquals(3, lines.size(), err.text());
            for (int i = 0; i < 3; i++) {
                assertEquals("no-backend", lines.get(i).get("type"));
                assertEquals(UNICODE, lines.get(i).get("payload"));
                assertEquals(i, ((Number) ((Map<?, ?>) lines.get(i).get("fields")).get("seq")).intValue());
            }
            assertEquals(new DeliveryStats(0, 0, 0, 0, 3), sender.stats());
            assertFalse(sender.awaitConnection(Duration.ofMillis(300)));
        }
    }

    @Test
    void with_a_backend_up_messages_go_over_zeromq_and_not_to_stderr() {
        String handshake = freeEndpoint();
        String publish = freeEndpoint();
        try (ZmqBackend backend = ZmqBackend.start(handshake, publish);
             ZmqHandshakePubSender sender = sender(handshake, publish)) {
            assertTrue(sender.awaitConnection(WAIT), "handshake answered and subscriber attached");
            try (StdCapture err = StdCapture.stderr()) {
                for (int i = 0; i < 20; i++) {
                    sender.send(numbered("over-zmq", i));
                }
                assertEquals(range(20), receiveSeqs(backend.subscriber, "over-zmq", 20));
                assertTrue(err.jsonLines().isEmpty(), err.text());
            }
            assertEquals(new DeliveryStats(20, 0, 0, 0, 0), sender.stats());
            assertTrue(backend.answered() >= 2, "each pooled client handshakes");
        }
    }

    @Test
    void a_backend_started_after_the_sender_is_picked_up_within_livecheck() {
        String handshake = freeEndpoint();
        String publish = freeEndpoint();
        try (StdCapture err = StdCapture.stderr();
             ZmqHandshakePubSender sender = sender(handshake, publish)) {
            sender.send(numbered("before", 0));
            assertEquals(1, err.jsonLines().size(), "no backend yet: stderr");
            try (ZmqBackend backend = ZmqBackend.start(handshake, publish)) {
                assertTrue(sender.awaitConnection(WAIT), "the livecheck thread handshakes again");
                sender.send(numbered("after", 0));
                assertEquals(Set.of(0), receiveSeqs(backend.subscriber, "after", 1));
                assertEquals(1, err.jsonLines().size(), "nothing more on stderr: " + err.text());
            }
        }
    }

    @Test
    void a_backend_that_stops_answering_is_noticed_and_messages_return_to_stderr() {
        String handshake = freeEndpoint();
        String publish = freeEndpoint();
        try (StdCapture err = StdCapture.stderr();
             ZmqHandshakePubSender sender = sender(handshake, publish)) {
            try (ZmqBackend backend = ZmqBackend.start(handshake, publish)) {
                assertTrue(sender.awaitConnection(WAIT));
                sender.send(numbered("up", 0));
                assertEquals(Set.of(0), receiveSeqs(backend.subscriber, "up", 1));
            }
            int[] seq = {0};
            assertTrue(Deadline.await(WAIT, () -> {
                sender.send(numbered("down", seq[0]++));
                return !err.jsonLines().isEmpty();
            }), "after the backend went away, messages go to stderr again");
            assertTrue(err.diagnostics().stream().anyMatch(l -> l.contains("did not answer")),
                err.text());
        }
    }

    @Test
    void a_diverted_message_is_reported_to_the_builders_handler_before_it_reaches_stderr() {
        List<org.metlog.spi.DeliveryError> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StdCapture err = StdCapture.stderr();
             ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(freeEndpoint(), freeEndpoint(),
                 HANDSHAKE_TIMEOUT).poolSize(1).livecheck(LIVECHECK).errorHandler(e -> {
                     reported.add(e);
                     System.err.println("metlog: handled " + e.problem());
                 }).build()) {
            sender.send(numbered("explained", 0));
            List<String> lines = err.lines();
            int explanation = -1;
            for (int i = 0; i < lines.size() && explanation < 0; i++) {
                if (lines.get(i).startsWith("metlog: handled ") && lines.get(i).contains("did not answer")) {
                    explanation = i;
                }
            }
            int diverted = -1;
            for (int i = 0; i < lines.size() && diverted < 0; i++) {
                if (lines.get(i).startsWith("{")) {
                    diverted = i;
                }
            }
            assertTrue(explanation >= 0 && diverted > explanation, "the explanation comes first: " + lines);
            assertTrue(reported.stream().anyMatch(e -> e.message() != null
                && "explained".equals(e.message().type())), reported.toString());
        }
    }

    @Test
    void debug_stderr_mirrors_messages_without_writing_diverted_ones_twice() {
        try (StdCapture err = StdCapture.stderr();
             ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(freeEndpoint(), freeEndpoint(),
                 HANDSHAKE_TIMEOUT).poolSize(1).debugStderr(true).build()) {
            sender.send(numbered("mirrored", 0));
            assertEquals(1, err.jsonLines().size(), err.text());
        }
    }

    @Test
    void close_stops_the_livecheck_thread_during_handshakes_and_terminates_zeromq() {
        Set<Thread> before = MetlogThreads.live();
        ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(freeEndpoint(), freeEndpoint(),
            Duration.ofSeconds(30)).poolSize(3).livecheck(LIVECHECK).build();
        assertTrue(Deadline.await(WAIT, () -> MetlogThreads.live().stream()
            .anyMatch(t -> t.getName().equals(PubEngine.LIVECHECK_THREAD) && !before.contains(t))));
        MetlogThreads.assertNewOnesAreDaemons(before);
        sender.close();
        MetlogThreads.awaitNoneBut(before, WAIT);
        assertTrue(sender.contextTerminated());
    }
}
