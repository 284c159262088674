package org.metlog.senders;

import java.nio.ByteBuffer;
import org.metlog.spi.DeliveryCounters;

/**
 * The datagram {@link StatsdBatcher} fills: newline-separated lines, never split, and the number of messages they
 * stand for, counted with the outcome of the datagram once it is written. Writes ASCII and decimals straight into
 * one buffer, so filling it allocates nothing. Not thread-safe: used under the batcher's lock.
 */
final class StatsdPacket {
    private final UdpTransport transport;
    private final DeliveryCounters counters;
    private final ByteBuffer buffer;
    private long messages;

    StatsdPacket(UdpTransport transport, DeliveryCounters counters, int maxPacketSize) {
        this.transport = transport;
        this.counters = counters;
        this.buffer = ByteBuffer.allocate(maxPacketSize);
    }

    /** {@return the largest line that fits, in bytes} */
    int capacity() {
        return buffer.capacity();
    }

    /**
     * Starts a line of {@code length} bytes (at most {@link #capacity()}): writes the datagram out first if the line
     * does not fit in what is left, then the separating newline.
     */
    void startLine(int length) {
        int needed = length + (buffer.position() > 0 ? 1 : 0);
        if (needed > buffer.remaining()) {
            writeOut();
        }
        if (buffer.position() > 0) {
            buffer.put((byte) '\n');
        }
    }

    /** Counts {@code n} more messages as carried by this datagram. */
    void carries(long n) {
        messages += n;
    }

    void put(byte[] bytes) {
        buffer.put(bytes);
    }

    void put(char ascii) {
        buffer.put((byte) ascii);
    }

    /** Writes the characters of {@code ascii} from index {@code from} on, each as one byte. */
    void putAscii(String ascii, int from) {
        for (int i = from; i < ascii.length(); i++) {
            buffer.put((byte) ascii.charAt(i));
        }
    }

    /** Writes {@code value} in decimal, {@link #decimalLength(long)} bytes. */
    void putDecimal(long value) {
        int length = decimalLength(value);
        int end = buffer.position() + length;
        int at = end;
        long rest = value;
        do {
            buffer.put(--at, (byte) ('0' + Math.abs((int) (rest % 10))));
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            buffer.put(--at, (byte) '-');
        }
        buffer.position(end);
    }

    /** {@return the length of {@code value} in decimal, its sign included} */
    static int decimalLength(long value) {
        int length = value < 0 ? 2 : 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            length++;
        }
        return length;
    }

    /** Writes the datagram, if anything is in it, and counts its messages with the outcome. */
    void writeOut() {
        if (buffer.position() > 0) {
            buffer.flip();
            transport.send(null, buffer).count(counters, messages);
        }
        buffer.clear();
        messages = 0;
    }
}
