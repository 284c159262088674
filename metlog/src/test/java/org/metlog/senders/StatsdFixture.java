package org.metlog.senders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.metlog.MetlogClient;
import org.metlog.message.Message;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.UdpReceiver;

/**
 * What the {@link StatsdSender} tests share: a real loopback receiver per test, senders to it that the test closes,
 * their error handler, and readers of what arrives.
 */
abstract class StatsdFixture {
    /** A flush interval no test waits for: such a sender sends on flush() (or when a datagram's worth is queued). */
    static final Duration LONG = Duration.ofHours(1);

    UdpReceiver statsd;
    final List<StatsdSender> opened = new ArrayList<>();
    final RecordingErrorHandler errors = new RecordingErrorHandler();

    @BeforeEach
    void startReceiver() {
        statsd = UdpReceiver.ipv4();
    }

    @AfterEach
    void closeSendersAndReceiver() {
        opened.forEach(StatsdSender::close);
        statsd.close();
    }

    /** {@return the builder's sender, to the receiver, reporting to {@link #errors}; closed after the test} */
    StatsdSender sender(StatsdSender.Builder builder) {
        StatsdSender s = builder.host("127.0.0.1").port(statsd.port()).errorHandler(errors).build();
        opened.add(s);
        return s;
    }

    /** {@return a sender with the defaults that only sends on flush() (or when a datagram is full)} */
    StatsdSender quietSender() {
        return sender(StatsdSender.builder().flushInterval(LONG));
    }

    static MetlogClient client(StatsdSender sender) {
        return MetlogClient.builder().sender(sender).build();
    }

    /** {@return the next datagram's text, waiting up to {@link UdpReceiver#DEADLINE}} */
    String datagram() {
        return new String(statsd.receive(), StandardCharsets.UTF_8);
    }

    /** Receives datagrams until {@code count} lines have arrived. */
    List<String> lines(int count) {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            lines.addAll(Arrays.asList(datagram().split("\n")));
        }
        return lines;
    }

    static Message stat(String type, String name, String value, double rate) {
        return Message.builder(type).stat(name, rate).payload(value).build();
    }
}
