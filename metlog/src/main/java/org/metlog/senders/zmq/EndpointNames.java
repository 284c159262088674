package org.metlog.senders.zmq;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metlog.internal.HostName;
import org.metlog.internal.HostResolver;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The host names in a ZeroMQ sender's endpoints, resolved by the library's one DNS policy ({@link HostResolver})
 * on the daemon thread {@value #THREAD}, because JeroMQ's {@code connect} would look them up on the calling thread
 * (the building thread, once for every pooled socket) for as long as DNS takes. Lookup failures go to the
 * sender's error handler; a name that resolves, or resolves to a new address, runs {@code changed} so that the
 * sockets connect at once. Closing does not wait for a lookup in progress: the thread is a daemon and ends after
 * it.
 */
final class EndpointNames {
    static final String THREAD = "metlog-zmq-resolver";

    private final HostResolver resolver;

    /**
     * @param endpoints the endpoints the publishers connect to, and the handshake endpoint if there is one
     * @param changed   run on the resolving thread when a name's address is set or changes
     */
    EndpointNames(ZmqSettings settings, List<ZmqEndpoint> endpoints, ErrorHandler errors, Runnable changed) {
        List<HostName> names = new ArrayList<>();
        for (ZmqEndpoint e : endpoints) {
            if (e.name() != null) {
                names.add(e.name());
            }
        }
        String source = settings.name();
        String unresolvable = source + ": cannot resolve the host of an endpoint; its sockets connect once it"
            + " resolves (retried with backoff)";
        String stale = source + ": looking up an endpoint's host again failed; staying connected to its previous"
            + " address";
        this.resolver = names.isEmpty() ? null : new HostResolver(names, settings.resolving(),
            new HostResolver.Events() {
                @Override
                public void changed(HostName name) {
                    changed.run();
                }

                @Override
                public void failed(HostName name, UnknownHostException cause) {
                    ErrorHandler.report(errors, DeliveryError.of(source,
                        name.address() == null ? unresolvable : stale, null, cause));
                }
            }, source, THREAD);
    }

    /** Starts resolving, if there is any name. */
    void start() {
        if (resolver != null) {
            resolver.start();
        }
    }

    /** {@return the resolver, or null if no endpoint names a host (for tests)} */
    HostResolver resolver() {
        return resolver;
    }

    /** Stops resolving without waiting for a lookup in progress. Never throws. */
    void close() {
        if (resolver != null) {
            resolver.close(Duration.ZERO);
        }
    }
}
