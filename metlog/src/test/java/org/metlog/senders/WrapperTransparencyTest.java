package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.Sender;

/**
 * Wrapping a sender in an {@link AsyncSender} or a {@link RouterSender} keeps its capabilities: waiting for its
 * connection, its end-to-end counts, a readable name; and the wrappers' own problems reach their error handler.
 */
class WrapperTransparencyTest {
    private static final Duration MAX = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    /** A recording fake: records each connection wait, answers from a script, reports scripted counts. */
    static final class ScriptedSender implements Sender {
        final String name;
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        final Deque<Boolean> answers = new ArrayDeque<>();
        final List<Message> received = new CopyOnWriteArrayList<>();
        volatile boolean usesWholeWait;
        volatile boolean throwOnSend;
        volatile RuntimeException onFlushOrClose;
        volatile DeliveryStats endToEnd = DeliveryStats.EMPTY;

        ScriptedSender(String name, Boolean... answers) {
            this.name = name;
            this.answers.addAll(List.of(answers));
        }

        @Override
        public void send(Message message) throws IOException {
            received.add(message);
            if (throwOnSend) {
                throw new IOException("scripted failure");
            }
        }

        @Override
        public synchronized boolean awaitConnection(Duration max) {
            waits.add(max);
            if (usesWholeWait) { // not ready until the very end of the wait it was given
                long deadline = System.nanoTime() + max.toNanos();
                while (System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(deadline - System.nanoTime());
                }
            }
            return answers.isEmpty() || answers.poll();
        }

        @Override
        public DeliveryStats deliveryStats() {
            return endToEnd;
        }

        @Override
        public void flush() {
            if (onFlushOrClose != null) {
                throw onFlushOrClose;
            }
        }

        @Override
        public void close() {
            if (onFlushOrClose != null) {
                throw onFlushOrClose;
            }
        }

        @Override
        public String toString() {
            return "ScriptedSender(" + name + ")";
        }
    }

    private static Message message(String type) {
        return Message.builder(type).payload("p").build();
    }

    // ------------------------------------------------------------------ AsyncSender

    @Test
    void an_async_sender_waits_for_its_delegates_connection_and_returns_its_answer() {
        ScriptedSender delegate = new ScriptedSender("d", false, true);
        try (AsyncSender async = AsyncSender.builder(delegate).shutdownHook(false).build()) {
            assertFalse(async.awaitConnection(Duration.ofMillis(250)));
            assertTrue(async.awaitConnection(MAX));
        }
        assertEquals(List.of(Duration.ofMillis(250), MAX), delegate.waits, "each wait reached the delegate as given");
    }

    @Test
    void a_closed_async_sender_is_not_ready_and_does_not_ask_its_delegate() {
        ScriptedSender delegate = new ScriptedSender("d");
        AsyncSender async = AsyncSender.builder(delegate).shutdownHook(false).build();
        async.close();
        assertFalse(async.awaitConnection(MAX));
        assertEquals(List.of(), delegate.waits);
    }

    @Test
    void an_async_sender_reports_its_delegates_end_to_end_counts_plus_its_own_drops() {
        ScriptedSender delegate = new ScriptedSender("d");
        delegate.endToEnd = new DeliveryStats(3, 1, 0, 2, 1);
        AsyncSender async = AsyncSender.builder(delegate).shutdownHook(false).build();
        async.close();
        async.send(message("late"));
        async.send(message("late"));
        assertEquals(new DeliveryStats(3, 1, 2, 2, 1), async.deliveryStats());
    }

    @Test
    void an_async_sender_names_its_queue_and_its_delegate() {
        try (AsyncSender async = AsyncSender.builder(new ScriptedSender("udp")).capacity(8).shutdownHook(false)
            .build()) {
            assertEquals("AsyncSender(capacity=8, DROP) -> ScriptedSender(udp)", async.toString());
        }
    }

    @Test
    void an_async_sender_reports_a_delegate_that_fails_to_flush_or_close_to_its_error_handler() {
        ScriptedSender delegate = new ScriptedSender("d");
        delegate.onFlushOrClose = new IllegalStateException("disk gone");
        List<DeliveryError> reported = new CopyOnWriteArrayList<>();
        AsyncSender async = AsyncSender.builder(delegate).shutdownHook(false).errorHandler(reported::add).build();
        async.flush();
        async.close();
        assertEquals(List.of("AsyncSender: flushing the delegate failed", "AsyncSender: closing the delegate failed"),
            reported.stream().map(DeliveryError::problem).toList());
        assertSame(delegate.onFlushOrClose, reported.get(1).cause());
    }

    // ------------------------------------------------------------------ RouterSender

