package org.metlog.senders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.metlog.internal.HostLookup;

/**
 * Opens one connection of a {@link TcpSender} to one host, on the sender's I/O thread: looks the name up (an IP
 * literal needs no lookup), connects within the connect timeout and, with TLS, completes the handshake within
 * the same timeout, verifying the server's certificate against the trust store and its name against the host as
 * configured (HTTPS rules: the certificate's subject alternative names must hold the DNS name or the IP address).
 */
final class TcpConnector {
    private final HostLookup lookup;
    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final long writeTimeoutNanos;
    private final int sendBufferBytes;

    /**
     * @param lookup               how host names are looked up
     * @param tls                  the TLS socket factory, or null for plain TCP
     * @param connectTimeoutMillis the bound on connecting and on the TLS handshake, each
     * @param writeTimeoutNanos    the bound on one write
     * @param sendBufferBytes      the socket's send buffer ({@code SO_SNDBUF}), or 0 for the system's default
     */
    TcpConnector(HostLookup lookup, SSLSocketFactory tls, int connectTimeoutMillis, long writeTimeoutNanos,
                 int sendBufferBytes) {
        this.lookup = lookup;
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.writeTimeoutNanos = writeTimeoutNanos;
        this.sendBufferBytes = sendBufferBytes;
    }

    /** {@return whether connections use TLS} */
    boolean isTls() {
        return tls != null;
    }

    /**
     * Connects to one host. Blocks for the lookup (as long as DNS takes) and at most the connect timeout twice
     * (connecting, then the handshake).
     *
     * @param to         the host and port
     * @param threadName the name of the new connection's watcher thread
     * @return the open connection
     * @throws IOException if the name does not resolve, the connection is refused or times out, or the handshake
     *                     fails (an untrusted certificate, a name that does not match)
     */
    TcpConnection open(UdpDestination to, String threadName) throws IOException {
        InetSocketAddress address = to.literal ? to.address() : resolve(to);
        Socket socket = new Socket();
        try {
            if (sendBufferBytes > 0) {
                socket.setSendBufferSize(sendBufferBytes);
            }
            socket.connect(address, connectTimeoutMillis);
            Socket connected = socket;
            if (tls != null) {
                connected = handshake(socket, to);
            }
            return new TcpConnection(connected, to.toString(), writeTimeoutNanos, threadName);
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what never opened
            }
            throw e;
        }
    }

    private InetSocketAddress resolve(UdpDestination to) throws UnknownHostException {
        try {
            return new InetSocketAddress(lookup.lookUp(to.host), to.port);
        } catch (RuntimeException e) {
            UnknownHostException wrapped = new UnknownHostException("host " + to + " (" + e.getMessage() + ")");
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private Socket handshake(Socket plain, UdpDestination to) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, to.host, to.port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(connectTimeoutMillis);
        socket.startHandshake();
        return socket;
    }
}
