package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.metlog.MetlogClient;

/**
 * Sends counters, timers and gauges through {@link StatsdSender} to a real statsd server (the npm package, run
 * with node on loopback) and reads back what statsd holds through its management interface.
 *
 * <p>statsd is looked up in {@code metlog/src/test/statsd/node_modules/statsd} (installed by {@code .ci/run} with
 * {@code npm ci --prefix metlog/src/test/statsd --omit=optional}) or the directory named by the system property
 * {@code metlog.statsd.dir}. If node or statsd is missing the tests are skipped with the reason, except on CI
 * (environment variable {@code CI} set), where they fail: CI must run them.
 */
class StatsdServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern ENTRY =
        Pattern.compile("(?:'((?:[^'\\\\]|\\\\.)*)'|([A-Za-z_$][\\w$]*)):\\s*(\\[[^\\]]*\\]|[-+\\w.]+)");

    private static Process server;
    private static Path log;
    private static int metricsPort;
    private static int adminPort;
    private static StatsdSender sender;
    private static MetlogClient client;

    /** Why statsd cannot run here, or null if it runs. */
    private static String missing;

    @BeforeAll
    static void startStatsd(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path stats = statsdDir().resolve("stats.js");
        String node = nodeVersion();
        if (!Files.isRegularFile(stats)) {
            missing = "the statsd npm package is not installed at " + stats.getParent();
        } else if (node == null) {
            missing = "node is not on the PATH";
        }
        if (missing != null) {
            failOnCi(missing);
            return;
        }
        log = dir.resolve("statsd.log");
        IOException last = null;
        for (int attempt = 0; attempt < 3 && server == null; attempt++) {
            try {
                launch(stats, dir);
            } catch (IOException e) {
                last = e; // a port taken between choosing it and statsd binding it: choose again
            }
        }
        if (server == null) {
            throw new IOException("statsd did not start (node " + node + "): " + last + "\n" + serverLog(), last);
        }
        sender = StatsdSender.builder().host("127.0.0.1").port(metricsPort).flushInterval(Duration.ofMillis(20))
            .build();
        client = MetlogClient.builder().sender(sender).logger("statsd-it").build();
    }

    @AfterAll
    static void stopStatsd() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path statsdDir() {
        String configured = System.getProperty("metlog.statsd.dir");
        return configured != null ? Path.of(configured) : Path.of("src", "test", "statsd", "node_modules", "statsd");
    }

    private static void failOnCi(String why) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
            fail(why + ": CI must run the statsd integration test; .ci/run installs statsd with"
                + " 'npm ci --prefix metlog/src/test/statsd --omit=optional'");
        }
        System.err.println("StatsdServerTest skipped: " + why);
    }

    /** Skips the calling test, with the reason, when statsd cannot run here (never on CI: see failOnCi). */
    private static void requireServer() {
        Assumptions.assumeTrue(missing == null, () -> "skipped: " + missing + "; to run it: npm ci --prefix"
            + " metlog/src/test/statsd --omit=optional (needs node and npm), or set -Dmetlog.statsd.dir");
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void launch(Path stats, Path dir) throws IOException, InterruptedException {
        metricsPort = freeUdpPort();
        adminPort = freeTcpPort();
        Path config = dir.resolve("statsd-config.js");
        Files.writeString(config, "{\n"
            + "  port: " + metricsPort + ",\n"
            + "  address: \"127.0.0.1\",\n"
            + "  mgmt_port: " + adminPort + ",\n"
            + "  mgmt_address: \"127.0.0.1\",\n"
            + "  backends: [],\n"
            + "  flushInterval: 3600000,\n"
            + "  automaticConfigReload: false\n"
            + "}\n");
        Process p = new ProcessBuilder("node", stats.toString(), config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("statsd exited with " + p.exitValue());
            }
            try {
                if (admin("health").contains("health: up")) {
                    server = p;
                    warmUp();
                    return;
                }
            } catch (IOException notYet) {
                // the admin port is not listening yet
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("statsd's admin port " + adminPort + " did not answer within " + DEADLINE);
    }

    /** Sends a probe until statsd has counted it, so that the UDP side is known to be bound. */
    private static void warmUp() throws IOException, InterruptedException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", metricsPort);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                probe.send(ByteBuffer.wrap("metlog.warmup:1|c".getBytes(StandardCharsets.US_ASCII)), target);
                if (parse(admin("counters")).containsKey("metlog.warmup")) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("statsd did not count a probe metric within " + DEADLINE + "\n" + serverLog());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Runs one management command and returns its answer. */
    private static String admin(String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", adminPort), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                if (text.endsWith("END\n\n") || (command.equals("health") && text.endsWith("\n"))) {
                    return text;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Parses statsd's {@code util.inspect} dump of an object: key -> value text (a number or a [list]). */
    static Map<String, String> parse(String dump) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(dump);
        while (m.find()) {
            out.put(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
        }
        return out;
    }

    private static List<Double> numbers(String list) {
        List<Double> out = new ArrayList<>();
        for (String item : list.replace("[", "").replace("]", "").split(",")) {
            if (!item.isBlank()) {
                out.add(Double.parseDouble(item.trim()));
            }
        }
        out.sort(null);
        return out;
    }

    /** Polls a management command until {@code done} holds, and returns the last parsed answer. */
    private static Map<String, String> await(String command, Predicate<Map<String, String>> done)
        throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, String> seen = parse(admin(command));
        while (!done.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = parse(admin(command));
        }
        return seen;
    }

    private static String serverLog() {
        try {
            return log != null && Files.exists(log) ? "statsd output:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void assertNoBadLines() throws IOException {
        assertEquals("0", parse(admin("counters")).get("statsd.bad_lines_seen"), serverLog());
    }

    // ------------------------------------------------------------- the tests

    @Test
    void statsd_holds_the_counters_sent_scaled_by_their_sample_rates() throws Exception {
        requireServer();
        client.incr("it.counter.plain", 5);
        client.incr("it.counter.plain", 2);
        client.decr("it.counter.plain");
        client.sendStat("counter", "it.counter.sampled", "3", 0.25, null, null, null);
        client.sendStat("counter", "it.counter.sampled", "1", 0.5, null, null, null);
        client.flush();
        Map<String, String> counters = await("counters",
            c -> "6".equals(c.get("it.counter.plain")) && "14".equals(c.get("it.counter.sampled")));
        assertEquals("6", counters.get("it.counter.plain"), counters + "\n" + serverLog());
        assertEquals("14", counters.get("it.counter.sampled"), "3/0.25 + 1/0.5; " + counters);
        assertNoBadLines();
    }

    @Test
    void statsd_holds_the_timer_values_sent_with_and_without_sample_rates() throws Exception {
        requireServer();
        client.timerSend("it.timer.manual", 120);
        client.timerSend("it.timer.manual", 80, 0.5);
        client.timerSend("it.timer.manual", 7, 0.1);
        client.startTimer("it.timer.named");
        client.stopTimer("it.timer.named");
        client.flush();
        Map<String, String> timers = await("timers",
            t -> t.containsKey("it.timer.manual") && numbers(t.get("it.timer.manual")).size() == 3
                && t.containsKey("it.timer.named"));
        assertEquals(List.of(7.0, 80.0, 120.0), numbers(timers.getOrDefault("it.timer.manual", "[]")),
            timers + "\n" + serverLog());
        List<Double> named = numbers(timers.getOrDefault("it.timer.named", "[]"));
        assertEquals(1, named.size(), timers.toString());
        assertTrue(named.get(0) >= 0);
        assertNoBadLines();
    }

    @Test
    void statsd_holds_the_gauge_values_sent_including_negative_and_decimal_ones() throws Exception {
        requireServer();
        client.gauge("it.gauge.int", 42);
        client.gauge("it.gauge.int", 40);
        client.gauge("it.gauge.negative", 5);
        client.gauge("it.gauge.negative", -7);
        client.gauge("it.gauge.decimal", 2.5);
        client.sendStat("gauge", "it.gauge.sampled", "9", 0.5, null, null, null);
        client.flush();
        Map<String, String> gauges = await("gauges", g -> "40".equals(g.get("it.gauge.int"))
            && "-7".equals(g.get("it.gauge.negative")) && "2.5".equals(g.get("it.gauge.decimal"))
            && "9".equals(g.get("it.gauge.sampled")));
        assertEquals("40", gauges.get("it.gauge.int"), gauges + "\n" + serverLog());
        assertEquals("-7", gauges.get("it.gauge.negative"), "a negative gauge is set, not subtracted: " + gauges);
        assertEquals("2.5", gauges.get("it.gauge.decimal"), gauges.toString());
        assertEquals("9", gauges.get("it.gauge.sampled"), gauges.toString());
        assertNoBadLines();
    }

    @Test
    void prefixes_and_sanitised_names_arrive_as_statsd_keys() throws Exception {
        requireServer();
        try (StatsdSender prefixed = new StatsdSender("127.0.0.1", metricsPort, "pre")) {
            MetlogClient c = MetlogClient.builder().sender(prefixed).prefix("svc").build();
            c.incr("odd:name|x@y");
            c.flush();
        }
        Map<String, String> counters = await("counters", c -> c.containsKey("pre.svc.odd_name_x_y"));
        assertEquals("1", counters.get("pre.svc.odd_name_x_y"), counters + "\n" + serverLog());
        assertNoBadLines();
    }

    @Test
    void etsy_lines_reach_statsd_unchanged_by_fields_and_default_fields() throws Exception {
        requireServer();
        try (StatsdSender etsy = StatsdSender.builder().host("127.0.0.1").port(metricsPort)
            .flavor(StatsdFlavor.ETSY).flushInterval(Duration.ofMillis(20)).build()) {
            MetlogClient c = MetlogClient.builder().sender(etsy).defaultFields(Map.of("env", "prod")).build();
            c.incr("it.etsy.fields", 3, 1.0, null, null, Map.of("region", "eu,west", "code", 200));
            c.gauge("it.etsy.gauge", -4);
            c.flush();
        }
        Map<String, String> counters = await("counters", c -> c.containsKey("it.etsy.fields"));
        assertEquals("3", counters.get("it.etsy.fields"), counters + "\n" + serverLog());
        Map<String, String> gauges = await("gauges", g -> g.containsKey("it.etsy.gauge"));
        assertEquals("-4", gauges.get("it.etsy.gauge"), gauges.toString());
        assertNoBadLines();
    }

    @Test
    void many_metrics_reach_statsd_packed_into_fewer_datagrams() throws Exception {
        requireServer();
        Map<String, String> before = parse(admin("counters"));
        long packets = Long.parseLong(before.get("statsd.packets_received"));
        long metrics = Long.parseLong(before.get("statsd.metrics_received"));
        for (int i = 0; i < 100; i++) {
            client.incr("it.packed." + i, i + 1);
        }
        client.flush();
        Map<String, String> after = await("counters", c -> c.containsKey("it.packed.99")
            && Long.parseLong(c.get("statsd.metrics_received")) >= metrics + 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(String.valueOf(i + 1), after.get("it.packed." + i), "it.packed." + i);
        }
        long packetDelta = Long.parseLong(after.get("statsd.packets_received")) - packets;
        assertTrue(packetDelta < 100, "100 metrics arrived in " + packetDelta + " datagrams");
        assertNoBadLines();
    }

    @Test
    void parsing_statsds_dump_reads_quoted_and_bare_keys_numbers_and_lists() {
        Map<String, String> parsed = parse("{\n  'statsd.bad_lines_seen': 0,\n  c2: 12,\n  'a-b': -7.5,\n"
            + "  't.x': [ 120, 80 ]\n}\nEND\n\n");
        assertEquals(Map.of("statsd.bad_lines_seen", "0", "c2", "12", "a-b", "-7.5", "t.x", "[ 120, 80 ]"),
            parsed);
    }
}
