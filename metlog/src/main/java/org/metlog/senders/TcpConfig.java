package org.metlog.senders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.metlog.spi.Options;

/** Reads the configuration options of a {@link TcpSender} into its settings, naming the option in every error. */
final class TcpConfig {
    private static final String HOST_PORT = "HOST:PORT (HOST a name, an IPv4 address or an [IPv6] address in"
        + " brackets; PORT 1 to 65535)";
    private static final int MAX_MILLIS = (int) TcpSettings.MAX_TIMEOUT.toMillis();

    private TcpConfig() {
    }

    /**
     * Reads every option of {@link TcpSender#fromConfig(Options)}.
     *
     * @return the settings
     * @throws org.metlog.spi.InvalidOptionException naming the option if one is missing, malformed or out of range
     */
    static TcpSettings read(Options options) {
        options.bindPositional("host", "port");
        TcpSettings s = new TcpSettings();
        hosts(options, s);
        s.tls = options.bool("tls", false);
        String trustStore = options.string("tls_truststore", null);
        String password = options.string("tls_truststore_password", null);
        if (trustStore != null) {
            if (!s.tls) {
                throw options.invalid("tls_truststore", trustStore, "no trust store unless tls = true");
            }
            try { // InvalidPathException is an IllegalArgumentException
                s.tlsFactory = TcpTls.factory(Path.of(trustStore), password);
            } catch (IllegalArgumentException e) {
                throw options.invalid("tls_truststore", trustStore, "a readable PKCS#12 or JKS trust store and its"
                    + " password in tls_truststore_password (" + e.getMessage() + ")");
            }
            s.trustStore(Path.of(trustStore), password);
        } else if (password != null) {
            throw options.invalid("tls_truststore_password", "(hidden)", "no password without tls_truststore");
        }
        s.queueLength(options.integer("queue_length", TcpSettings.DEFAULT_QUEUE_LENGTH, 1,
            TcpSettings.MAX_QUEUE_LENGTH));
        s.connectTimeout = millis(options, "connect_timeout_ms", TcpSettings.DEFAULT_CONNECT_TIMEOUT, 1);
        s.writeTimeout = millis(options, "write_timeout_ms", TcpSettings.DEFAULT_WRITE_TIMEOUT, 1);
        s.closeTimeout = millis(options, "close_timeout_ms", TcpSettings.DEFAULT_CLOSE_TIMEOUT, 0);
        Duration min = millis(options, "reconnect_min_ms", TcpSettings.DEFAULT_RECONNECT_MIN, 1);
        Duration max = millis(options, "reconnect_max_ms", TcpSettings.DEFAULT_RECONNECT_MAX, 1);
        if (max.compareTo(min) < 0) {
            throw options.invalid("reconnect_max_ms", options.raw("reconnect_max_ms"), "at least reconnect_min_ms ("
                + min.toMillis() + ")");
        }
        s.reconnectMin = min;
        s.reconnectMax = max;
        s.sendBufferBytes(options.integer("send_buffer_bytes", 0, 0, 1 << 30));
        s.errorHandler(options.errorHandler());
        return s;
    }

    private static void hosts(Options options, TcpSettings s) {
        List<String> list = options.strings("hosts", null);
        boolean single = options.raw("host") != null;
        if (list != null && (single || options.raw("port") != null)) {
            throw options.invalid("hosts", options.raw("hosts"), "either hosts or host and port, not both");
        }
        if (list == null) {
            String host = options.string("host", null);
            if (host == null) {
                throw options.missing("host", "a host name or IP address (with port), or hosts = " + HOST_PORT
                    + ", ...");
            }
            int port = options.port("port", -1);
            if (port < 0) {
                throw options.missing("port", "a port from 1 to 65535");
            }
            try {
                s.host(host, port);
            } catch (IllegalArgumentException e) {
                throw options.invalid("host", host, "a host name or IP address (" + e.getMessage() + ")");
            }
            return;
        }
        if (list.isEmpty()) {
            throw options.invalid("hosts", options.raw("hosts"), "a non-empty list of " + HOST_PORT);
        }
        for (String line : list) {
            for (String item : line.split(",")) { // "h1:p1, h2:p2" on one line, or one per line
                if (item.isBlank()) {
                    continue;
                }
                try {
                    hostPort(item, s);
                } catch (IllegalArgumentException e) {
                    throw options.invalid("hosts", options.raw("hosts"), "a list of " + HOST_PORT + " ('"
                        + item.trim() + "': " + e.getMessage() + ")");
                }
            }
        }
        if (s.hosts.isEmpty()) {
            throw options.invalid("hosts", options.raw("hosts"), "a non-empty list of " + HOST_PORT);
        }
    }

    /** Parses {@code host:port} or {@code [v6]:port} into the settings' hosts. */
    static void hostPort(String item, TcpSettings s) {
        String text = item.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("no port");
        }
        String host = text.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("an IPv6 address needs brackets");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number");
        }
        s.host(host, port);
    }

    private static Duration millis(Options options, String key, Duration fallback, int min) {
        return Duration.ofMillis(options.integer(key, (int) fallback.toMillis(), min, MAX_MILLIS));
    }
}
