package org.metlog.senders.zmq;

import java.time.Duration;
import org.metlog.internal.HostLookup;
import org.metlog.spi.ErrorHandler;

/**
 * The package-private builder setting the fault matrix ({@code org.metlog.faults}) needs: the ZeroMQ senders with
 * an injected host lookup, so that an unresolvable host is a lookup that fails at once.
 */
public final class ZmqFaultHooks {
    private ZmqFaultHooks() {
    }

    /** {@return a PUB sender connecting to {@code endpoint}, names looked up by {@code lookup}} */
    public static ZmqPubSender pub(String endpoint, HostLookup lookup, ErrorHandler errors) {
        return ZmqPubSender.builder(endpoint).poolSize(2).livecheck(Duration.ofMillis(200)).lookup(lookup)
            .errorHandler(errors).build();
    }

    /** {@return a handshaking PUB sender, names looked up by {@code lookup}} */
    public static ZmqHandshakePubSender handshake(String handshake, String publish, HostLookup lookup,
                                                  ErrorHandler errors) {
        return ZmqHandshakePubSender.builder(handshake, publish, Duration.ofSeconds(2)).poolSize(2)
            .livecheck(Duration.ofMillis(200)).lookup(lookup).errorHandler(errors).build();
    }
}
