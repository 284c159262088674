package org.metlog.senders;

/**
 * The fixed problem texts a {@link TcpSender} reports, made once per sender: the standard error handler groups
 * and throttles by problem, so the changing details (which host, which exception) go in the cause.
 */
final class TcpProblems {
    private final String connectFailed;
    private final String peerClosed;
    private final String writeTimedOut;
    private final String writeFailed;
    private final String queueFull;
    private final String afterClose;
    private final String threadFailed;

    TcpProblems(String kind) {
        this.connectFailed = kind + ": cannot connect to a host; trying the next one, then again after a backoff;"
            + " messages wait in the buffer meanwhile";
        this.peerClosed = kind + ": the peer closed the connection; reconnecting (messages written just before,"
            + " which the peer had not read, are lost)";
        this.writeTimedOut = kind + ": a write blocked for longer than the write timeout; reconnecting, and the"
            + " message is written again on the new connection";
        this.writeFailed = kind + ": a write failed; reconnecting, and the message is written again on the new"
            + " connection";
        this.queueFull = kind + ": the buffer is full (the peer is slow or unreachable); new messages are dropped"
            + " and counted as droppedQueueFull until it drains";
        this.afterClose = kind + ": a message was sent after close(); it is counted as droppedQueueFull";
        this.threadFailed = kind + ": the I/O thread stopped unexpectedly; buffered messages are counted at close";
    }

    String connectFailed() {
        return connectFailed;
    }

    String peerClosed() {
        return peerClosed;
    }

    String writeTimedOut() {
        return writeTimedOut;
    }

    String writeFailed() {
        return writeFailed;
    }

    String queueFull() {
        return queueFull;
    }

    String afterClose() {
        return afterClose;
    }

    String threadFailed() {
        return threadFailed;
    }
}
