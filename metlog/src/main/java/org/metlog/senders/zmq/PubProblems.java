package org.metlog.senders.zmq;

/**
 * The texts a {@link PubEngine} reports its problems with, made once per sender from its settings.
 *
 * @param full         a subscriber's queue is at the high-water mark
 * @param noSlot       every pooled socket stayed busy past the borrow timeout
 * @param noSubscriber no subscriber is connected
 * @param notConnected the handshake has not been answered (null without a handshake)
 * @param error        ZeroMQ failed
 * @param connect      a socket cannot connect yet
 * @param closed       a message was sent after close
 * @param livecheck    a livecheck round failed
 * @param notEncoded   a message could not be serialized
 */
record PubProblems(String full, String noSlot, String noSubscriber, String notConnected, String error,
                   String connect, String closed, String livecheck, String notEncoded) {

    static PubProblems of(ZmqSettings settings, boolean divertToStderr) {
        String name = settings.name();
        String fate = divertToStderr ? "written to stderr" : "dropped";
        String full = name + ": a subscriber's queue is at the high-water mark (" + settings.hwm()
            + " messages); messages past it are " + fate + " and counted";
        String noSlot = name + ": all " + settings.poolSize() + " sockets stayed busy for "
            + settings.borrowTimeout().toMillis() + " ms; the message was " + fate + " (a larger pool_size helps)";
        String noSubscriber = name + ": no subscriber is connected to " + settings.endpoints()
            + " (yet); ZeroMQ would lose the message, so it was " + fate + " and counted as failed";
        String notConnected = settings.handshake() == null ? null : Handshaker.notAnswered(settings);
        String error = name + ": ZeroMQ failed; the message was " + fate + " and counted as failed;"
            + " the socket is replaced at the next livecheck";
        String connect = name + ": cannot connect yet; retrying every " + settings.livecheck().toMillis()
            + " ms";
        String closed = name + ": a message was sent after close(); it was written to stderr";
        String livecheck = name + ": a livecheck round failed; trying again in "
            + settings.livecheck().toMillis() + " ms";
        String notEncoded = name + ": a message could not be serialized (a field's toString() threw); it is"
            + " counted as failed";
        return new PubProblems(full, noSlot, noSubscriber, notConnected, error,
            connect, closed, livecheck, notEncoded);
    }
}
