package org.metlog.senders;

import java.time.Duration;

/**
 * A sender whose deliveries depend on a connection that is set up in the background after it is built (a ZeroMQ
 * subscriber joining, a handshake being answered, a host name being resolved). Short-lived programs such as the
 * command line call {@link #awaitConnection(Duration)} before sending, so that their few messages are not lost
 * to the connection not being ready yet; long-running applications normally do not need to.
 */
public interface AwaitsConnection {

    /**
     * Waits until the sender can deliver, or until {@code max} has passed. Blocks the calling thread for at most
     * about {@code max}; never throws.
     *
     * @param max the longest time to wait
     * @return true if the sender is ready to deliver, false if it was not ready in time (messages sent now are
     *     handled as the sender's failure behaviour describes)
     */
    boolean awaitConnection(Duration max);
}
