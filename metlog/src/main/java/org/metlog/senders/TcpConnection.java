package org.metlog.senders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One open connection of a {@link TcpSender}, plain or TLS, and its watcher: a daemon thread
 * ({@code metlog-tcp-<n>-watch}) that reads from the socket so that a peer closing or resetting the connection is
 * seen as soon as it happens (the peer never sends anything, so anything read is discarded and an end of stream
 * means it is gone), and that closes the socket when a write has been blocked for longer than the write timeout.
 * Closing the socket makes the blocked write throw, so the sender's thread never hangs on a peer that stopped
 * reading.
 *
 * <p>Only the sender's I/O thread writes; {@link #close()} may be called from any thread.
 */
final class TcpConnection {
    /** Why a connection ended, as the watcher saw it; {@code NONE} while it is open. */
    enum End {
        NONE, PEER_CLOSED, WRITE_TIMED_OUT, CLOSED
    }

    private final Socket socket;
    private final OutputStream out;
    private final String peer;
    private final long writeTimeoutNanos;
    private final Thread watcher;
    private volatile long writeStartedNanos;
    private volatile boolean writing;
    private volatile End end = End.NONE;

    /**
     * Takes over a connected (and, for TLS, handshaken) socket and starts its watcher.
     *
     * @param socket       the socket
     * @param peer         the host and port, for messages
     * @param writeTimeoutNanos the longest a single write may block
     * @param threadName   the watcher's name
     * @throws IOException if the socket's streams cannot be had
     */
    TcpConnection(Socket socket, String peer, long writeTimeoutNanos, String threadName) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.peer = peer;
        this.writeTimeoutNanos = writeTimeoutNanos;
        // the watcher wakes this often to check the write in progress; a read that times out leaves the socket usable
        long tickMillis = Math.max(1, Math.min(1000, writeTimeoutNanos / 4_000_000L));
        socket.setSoTimeout((int) tickMillis);
        InputStream in = socket.getInputStream();
        this.watcher = new Thread(() -> watch(in), threadName);
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /**
     * Writes bytes, blocking at most about the write timeout.
     *
     * @throws IOException if the connection is broken, was closed, or the write timed out (then {@link #end()} is
     *                     {@code WRITE_TIMED_OUT})
     */
    void write(byte[] bytes, int length) throws IOException {
        if (end != End.NONE) {
            throw new IOException("connection to " + peer + " has ended (" + end + ")");
        }
        writeStartedNanos = System.nanoTime();
        writing = true;
        try {
            out.write(bytes, 0, length);
        } finally {
            writing = false;
        }
    }

    /** {@return why the connection ended, or {@code NONE} while it is open} */
    End end() {
        return end;
    }

    /** {@return whether the connection is still open as far as the watcher knows} */
    boolean isOpen() {
        return end == End.NONE;
    }

    /** Closes the socket (buffered bytes are still sent by the system) and lets the watcher end. Never throws. */
    void close() {
        ending(End.CLOSED);
    }

    private void ending(End why) {
        synchronized (this) {
            if (end == End.NONE) {
                end = why;
            }
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private void watch(InputStream in) {
        byte[] discard = new byte[512];
        while (end == End.NONE) {
            try {
                if (in.read(discard) < 0) {
                    ending(End.PEER_CLOSED);
                }
            } catch (SocketTimeoutException tick) {
                if (writing && System.nanoTime() - writeStartedNanos > writeTimeoutNanos) {
                    ending(End.WRITE_TIMED_OUT);
                }
            } catch (IOException | RuntimeException e) {
                ending(End.PEER_CLOSED); // reset, or closed by us
            }
        }
    }

    @Override
    public String toString() {
        return peer;
    }
}
