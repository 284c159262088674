package org.metlog.faults;

import org.metlog.message.DeliveryStats;
import org.metlog.spi.Sender;

/**
 * One sender under one {@link Shape}, with its real receiver: what the matrix gives to a client, lets go of and
 * counts at the far end. Made by a {@link Rig}; closed by the matrix after the client.
 */
abstract class Cell implements AutoCloseable {
    /** {@return the sender the client is built with (under STALLED, wrapped where a sync sender would block)} */
    abstract Sender sender();

    /** {@return how many messages the workload gives under {@link Shape#STALLED}} */
    int stalledMessages() {
        return 40;
    }

    /** {@return the length of the custom messages' payload under {@link Shape#STALLED}} */
    int stalledPayload() {
        return 16;
    }

    /**
     * {@return how many of the hostile messages the sender encodes with their fields, so that they are described or
     * cut: by default all of them}
     */
    int hostileEncoded() {
        return Workload.hostileMessages();
    }

    /** Called once every message was given and before the client is closed: the receiver reads again. */
    void release() throws Exception {
    }

    /**
     * Counts what arrived at the receiver after the client was closed, waiting (bounded) for {@code sent} messages
     * when the transport delivers after the sender counted.
     *
     * @param sent what the client's {@code deliveryStats()} counts as sent
     * @return the messages of this test the receiver got
     */
    abstract int delivered(long sent) throws Exception;

    /**
     * Asserts that the fault really happened (a cell that passes because nothing went wrong proves nothing).
     *
     * @param shape     the shape
     * @param stats     the client's end-to-end counts after close
     * @param delivered what the receiver got
     * @param accepted  what the test gave the client
     */
    abstract void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted);

    @Override
    public void close() throws Exception {
    }
}
