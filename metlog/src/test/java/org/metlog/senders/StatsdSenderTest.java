package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;
import org.metlog.testing.UdpReceiver;
import org.metlog.testing.StdCapture;

class StatsdSenderTest extends StatsdFixture {
    // ------------------------------------------------------------- lines

    @Test
    void a_counter_is_sent_as_name_count_c() throws IOException {
        StatsdSender s = quietSender();
        client(s).incr("hits", 3);
        s.flush();
        assertEquals("hits:3|c", datagram());
    }

    @Test
    void a_decrement_is_a_negative_count() throws IOException {
        StatsdSender s = quietSender();
        client(s).decr("hits");
        s.flush();
        assertEquals("hits:-1|c", datagram());
    }

    @Test
    void a_sampled_counter_carries_at_rate_in_plain_decimal() throws IOException {
        StatsdSender s = quietSender();
        s.send(stat("counter", "a", "5", 0.5));
        s.send(stat("counter", "b", "1", 0.05));
        s.send(stat("counter", "c", "1", 0.00001));
        s.send(stat("counter", "d", "1", 1.0));
        s.send(stat("counter", "e", "1", 0.0));
        s.flush();
        assertEquals("a:5|c|@0.5\nb:1|c|@0.05\nc:1|c|@0.00001\nd:1|c\ne:1|c", datagram());
    }

