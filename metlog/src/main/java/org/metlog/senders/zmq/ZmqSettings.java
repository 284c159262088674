package org.metlog.senders.zmq;

import java.time.Duration;
import java.util.List;
import org.metlog.internal.HostResolver;

/**
 * What a ZeroMQ sender was built with.
 *
 * @param name          the sender's class name, for diagnostics
 * @param endpoints     where every pooled PUB socket connects
 * @param poolSize      how many PUB sockets (and, for the handshake sender, REQ sockets) the pool holds
 * @param hwm           the PUB sockets' send high-water mark, in messages
 * @param livecheck     the interval of the background thread's round
 * @param debugStderr   whether every message is also written to stderr
 * @param linger        how long closing waits for queued messages to go out
 * @param borrowTimeout how long a sending thread waits for a free socket before dropping the message
 * @param handshake     the handshake endpoint, or null for the plain PUB sender
 * @param handshakeTimeout how long a handshake waits for its answer
 * @param resolving     how the endpoints' host names are resolved (in the background, never by connect)
 */
record ZmqSettings(String name, List<String> endpoints, int poolSize, int hwm, Duration livecheck,
                   boolean debugStderr, Duration linger, Duration borrowTimeout, String handshake,
                   Duration handshakeTimeout, HostResolver.Policy resolving) {
}
