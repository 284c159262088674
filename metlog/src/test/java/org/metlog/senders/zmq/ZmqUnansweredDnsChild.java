package org.metlog.senders.zmq;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.metlog.message.Message;
import org.metlog.testing.Ports;
import org.metlog.testing.ZmqSubscriber;

/**
 * The forked JVM of {@link ZmqUnansweredDnsTest}, run where the system resolver never answers. Says what happens,
 * one line at a time, on stdout:
 * <ol>
 *   <li>{@code probe-start}: a lookup of another name has begun (it stands for the resolver's own timeout), and
 *   {@code probe-gave-up} whenever the resolver gives up on it;</li>
 *   <li>after the test writes {@code go}: {@code built} once building a {@link ZmqPubSender} to an unresolvable
 *   name and a loopback IP endpoint returns, then {@code resolver-daemon=} and whether its resolving thread
 *   (stuck in the lookup of that name) is a daemon;</li>
 *   <li>with a subscriber bound on that IP endpoint afterwards: {@code connected=}, {@code received=},
 *   {@code stats=}, then {@code closed} once {@code close()} returned; then the JVM exits.</li>
 * </ol>
 */
final class ZmqUnansweredDnsChild {
    static final String UNRESOLVABLE = "never.invalid.test";
    static final String PROBE = "probe.invalid.test";
    static final int MESSAGES = 5;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final PrintStream OUT = System.out;

    private ZmqUnansweredDnsChild() {
    }

    public static void main(String[] args) throws Exception {
        Thread probe = new Thread(() -> {
            say("probe-start");
            try {
                InetAddress.getByName(PROBE);
                say("probe-resolved");
            } catch (UnknownHostException e) {
                say("probe-gave-up");
            }
        }, "probe");
        probe.setDaemon(true);
        probe.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            return;
        }
        String ip = "tcp://127.0.0.1:" + Ports.freeTcp();
        ZmqPubSender sender = ZmqPubSender.builder(List.of("tcp://" + UNRESOLVABLE + ":5555", ip))
            .linger(Duration.ZERO).build();
        say("built");
        Thread resolver = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(EndpointNames.THREAD)).findFirst().orElse(null);
        say("resolver-daemon=" + (resolver == null ? "none" : resolver.isDaemon()));
        try (ZmqSubscriber sub = ZmqSubscriber.bindTo(ip, WAIT)) {
            say("connected=" + sender.awaitConnection(WAIT));
            for (int i = 0; i < MESSAGES; i++) {
                sender.send(Message.builder("after-sub").payload("m" + i).build());
            }
            int received = 0;
            while (received < MESSAGES && sub.receive(WAIT) != null) {
                received++;
            }
            say("received=" + received);
            say("stats=" + sender.stats());
        } finally {
            sender.close();
            say("closed");
        }
    }

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
