package org.metlog;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.config.Components;
import org.metlog.spi.Options;
import org.metlog.spi.Filter;
import org.metlog.spi.DeliveryCounters;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;
import org.metlog.testing.StdCapture;

class ClientDeliveryStatsTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private StdCapture quiet;

    @BeforeEach
    void quietStderr() {
        quiet = StdCapture.stderr();
    }

    @AfterEach
    void restoreStderr() {
        quiet.close();
    }

    /** A recording fake that counts every message it is given exactly once, and throws for payload "boom". */
    static final class CountingSender implements Sender {
        final DeliveryCounters counters = new DeliveryCounters();
        final CountDownLatch gate;

        CountingSender(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void send(Message message) throws Exception {
            if (gate != null) {
                gate.await();
            }
            if (message.payload().equals("boom")) {
                counters.failed();
                throw new IllegalStateException("boom");
            }
            counters.sent();
        }

        @Override
        public DeliveryStats stats() {
            return counters.snapshot();
        }
    }

    private static Set<String> metlogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("metlog-"))
            .collect(Collectors.toSet());
    }

    private static long statsThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().equals("metlog-stats")).count();
    }

    private static Filter dropType(String type) {
        return message -> !message.type().equals(type);
    }

    @Test
    void the_client_counts_sent_filtered_and_failed_for_a_sender_that_does_not_count() {
        Sender plain = message -> {
            if (message.payload().equals("boom")) {
                throw new IllegalStateException("boom");
            }
        };
        MetlogClient client = MetlogClient.builder().sender(plain).filters(List.of(dropType("noise"))).build();
        client.incr("a");
        client.metlog("noise");
        client.metlog("custom", "boom");
        client.metlog("custom", "fine");
        assertEquals(new DeliveryStats(2, 1, 0, 0, 1), client.stats());
        assertEquals(new DeliveryStats(2, 1, 0, 0, 1), client.deliveryStats());
    }

    @Test
    void a_filter_that_throws_is_counted_as_failed_by_the_client() {
        Filter broken = message -> {
            throw new IllegalStateException("bad filter");
        };
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(capture).filters(List.of(broken)).build();
        client.incr("a");
        assertEquals(new DeliveryStats(0, 0, 0, 0, 1), client.stats());
        assertEquals(new DeliveryStats(0, 0, 0, 0, 1), client.deliveryStats());
    }

    @Test
    void the_combined_view_takes_a_counting_senders_counters_without_counting_its_failures_twice() {
        CountingSender sender = new CountingSender(null);
        MetlogClient client = MetlogClient.builder().sender(sender).filters(List.of(dropType("noise"))).build();
        client.incr("a");
        client.metlog("custom", "boom");
        client.metlog("noise");
        assertEquals(new DeliveryStats(1, 1, 0, 0, 1), client.stats());
        assertEquals(new DeliveryStats(1, 1, 0, 0, 1), client.deliveryStats());
        assertEquals(3, client.deliveryStats().total());
    }

    @Test
    void through_an_async_sender_every_message_created_is_delivered_or_counted_once_drained() {
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch gate = new CountDownLatch(1);
            CountingSender delegate = new CountingSender(gate);
            AsyncSender async = AsyncSender.builder(delegate).capacity(5).shutdownHook(false).build();
            MetlogClient client = MetlogClient.builder().sender(async).filters(List.of(dropType("noise"))).build();
            int created = 0;
            for (int i = 0; i < 20; i++) {
                client.incr("hits");
                client.metlog("custom", "boom");
                client.metlog("noise");
                created += 3;
            }
            gate.countDown();
            client.close();
            DeliveryStats all = client.deliveryStats();
            assertEquals(created, all.total(), all.toString());
            assertEquals(20, all.filtered());
            assertEquals(async.stats().droppedQueueFull(), all.droppedQueueFull());
            assertTrue(all.droppedQueueFull() > 0, all.toString());
            assertEquals(delegate.stats().sent(), all.sent());
            assertEquals(delegate.stats().failed(), all.failed());
            assertEquals(async.stats().failed(), delegate.stats().failed());
            // the client itself handed every unfiltered message to the queue without an exception
            assertEquals(new DeliveryStats(40, 20, 0, 0, 0), client.stats());
        });
    }

    @Test
    void counters_cover_replaced_senders_and_messages_after_close() {
        DebugCaptureSender first = new DebugCaptureSender();
        DebugCaptureSender second = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(first).logger("app").build();
        client.incr("a");
        client.incr("b");
        client.setup(second, "app", 6, null, null);
        client.incr("c");
        assertEquals(new DeliveryStats(3, 0, 0, 0, 0), client.deliveryStats());
        client.close();
        client.incr("after close");
        assertEquals(new DeliveryStats(3, 0, 0, 0, 1), client.deliveryStats());
        assertEquals(new DeliveryStats(4, 0, 0, 0, 0), client.stats(), "the closed client still handed it on");
    }

    @Test
    void reconfiguring_with_the_same_sender_keeps_its_counts() {
        DebugCaptureSender sender = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        client.incr("a");
        MetlogClient.builder().sender(sender).logger("renamed").configure(client);
        client.incr("b");
        assertEquals(new DeliveryStats(2, 0, 0, 0, 0), client.deliveryStats());
        assertEquals(new DeliveryStats(2, 0, 0, 0, 0), client.stats());
    }

    @Test
    void with_a_stats_interval_the_client_sends_its_counters_as_a_metlog_stats_message() {
        assertTimeoutPreemptively(BOUND, () -> {
            DebugCaptureSender capture = new DebugCaptureSender();
            MetlogClient client = MetlogClient.builder().sender(capture).logger("app")
                .filters(List.of(dropType("noise"))).statsInterval(Duration.ofMillis(20)).build();
            try {
                client.incr("a");
                client.incr("b");
                client.metlog("noise");
                Map<String, Object> stats = null;
                while (stats == null) {
                    for (Map<String, Object> m : capture.decoded()) {
                        if (MetlogClient.TYPE_STATS.equals(m.get("type"))) {
                            stats = m;
                        }
                    }
                    Thread.sleep(5);
                }
                assertEquals("app", stats.get("logger"));
                assertEquals("", stats.get("payload"));
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) stats.get("fields");
                assertEquals(Set.of("sent", "filtered", "dropped_queue_full", "dropped_too_large", "failed", "truncated"),
                    fields.keySet());
                assertTrue(((Number) fields.get("sent")).longValue() >= 2, fields.toString());
                assertEquals(1, ((Number) fields.get("filtered")).intValue());
                assertEquals(0, ((Number) fields.get("failed")).intValue());
                assertTrue(client.isEmittingStats());
            } finally {
                client.close();
            }
            assertFalse(client.isEmittingStats());
            assertEquals(0, statsThreads(), "the metlog-stats thread is gone after close");
        });
    }

    @Test
    void a_client_has_at_most_one_stats_thread_and_reconfiguring_without_an_interval_stops_it() {
        assertTimeoutPreemptively(BOUND, () -> {
            long before = statsThreads();
            DebugCaptureSender capture = new DebugCaptureSender();
            MetlogClient client = MetlogClient.builder().sender(capture).statsInterval(Duration.ofSeconds(30))
                .build();
            MetlogClient.builder().sender(capture).statsInterval(Duration.ofSeconds(30)).configure(client);
            MetlogClient.builder().sender(capture).statsInterval(Duration.ofSeconds(20)).configure(client);
            client.setup(capture, "", 6, null, null); // setup keeps the interval
            assertEquals(before + 1, statsThreads());
            assertTrue(client.isEmittingStats());
            MetlogClient.builder().sender(capture).configure(client);
            assertFalse(client.isEmittingStats());
            assertEquals(before, statsThreads());
            client.close();
        });
    }

    @Test
    void a_negative_or_sub_millisecond_stats_interval_is_rejected() {
        assertThrows(IllegalArgumentException.class,
            () -> MetlogClient.builder().statsInterval(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
            () -> MetlogClient.builder().statsInterval(Duration.ofNanos(10)));
        MetlogClient.builder().statsInterval(Duration.ZERO).statsInterval(null); // both mean none
    }

    @Test
    void no_metlog_thread_is_left_after_closing_a_client_with_an_async_sender_and_stats() {
        assertTimeoutPreemptively(BOUND, () -> {
            Sender sender = Components.sender("metlog.senders.dev.DebugCaptureSender",
                Options.of(Map.of("async", true)));
            String worker = ((AsyncSender) sender).threadName();
            MetlogClient client = MetlogClient.builder().sender(sender).statsInterval(Duration.ofMillis(5)).build();
            for (int i = 0; i < 100; i++) {
                client.incr("x");
            }
            assertTrue(metlogThreads().contains(worker));
            TimeUnit.MILLISECONDS.sleep(20);
            client.close();
            Set<String> alive = metlogThreads();
            assertFalse(alive.contains(worker), alive.toString());
            assertEquals(0, statsThreads());
            DeliveryStats all = client.deliveryStats();
            assertEquals(all.sent(), client.stats().sent(), all.toString());
        });
    }
}
