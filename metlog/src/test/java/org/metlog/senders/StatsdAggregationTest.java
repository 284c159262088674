package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.testing.Race;
import org.metlog.testing.UdpReceiver;

/**
 * {@link StatsdSender}'s client-side aggregation, against a real loopback receiver. The senders flush only when the
 * test says so (an hour's flush interval), except where the interval itself is under test.
 */
class StatsdAggregationTest extends StatsdFixture {
    private static DeliveryStats sent(long n) {
        return new DeliveryStats(n, 0, 0, 0, 0);
    }

    // ------------------------------------------------------------- what is summed, kept, separated

    @Test
    void the_counters_of_one_name_are_summed_into_one_line_that_counts_every_call_as_sent() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        for (int i = 0; i < 57; i++) {
            c.incr("hits");
        }
        c.incr("hits", 3);
        c.decr("hits", 10);
        s.flush();
        assertEquals("hits:50|c", datagram());
        assertEquals(sent(59), s.stats());
    }

    @Test
    void a_gauge_sends_its_last_value_and_counts_every_call() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.gauge("depth", 7);
        c.gauge("depth", 9);
        c.gauge("depth", 3);
        c.gauge("load", 0.5);
        c.gauge("load", 0.75);
        s.flush();
        assertEquals("depth:3|g\nload:0.75|g", datagram());
        assertEquals(sent(5), s.stats());
    }

    @Test
    void a_negative_last_gauge_is_reset_to_zero_first_and_a_plus_sign_is_dropped() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.gauge("temperature", 5);
        c.gauge("temperature", -4);
        s.send(stat("gauge", "plus", "+5", 1.0));
        s.flush();
        assertEquals("temperature:0|g\ntemperature:-4|g\nplus:5|g", datagram());
        assertEquals(sent(3), s.stats());
    }

    @Test
    void gauges_of_one_name_with_different_rates_are_one_gauge() throws IOException {
        StatsdSender s = quietSender();
        s.send(stat("gauge", "g", "1", 1.0));
        s.send(stat("gauge", "g", "2", 0.5));
        s.flush();
        assertEquals("g:2|g", datagram());
    }

    @Test
    void timers_keep_every_sample_as_a_line_of_its_own() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.timerSend("db.query", 12);
        c.timerSend("db.query", 40);
        c.timerSend("db.query", 12);
        c.timerSend("db.query", 7, 0.25);
        s.flush();
        assertEquals("db.query:12|ms\ndb.query:40|ms\ndb.query:12|ms\ndb.query:7|ms|@0.25", datagram());
        assertEquals(sent(4), s.stats());
    }

    @Test
    void more_timer_samples_in_an_interval_than_a_timer_has_room_for_are_all_delivered() {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).maxPacketSize(65_000));
        MetlogClient c = client(s);
        Map<String, Long> expected = new HashMap<>();
        int total = 0;
        for (int round = 0; round < 3; round++) { // the room grows between the rounds
            int samples = 100 * (round + 1) * StatsdMetric.FIRST_SAMPLES;
            for (int i = 0; i < samples; i++) {
                c.timerSend("t", i % 1000);
                expected.merge("t:" + (i % 1000) + "|ms", 1L, Long::sum);
            }
            total += samples;
            s.flush();
        }
        Map<String, Long> received = new HashMap<>();
        for (int lines = 0; lines < total; ) { // a half-full timer wakes the background flush: any order
            for (String line : datagram().split("\n")) {
                received.merge(line, 1L, Long::sum);
                lines++;
            }
        }
        assertEquals(expected, received);
        assertEquals(sent(total), s.stats());
    }

    @Test
    void counters_of_different_rates_are_separate_lines_each_with_its_rate() throws IOException {
        StatsdSender s = quietSender();
        s.send(stat("counter", "hits", "1", 0.5));
        s.send(stat("counter", "hits", "1", 1.0));
        s.send(stat("counter", "hits", "2", 0.5));
        s.send(stat("counter", "hits", "1", 0.1));
        s.flush();
        assertEquals("hits:3|c|@0.5\nhits:1|c\nhits:1|c|@0.1", datagram());
        assertEquals(sent(4), s.stats());
    }

    @Test
    void counters_with_different_tags_are_separate_lines_each_with_its_tags() {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).flavor(StatsdFlavor.DATADOG)
            .environment(Map.of()));
        MetlogClient c = client(s);
        c.incr("hits", 1, 1.0, null, null, Map.of("region", "eu"));
        c.incr("hits", 1, 1.0, null, null, Map.of("region", "us"));
        c.incr("hits", 1, 1.0, null, null, Map.of("region", "eu"));
        c.incr("hits");
        s.flush();
        assertEquals("hits:2|c|#region:eu\nhits:1|c|#region:us\nhits:1|c", datagram());
        assertEquals(sent(4), s.stats());
    }

    @Test
    void a_counter_a_gauge_and_a_timer_of_one_name_are_separate_metrics() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("x");
        c.gauge("x", 4);
        c.timerSend("x", 9);
        c.incr("x");
        s.flush();
        assertEquals("x:2|c\nx:4|g\nx:9|ms", datagram());
    }

    @Test
    void a_counter_value_that_is_no_whole_number_is_sent_as_a_line_of_its_own() throws IOException {
        StatsdSender s = quietSender();
        s.send(stat("counter", "c", "1.5", 1.0));
        s.send(stat("counter", "c", "2", 1.0));
        s.flush();
        assertEquals("c:2|c\nc:1.5|c", datagram());
        assertEquals(sent(2), s.stats());
    }

    @Test
    void bad_statistics_still_fail_and_are_counted() {
        StatsdSender s = quietSender();
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("counter", "c", "many", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("timer", "t", "-5", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("counter", "c", "1", 2.0)));
        assertThrows(IllegalArgumentException.class,
            () -> s.send(Message.builder("counter").payload("1").build()));
        assertEquals(new DeliveryStats(0, 0, 0, 0, 4), s.stats());
    }

    // ------------------------------------------------------------- when it is sent

    @Test
    void what_was_aggregated_is_sent_on_the_flush_interval_without_a_flush() {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(Duration.ofMillis(20)));
        MetlogClient c = client(s);
        c.incr("background");
        c.incr("background");
        c.incr("background");
        long sum = 0;
        while (sum < 3) { // the interval may fall between the calls: add up what arrives (bounded wait)
            for (String line : datagram().split("\n")) {
                assertTrue(line.matches("background:\\d+\\|c"), line);
                sum += Long.parseLong(line.substring("background:".length(), line.indexOf('|')));
            }
        }
        assertEquals(3, sum);
        s.flush(); // waits for the background flush to have counted what it wrote
        assertEquals(sent(3), s.stats());
    }

    @Test
    void close_sends_what_was_aggregated() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("last");
        c.incr("last");
        s.close();
        assertEquals("last:2|c", datagram());
        assertEquals(sent(2), s.stats());
    }

    @Test
    void a_flush_after_a_flush_sends_nothing_more() {
        StatsdSender s = quietSender();
        client(s).incr("once");
        s.flush();
        assertEquals("once:1|c", datagram());
        s.flush();
        assertNull(statsd.receive(Duration.ofMillis(200)));
        assertEquals(sent(1), s.stats());
    }

    // ------------------------------------------------------------- counting

    @Test
    void calls_from_many_threads_while_flushes_run_are_each_delivered_and_counted_once() {
        // counters and a timer from 4 threads, flushed all along by a fifth: the receiver's sums equal the calls
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        int threads = 4;
        int each = 25_000;
        String[] names = {"race.a", "race.b", "race.c"};
        Map<String, Long> received = new HashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean allFlushed = new AtomicBoolean();
        Thread flusher = new Thread(() -> { // flushes while the calls run, on a thread of its own
            for (int i = 0; i < 200 && !done.get(); i++) {
                s.flush();
                Thread.yield();
            }
        });
        Thread reader = new Thread(() -> {
            while (true) {
                byte[] d = statsd.receive(Duration.ofMillis(300));
                if (d == null) {
                    if (allFlushed.get()) {
                        return;
                    }
                    continue;
                }
                for (String line : new String(d, StandardCharsets.UTF_8).split("\n")) {
                    String name = line.substring(0, line.indexOf(':'));
                    long value = Long.parseLong(line.substring(line.indexOf(':') + 1, line.indexOf('|')));
                    synchronized (received) {
                        received.merge(name, value, Long::sum);
                    }
                }
            }
        });
        reader.start();
        flusher.start();
        int timersEach = each / 10;
        Race.run(threads, () -> {
            for (int i = 0; i < each; i++) {
                c.incr(names[i % names.length]);
                if (i % 10 == 0) {
                    c.timerSend("race.t", 1); // samples: room grows, overflows to lines, wakes the flush
                }
            }
            return null;
        });
        done.set(true);
        assertTimeoutPreemptively(UdpReceiver.DEADLINE, () -> flusher.join());
        s.flush();
        allFlushed.set(true);
        assertTimeoutPreemptively(UdpReceiver.DEADLINE, () -> reader.join());
        long calls = (long) threads * each;
        assertEquals(sent(calls + (long) threads * timersEach), s.stats());
        assertEquals((long) threads * timersEach, received.get("race.t"), "timer samples (1 ms each)");
        long total = 0;
        for (String name : names) {
            total += received.getOrDefault(name, 0L);
        }
        assertEquals(calls, total, received.toString());
        for (int i = 0; i < names.length; i++) {
            long expected = (long) threads * (each / names.length + (i < each % names.length ? 1 : 0));
            assertEquals(expected, received.get(names[i]), names[i]);
        }
    }

    @Test
    void a_metric_beyond_the_capacity_is_dropped_and_counted_while_known_ones_still_aggregate() {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).queueCapacity(2));
        MetlogClient c = client(s);
        c.incr("a");
        c.incr("b");
        c.incr("c");
        c.incr("a");
        s.flush();
        assertEquals("a:2|c\nb:1|c", datagram());
        assertEquals(new DeliveryStats(3, 0, 1, 0, 0), s.stats());
        assertEquals(1, errors.count("too many lines"), errors.problems().toString());
    }

    @Test
    void a_metric_idle_for_enough_flushes_is_forgotten_and_makes_room_for_another() {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).queueCapacity(1));
        MetlogClient c = client(s);
        c.incr("old");
        s.flush();
        assertEquals("old:1|c", datagram());
        for (int i = 0; i < StatsdAggregator.IDLE_FLUSHES; i++) {
            s.flush();
        }
        c.incr("new");
        c.incr("old");
        s.flush();
        assertEquals("new:1|c", datagram());
        assertEquals(new DeliveryStats(2, 0, 1, 0, 0), s.stats());
    }

    @Test
    void a_line_longer_than_a_datagram_is_dropped_and_counted() {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("x".repeat(2000));
        c.incr("ok");
        s.flush();
        assertEquals("ok:1|c", datagram());
        assertEquals(new DeliveryStats(1, 0, 0, 1, 0), s.stats());
    }

    // ------------------------------------------------------------- opting out, configuration

    @Test
    void without_aggregation_every_message_is_a_line_of_its_own() {
        StatsdSender s = StatsdSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port",
            String.valueOf(statsd.port()), "flush_interval_ms", "60000", "aggregation", "false")));
        opened.add(s);
        MetlogClient c = client(s);
        c.incr("hits");
        c.incr("hits");
        c.gauge("g", 1);
        c.gauge("g", 2);
        s.flush();
        assertEquals("hits:1|c\nhits:1|c\ng:1|g\ng:2|g", datagram());
    }

    @Test
    void aggregation_is_on_by_default_and_the_option_reads_the_usual_booleans() {
        for (String on : List.of("true", "yes", "on", "1")) {
            StatsdSender s = StatsdSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port",
                String.valueOf(statsd.port()), "aggregation", on, "flush_interval_ms", "60000")));
            opened.add(s);
            client(s).incr("on");
            client(s).incr("on");
            s.flush();
            assertEquals("on:2|c", datagram(), on);
        }
        StatsdSender byDefault = StatsdSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port",
            String.valueOf(statsd.port()), "flush_interval_ms", "60000")));
        opened.add(byDefault);
        client(byDefault).incr("d");
        client(byDefault).incr("d");
        byDefault.flush();
        assertEquals("d:2|c", datagram());
    }

    @Test
    void a_bad_aggregation_option_fails_naming_the_key_the_value_and_what_is_expected() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> StatsdSender.fromConfig(
            Options.of(Map.of("aggregation", "sometimes"), "test [metlog]", "sender_")));
        assertEquals("test [metlog]: option sender_aggregation = 'sometimes': expected a boolean (true/false,"
            + " yes/no, on/off)", e.getMessage());
        assertThrows(InvalidOptionException.class,
            () -> StatsdSender.fromConfig(Options.of(Map.of("aggregation", List.of("true")))));
    }
}
