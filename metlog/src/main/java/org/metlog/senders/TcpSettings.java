package org.metlog.senders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocketFactory;
import org.metlog.internal.HostLookup;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;

/**
 * What a {@code TcpSender} builder or its configuration collects, with every range check naming the setting and its limits; and, for
 * tests, the lookup, the clock, the random source and whether the I/O thread runs. Not thread-safe.
 */
final class TcpSettings {
    static final int MAX_QUEUE_LENGTH = 1 << 24;
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    static final int DEFAULT_QUEUE_LENGTH = 8192;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(100);
    static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

    final List<UdpDestination> hosts = new ArrayList<>();
    boolean tls;
    Path trustStore;
    String trustStorePassword;
    /** The TLS factory, when configuration has already built it to check the trust store. */
    SSLSocketFactory tlsFactory;
    int queueLength = DEFAULT_QUEUE_LENGTH;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    Duration reconnectMin = DEFAULT_RECONNECT_MIN;
    Duration reconnectMax = DEFAULT_RECONNECT_MAX;
    int sendBufferBytes;
    HostLookup lookup = HostLookup.SYSTEM;
    LongSupplier nanoClock = System::nanoTime;
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    boolean background = true;
    private ErrorHandler errorHandler;

    void host(String host, int port) {
        hosts.add(UdpDestination.of(host, port));
    }

    void queueLength(int messages) {
        this.queueLength = range("queueLength", messages, 1, MAX_QUEUE_LENGTH);
    }

    void sendBufferBytes(int bytes) {
        this.sendBufferBytes = range("sendBufferBytes", bytes, 0, 1 << 30);
    }

    void trustStore(Path file, String password) {
        this.trustStore = Objects.requireNonNull(file, "trustStore");
        this.trustStorePassword = password;
    }

    void errorHandler(ErrorHandler handler) {
        this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
    }

    ErrorHandler handler() {
        return errorHandler != null ? errorHandler : ErrorHandlers.stderr();
    }

    /** Checks what only the whole can tell, as the sender is built. */
    void validate() {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("TcpSender needs at least one host: call host(host, port)");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax " + reconnectMax + " is less than reconnectMin "
                + reconnectMin);
        }
        if (trustStore != null && !tls) {
            throw new IllegalArgumentException("a trust store is set but TLS is off: call tls(true) as well");
        }
    }

    static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " " + d + " is out of range: expected more than 0, at most "
                + MAX_TIMEOUT);
        }
        return d;
    }

    static Duration nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " " + d + " is out of range: expected 0 to " + MAX_TIMEOUT);
        }
        return d;
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range: expected " + min + " to "
                + max);
        }
        return value;
    }
}
