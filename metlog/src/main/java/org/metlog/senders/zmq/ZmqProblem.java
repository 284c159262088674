package org.metlog.senders.zmq;

/**
 * The details of a ZeroMQ problem that JeroMQ reports as text (an endpoint that did not connect, a handshake
 * request that could not be sent), carried as the cause of a {@link org.metlog.spi.DeliveryError}. Has no stack
 * trace; its {@code toString()} is the text alone.
 */
final class ZmqProblem extends Exception {
    private static final long serialVersionUID = 1L;

    ZmqProblem(String details) {
        super(details, null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