    private static RouterSender router(ScriptedSender... nested) {
        RouterSender.Builder b = RouterSender.builder();
        for (ScriptedSender s : nested) {
            b.sender(s.name, s).route(s.name, s.name);
        }
        return b.build();
    }

    @Test
    void a_router_asks_every_nested_sender_and_is_ready_only_if_all_are() {
        ScriptedSender a = new ScriptedSender("a", true);
        ScriptedSender b = new ScriptedSender("b", false);
        ScriptedSender c = new ScriptedSender("c", true);
        try (RouterSender router = router(a, b, c)) {
            assertFalse(router.awaitConnection(MAX));
            assertEquals(1, a.waits.size());
            assertEquals(1, b.waits.size());
            assertEquals(1, c.waits.size(), "a sender after one that is not ready is still asked");
            assertTrue(router.awaitConnection(MAX), "all ready now");
        }
    }

    @Test
    void a_router_gives_its_nested_senders_one_overall_bound() {
        ScriptedSender slow = new ScriptedSender("slow");
        slow.usesWholeWait = true;
        ScriptedSender next = new ScriptedSender("next");
        Duration max = Duration.ofMillis(50);
        try (RouterSender router = router(slow, next)) {
            assertTrue(router.awaitConnection(max));
        }
        assertTrue(slow.waits.get(0).compareTo(max) <= 0, slow.waits.toString());
        assertEquals(List.of(Duration.ZERO), next.waits, "the first used up the bound: the next is asked, not waited for");
    }

    @Test
    void a_router_reports_end_to_end_counts_of_its_nested_senders_and_its_unrouted_messages() throws Exception {
        ScriptedSender counting = new ScriptedSender("counting");
        counting.endToEnd = new DeliveryStats(5, 0, 1, 0, 0);
        ScriptedSender silent = new ScriptedSender("silent"); // does not count: the router counts what it handed
        try (RouterSender router = router(counting, silent)) {
            router.send(message("silent"));
            silent.throwOnSend = true;
            try {
                router.send(message("silent"));
            } catch (IOException expected) {
                // the client reports it
            }
            router.send(message("unrouted"));
            assertEquals(new DeliveryStats(5 + 1, 1, 1, 0, 1), router.deliveryStats());
        }
    }

    @Test
    void a_router_inside_an_async_sender_forwards_waits_and_counts_end_to_end() {
        ScriptedSender inner = new ScriptedSender("inner", false);
        inner.endToEnd = new DeliveryStats(7, 0, 0, 0, 0);
        try (AsyncSender async = AsyncSender.builder(router(inner)).shutdownHook(false).build()) {
            assertFalse(async.awaitConnection(MAX), "the innermost sender's answer");
            assertEquals(new DeliveryStats(7, 0, 0, 0, 0), async.deliveryStats());
            assertEquals("AsyncSender(capacity=8192, DROP) -> RouterSender(routes={inner=[inner]},"
                + " senders={inner=ScriptedSender(inner)})", async.toString());
        }
    }

    @Test
    void a_router_reports_nested_senders_that_fail_to_flush_or_close_to_its_error_handler() {
        ScriptedSender broken = new ScriptedSender("broken");
        broken.onFlushOrClose = new IllegalStateException("socket gone");
        List<DeliveryError> reported = new CopyOnWriteArrayList<>();
        RouterSender router = RouterSender.builder().errorHandler(reported::add).sender("broken", broken)
            .route(RouterSender.ANY_TYPE, "broken").build();
        router.flush();
        router.close();
        router.close();
        assertEquals(List.of("RouterSender: flushing a nested sender failed",
            "RouterSender: closing a nested sender failed"), reported.stream().map(DeliveryError::problem).toList());
        assertEquals("ScriptedSender(broken)", reported.get(0).source());
    }

    // ------------------------------------------------------------------ names

    @Test
    void every_sender_names_its_class_and_destination() throws Exception {
        assertEquals("StreamSender(java.io.ByteArrayOutputStream)",
            new StreamSender(new ByteArrayOutputStream()).toString());
        assertEquals("StdoutSender(stdout)", new StdoutSender().toString());
        Path file = dir.resolve("out.json");
        try (FileSender sender = new FileSender(file)) {
            assertEquals("FileSender(" + file + ")", sender.toString());
        }
        DebugCaptureSender capture = new DebugCaptureSender();
        capture.send(message("x"));
        assertEquals("DebugCaptureSender(1 of 100 captured)", capture.toString());
        assertEquals("NoSendSender(client 'app')", new NoSendSender("app").toString());
        assertEquals("StdLibLoggingSender(logger='app', payload_types=[oldstyle], json_types=[*])",
            new StdLibLoggingSender("app", null, null).toString());
    }
}
