package org.metlog.senders.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.message.DeliveryStats;
import org.metlog.testing.Deadline;

/**
 * Building a ZeroMQ sender against a real resolver that never answers (issue 11, case 2). A forked JVM
 * ({@link ZmqUnansweredDnsChild}) runs in a private mount namespace ({@code unshare -m}) whose /etc/resolv.conf
 * names a loopback nameserver that this test runs: it reads every query and answers none. Whether building waited
 * for DNS is judged against the resolver's own timeout, not the clock: the child starts looking up another name
 * first, and building must return, and later {@code close()} too, before the resolver gives up on that lookup
 * (the endpoint's own lookup began later, so it is still stuck then).
 */
class ZmqUnansweredDnsTest {
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * The resolver's timeout (glibc allows up to 30 s): long enough that the child's work after the probe began
     * (building, a subscriber, five messages, closing; about a second) fits in it on a busy host.
     */
    private static final int RESOLVER_TIMEOUT_S = 10;

    @Test
    void building_returns_before_the_resolver_gives_up_and_an_ip_endpoint_then_delivers(@TempDir Path dir)
        throws Exception {
        assumeTrue(canUnshareMounts(), "unshare -m with bind mounts is not permitted here (needs root); skipped");
        try (UnansweringDns dns = UnansweringDns.start()) {
            Path resolv = Files.writeString(dir.resolve("resolv.conf"), "nameserver " + dns.address()
                + "\noptions timeout:" + RESOLVER_TIMEOUT_S + " attempts:1\n");
            Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
            Process child = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/hosts"
                    + " && exec \"$3\" -cp \"$4\" \"$5\"",
                "sh", resolv.toString(), hosts.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), ZmqUnansweredDnsChild.class.getName())
                .redirectError(dir.resolve("child.err").toFile()).start();
            try {
                assertTimeoutPreemptively(HANG, () -> converse(child, dns, dir));
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static void converse(Process child, UnansweringDns dns, Path dir) throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
            lines.add("EOF");
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
        assertEquals("probe-start", next(lines, dir));
        assertTrue(Deadline.await(WAIT, () -> dns.asked(ZmqUnansweredDnsChild.PROBE)),
            "the probe's query reaches the nameserver that never answers; asked: " + dns.names);
        try (OutputStream in = child.getOutputStream()) {
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("built", next(lines, dir), "building returns before the resolver gives up on a lookup begun"
            + " earlier");
        assertEquals("resolver-daemon=true", next(lines, dir), "the thread stuck in the lookup never keeps the JVM"
            + " alive");
        assertTrue(Deadline.await(WAIT, () -> dns.asked(ZmqUnansweredDnsChild.UNRESOLVABLE)),
            "the endpoint's name is looked up, in the background; asked: " + dns.names);
        List<String> rest = new ArrayList<>();
        for (String line = next(lines, dir); !line.equals("EOF"); line = next(lines, dir)) {
            rest.add(line);
        }
        List<String> delivered = List.of("connected=true", "received=" + ZmqUnansweredDnsChild.MESSAGES,
            "stats=" + new DeliveryStats(ZmqUnansweredDnsChild.MESSAGES, 0, 0, 0, 0), "closed");
        List<String> thenGaveUp = new ArrayList<>(delivered);
        thenGaveUp.add("probe-gave-up"); // only after close() returned, while the JVM exits
        assertTrue(rest.equals(delivered) || rest.equals(thenGaveUp), "an IP endpoint delivers, and close() returns"
            + " while the lookup is still stuck: " + rest + "; child stderr: " + stderrOf(dir));
        assertTrue(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the stuck lookup keeps no JVM alive");
        assertEquals(0, child.exitValue(), stderrOf(dir));
    }

    private static String next(LinkedBlockingQueue<String> lines, Path dir) throws Exception {
        String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the child said nothing more; its stderr: " + stderrOf(dir));
        }
        return line;
    }

    private static String stderrOf(Path dir) throws IOException {
        Path err = dir.resolve("child.err");
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    private static boolean canUnshareMounts() {
        try {
            Process p = new ProcessBuilder("unshare", "-m", "sh", "-c", "mount --bind /etc/hosts /etc/hosts")
                .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A nameserver on a loopback address of its own, port 53, that reads every query and answers none. */
    private static final class UnansweringDns implements AutoCloseable {
        final Set<String> names = ConcurrentHashMap.newKeySet();
        private final DatagramSocket socket;
        private final Thread reader;
        private volatile boolean running = true;

        private UnansweringDns(DatagramSocket socket) {
            this.socket = socket;
            this.reader = new Thread(this::read, "unanswering-dns");
            reader.setDaemon(true);
            reader.start();
        }

        /** Binds port 53 on a random address of 127.53.0.0/16, so that parallel runs do not collide. */
        static UnansweringDns start() throws IOException {
            SocketException last = null;
            for (int i = 0; i < 20; i++) {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                InetAddress address = InetAddress.getByAddress(new byte[] {127, 53, (byte) r.nextInt(1, 255),
                    (byte) r.nextInt(1, 255)});
                try {
                    DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 53));
                    s.setSoTimeout(50);
                    return new UnansweringDns(s);
                } catch (SocketException e) {
                    last = e;
                }
            }
            throw last;
        }

        String address() {
            return socket.getLocalAddress().getHostAddress();
        }

        boolean asked(String name) {
            return names.contains(name);
        }

        private void read() {
            byte[] buf = new byte[512];
            while (running) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    names.add(questionName(p.getData(), p.getLength()));
                } catch (SocketTimeoutException e) {
                    // look at running again
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** {@return the name in a query's question: length-prefixed labels after the 12-byte header} */
        private static String questionName(byte[] data, int length) {
            StringBuilder name = new StringBuilder();
            int i = 12;
            while (i < length && data[i] != 0) {
                int len = data[i] & 0xff;
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(new String(data, i + 1, Math.min(len, length - i - 1), StandardCharsets.US_ASCII));
                i += len + 1;
            }
            return name.toString().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5000);
            socket.close();
        }
    }
}