    @Test
    void a_timer_is_sent_as_name_ms_ms_with_its_rate() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.timerSend("db.query", 12);
        c.timerSend("db.query", 40, 0.25);
        s.flush();
        assertEquals("db.query:12|ms\ndb.query:40|ms|@0.25", datagram());
    }

    @Test
    void a_gauge_is_sent_as_name_value_g_without_a_rate() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.gauge("depth", 7);
        c.gauge("load", 0.75);
        s.send(stat("gauge", "sampled", "3", 0.5));
        s.flush();
        assertEquals("depth:7|g\nload:0.75|g\nsampled:3|g", datagram());
    }

    @Test
    void a_negative_gauge_is_reset_to_zero_first_because_statsd_reads_a_sign_as_a_change() throws IOException {
        StatsdSender s = quietSender();
        client(s).gauge("temperature", -4);
        s.send(stat("gauge", "plus", "+5", 1.0));
        s.flush();
        assertEquals("temperature:0|g\ntemperature:-4|g\nplus:5|g", datagram());
        assertEquals(2, s.stats().sent(), "the two lines of a negative gauge are one message");
    }

    @Test
    void named_timers_and_accumulators_are_sent_as_timers() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.startTimer("t");
        c.stopTimer("t");
        c.startAccumulator("acc");
        c.stopAccumulator("acc");
        c.flushAccumulator("acc");
        s.flush();
        String[] lines = datagram().split("\n");
        assertTrue(lines[0].matches("t:\\d+\\|ms"), lines[0]);
        assertTrue(lines[1].matches("acc:\\d+\\|ms"), lines[1]);
    }

    @Test
    void the_sender_prefix_comes_before_the_client_prefix() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).prefix("host1"));
        MetlogClient.builder().sender(s).prefix("svc").build().incr("hits");
        s.flush();
        assertEquals("host1.svc.hits:1|c", datagram());
    }

    @Test
    void reserved_characters_in_names_and_prefix_become_underscores() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).prefix("a|b"));
        assertEquals("a_b", s.prefix());
        client(s).incr("x:y|z@w\nv\tu\r\u007f");
        s.flush();
        assertEquals("a_b.x_y_z_w_v_u__:1|c", datagram());
    }

    @Test
    void sanitising_a_clean_name_returns_it_unchanged() {
        String name = "fine.name-with_chars;and=more";
        assertSame(name, StatsdLines.sanitize(name));
    }

    // ------------------------------------------------------------- packing and flushing

    @Test
    void several_metrics_are_packed_newline_separated_into_one_datagram() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("a");
        c.incr("b", 2);
        c.gauge("g", 3);
        s.flush();
        assertEquals("a:1|c\nb:2|c\ng:3|g", datagram());
        assertEquals(new DeliveryStats(3, 0, 0, 0, 0), s.stats());
    }

    @Test
    void datagrams_never_exceed_the_maximum_size_and_lines_are_never_split() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).maxPacketSize(64));
        MetlogClient c = client(s);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            c.incr("metric.number." + i, i);
            expected.add("metric.number." + i + ":" + i + "|c");
        }
        s.flush();
        List<String> received = new ArrayList<>();
        int datagrams = 0;
        while (received.size() < expected.size()) {
            byte[] d = statsd.receive();
            datagrams++;
            assertTrue(d.length <= 64, "datagram of " + d.length + " bytes");
            received.addAll(Arrays.asList(new String(d, StandardCharsets.UTF_8).split("\n")));
        }
        assertEquals(expected, received);
        assertTrue(datagrams > 1);
        assertEquals(30, s.stats().sent());
    }

    @Test
    void the_default_maximum_datagram_is_1432_bytes() throws IOException {
        StatsdSender s = quietSender();
        assertEquals(1432, s.maxPacketSize());
        MetlogClient c = client(s);
        for (int i = 0; i < 200; i++) {
            c.incr("m" + i);
        }
        s.flush();
        int lines = 0;
        while (lines < 200) {
            byte[] d = statsd.receive();
            assertTrue(d.length <= 1432, "datagram of " + d.length + " bytes");
            lines += new String(d, StandardCharsets.UTF_8).split("\n").length;
        }
        assertEquals(200, lines);
    }

    @Test
    void queued_metrics_are_sent_within_the_flush_interval_without_a_flush() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(Duration.ofMillis(20)));
        client(s).incr("background");
        assertEquals("background:1|c", datagram());
    }

    @Test
    void without_aggregation_a_full_datagram_is_sent_before_the_interval_ends() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().aggregation(false).flushInterval(LONG).maxPacketSize(64));
        MetlogClient c = client(s);
        for (int i = 0; i < 8; i++) {
            c.incr("filler.metric." + i);
        }
        assertTrue(datagram().startsWith("filler.metric.0:1|c"));
    }

    @Test
    void close_sends_what_is_queued() throws IOException {
        StatsdSender s = quietSender();
        client(s).incr("last");
        s.close();
        assertEquals("last:1|c", datagram());
        assertEquals(1, s.stats().sent());
    }

    @Test
    void the_client_flush_sends_at_once() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("now");
        c.flush();
        assertEquals("now:1|c", datagram());
    }

    // ------------------------------------------------------------- drops and counting

    @Test
    void other_message_types_are_dropped_and_counted_as_filtered() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.info("a log line");
        c.metlog("custom", "x");
        c.incr("kept");
        s.flush();
        assertEquals("kept:1|c", datagram());
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), s.stats());
    }

    @Test
    void a_payload_that_is_not_a_number_fails_and_is_counted() throws IOException {
        StatsdSender s = quietSender();
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("counter", "c", "many", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("timer", "t", "-5", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> s.send(stat("gauge", "g", "1d", 1.0)));
        assertThrows(IllegalArgumentException.class,
            () -> s.send(Message.builder("counter").payload("1").build()));
        assertEquals(4, s.stats().failed());
    }

    @Test
    void a_line_longer_than_a_datagram_is_dropped_and_counted() throws IOException {
        StatsdSender s = quietSender();
        MetlogClient c = client(s);
        c.incr("x".repeat(2000));
        c.incr("ok");
        s.flush();
        assertEquals("ok:1|c", datagram());
        assertEquals(new DeliveryStats(1, 0, 0, 1, 0), s.stats());
        assertEquals(1, errors.count("longer than a datagram"), errors.problems().toString());
    }

    @Test
    void lines_beyond_the_queue_capacity_are_dropped_and_counted() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().flushInterval(LONG).queueCapacity(2));
        MetlogClient c = client(s);
        for (int i = 0; i < 5; i++) {
            c.incr("q" + i);
        }
        s.flush();
        assertEquals("q0:1|c\nq1:1|c", datagram());
        assertEquals(new DeliveryStats(2, 0, 3, 0, 0), s.stats());
        assertEquals(3, errors.count("too many lines"), errors.problems().toString());
    }

    @Test
    void a_closed_sender_counts_messages_as_failed() throws Exception {
        StatsdSender s = quietSender();
        s.close();
        assertThrows(IOException.class, () -> s.send(stat("counter", "late", "1", 1.0)));
        assertEquals(1, s.stats().failed());
        StdCapture.stderrOf(() -> client(s).incr("late"));
        assertEquals(2, s.stats().failed());
    }

    @Test
    void without_aggregation_many_threads_sending_at_once_lose_nothing() throws IOException {
        StatsdSender s = sender(StatsdSender.builder().aggregation(false).flushInterval(Duration.ofMillis(5)));
        MetlogClient c = client(s);
        int threads = 8;
        int each = 300;
        assertTimeoutPreemptively(UdpReceiver.DEADLINE, () -> {
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "thread" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        c.incr(name);
                    }
                });
                all.add(thread);
                thread.start();
            }
            for (Thread thread : all) {
                thread.join();
            }
        });
        s.flush();
        List<String> lines = lines(threads * each);
        assertEquals(threads * each, lines.size());
        assertEquals(threads * each, s.stats().sent());
        for (int t = 0; t < threads; t++) {
            String line = "thread" + t + ":1|c";
            assertEquals(each, lines.stream().filter(line::equals).count());
        }
    }

    // ------------------------------------------------------------- thread

    private static List<Thread> flushThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(StatsdSender.THREAD_NAME) && t.isAlive()).toList();
    }

    @Test
    void the_background_thread_is_a_named_daemon_that_stops_on_close() throws IOException {
        List<Thread> before = flushThreads();
        StatsdSender s = quietSender();
        List<Thread> mine = new ArrayList<>(flushThreads());
        mine.removeAll(before);
        assertEquals(1, mine.size());
        Thread thread = mine.get(0);
        assertEquals("metlog-statsd-flush", thread.getName());
        assertTrue(thread.isDaemon());
        s.close();
        assertTimeoutPreemptively(UdpReceiver.DEADLINE, () -> thread.join());
    }

    // ------------------------------------------------------------- configuration

    @Test
    void from_config_reads_every_option() throws IOException {
        StatsdSender s = (StatsdSender) Components.sender("org.metlog.senders.StatsdSender", Options.of(Map.of(
            "host", "127.0.0.1", "port", String.valueOf(statsd.port()), "prefix", "cfg",
            "max_packet_size", "512", "flush_interval_ms", "60000", "queue_capacity", "50")));
        opened.add(s);
        assertEquals("127.0.0.1", s.host());
        assertEquals(statsd.port(), s.port());
        assertEquals("cfg", s.prefix());
        assertEquals(512, s.maxPacketSize());
        client(s).incr("x");
        s.flush();
        assertEquals("cfg.x:1|c", datagram());
    }

    @Test
    void from_config_defaults_to_statsds_port_on_the_local_host() {
        StatsdSender s = StatsdSender.fromConfig(Options.empty());
        opened.add(s);
        assertEquals(8125, s.port());
        assertEquals(StatsdSender.DEFAULT_PORT, s.port());
        assertEquals("127.0.0.1", s.host());
        assertEquals("", s.prefix());
        assertEquals(StatsdSender.DEFAULT_MAX_PACKET_SIZE, s.maxPacketSize());
    }

    @Test
    void from_config_rejects_bad_and_unknown_options() {
        InvalidOptionException size = assertThrows(InvalidOptionException.class,
            () -> StatsdSender.fromConfig(Options.of(Map.of("max_packet_size", "10"))));
        assertTrue(size.getMessage().contains("max_packet_size = '10'"), size.getMessage());
        assertTrue(size.getMessage().contains("64 to 65507"), size.getMessage());
        assertThrows(InvalidOptionException.class,
            () -> StatsdSender.fromConfig(Options.of(Map.of("flush_interval_ms", "0"))));
        assertThrows(InvalidOptionException.class, () -> StatsdSender.fromConfig(Options.of(Map.of("port", "x"))));
        UnknownOptionException unknown = assertThrows(UnknownOptionException.class,
            () -> Components.sender("org.metlog.senders.StatsdSender", Options.of(Map.of("prefx", "a"))));
        assertTrue(unknown.getMessage().contains("prefx"), unknown.getMessage());
    }

    @Test
    void the_builder_rejects_out_of_range_settings() {
        assertThrows(IllegalArgumentException.class, () -> StatsdSender.builder().port(0));
        assertThrows(IllegalArgumentException.class, () -> StatsdSender.builder().maxPacketSize(70_000));
        assertThrows(IllegalArgumentException.class, () -> StatsdSender.builder().flushInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> StatsdSender.builder().queueCapacity(0));
    }

    @Test
    void nothing_is_sent_when_nothing_was_queued() throws IOException {
        StatsdSender s = quietSender();
        s.flush();
        assertNull(statsd.receive(Duration.ofMillis(200)));
    }
}
