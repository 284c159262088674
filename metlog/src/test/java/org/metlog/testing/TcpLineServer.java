package org.metlog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A loopback TCP server that reads newline-delimited lines, the peer of the TCP sender's tests: it can start on a
 * chosen port (to stand in for a restarted server), use a small receive buffer, hold back its reading until
 * released, read slowly (a few bytes at a time), stop gracefully (every connection read to its end, or closed
 * after what arrived so far was read) or be killed (connections reset, unread bytes discarded). Lines are kept in
 * arrival order; an incomplete last line of a connection is counted in {@link #partialLines()}, not kept.
 * Thread-safe.
 */
public final class TcpLineServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger partial = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final CountDownLatch reading;
    private final int readChunk;
    private final Thread acceptor;

    private TcpLineServer(Builder b) throws IOException {
        this.server = b.factory.createServerSocket();
        server.setReuseAddress(true);
        if (b.receiveBuffer > 0) {
            server.setReceiveBufferSize(b.receiveBuffer); // inherited by accepted sockets
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 50);
        this.reading = new CountDownLatch(b.held ? 1 : 0);
        this.readChunk = b.readChunk;
        this.acceptor = new Thread(this::accept, "tcp-line-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a builder: port chosen by the system, normal buffers, reading at once in 64 KiB reads */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a server on a free port with the defaults */
    public static TcpLineServer start() {
        return builder().start();
    }

    /** @return the port it listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** Lets reading begin, for a server built with {@link Builder#held()}. */
    public void release() {
        reading.countDown();
    }

    /** @return the complete lines received so far, in order */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** @return how many complete lines were received so far */
    public int count() {
        return lines.size();
    }

    /** @return the receive buffer the system gave the last accepted connection, in bytes, or 0 if none */
    public int lastReceiveBuffer() {
        try {
            return connections.isEmpty() ? 0 : connections.get(connections.size() - 1).getReceiveBufferSize();
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return how many connections were accepted */
    public int accepted() {
        return accepted.get();
    }

    /** @return how many connections ended with an incomplete last line */
    public int partialLines() {
        return partial.get();
    }

    /** @return how many connections have been read to their end (or reset) */
    public int ended() {
        return ended.get();
    }

    /** @return whether {@code n} complete lines arrived within {@code max} */
    public boolean await(int n, Duration max) {
        return Deadline.await(max, () -> lines.size() >= n);
    }

    /**
     * Stops accepting and closes every connection: what it had not read yet is lost (a test waits for the lines it
     * expects first). A server that reads to the end instead is one whose peer closes first.
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        joinQuietly(acceptor);
    }

    /** Resets every connection (unread bytes are discarded by the system) and stops accepting: a killed server. */
    public void kill() {
        for (Socket s : connections) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                connections.add(s);
                Thread reader = new Thread(() -> read(s), "tcp-line-reader-" + s.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket s) {
        byte[] chunk = new byte[readChunk];
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        try {
            if (!reading.await(60, TimeUnit.SECONDS)) {
                return;
            }
            InputStream in = s.getInputStream();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        lines.add(current.toString(StandardCharsets.UTF_8));
                        current.reset();
                    } else {
                        current.write(chunk[i]);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // reset or closed: what arrived is kept
        } finally {
            if (current.size() > 0) {
                partial.incrementAndGet();
            }
            ended.incrementAndGet();
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link TcpLineServer}. */
    public static final class Builder {
        private int port;
        private int receiveBuffer;
        private boolean held;
        private int readChunk = 65_536;
        private ServerSocketFactory factory = ServerSocketFactory.getDefault();

        /** @return this, listening on {@code port} (a port a previous server used, to restart it) */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @return this, with accepted sockets' receive buffer set to {@code bytes} */
        public Builder receiveBuffer(int bytes) {
            this.receiveBuffer = bytes;
            return this;
        }

        /** @return this, reading nothing until {@link TcpLineServer#release()} */
        public Builder held() {
            this.held = true;
            return this;
        }

        /** @return this, reading at most {@code bytes} per read */
        public Builder readChunk(int bytes) {
            this.readChunk = bytes;
            return this;
        }

        /** @return this, listening with {@code factory} (an {@code SSLServerSocketFactory} for TLS) */
        public Builder factory(ServerSocketFactory factory) {
            this.factory = factory;
            return this;
        }

        /** @return the running server */
        public TcpLineServer start() {
            try {
                return new TcpLineServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
