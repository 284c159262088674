package org.metlog.senders;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of a {@link TcpSender}: the JDK's default trust (its {@code cacerts}, or what
 * {@code javax.net.ssl.trustStore} names) or a trust store file of the application's own. Built once, while the
 * sender is built, so that a missing or unreadable trust store fails configuration rather than every connection.
 */
final class TcpTls {
    private TcpTls() {
    }

    /**
     * Builds the factory.
     *
     * @param trustStore a trust store file (PKCS#12 or JKS, the type is detected), or null for the JDK's default
     * @param password   its password, or null if it has none
     * @return the factory
     * @throws IllegalArgumentException naming the file and the reason if it cannot be read
     */
    static SSLSocketFactory factory(Path trustStore, String password) {
        if (trustStore == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            char[] secret = password == null ? null : password.toCharArray();
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), secret);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the trust store " + trustStore + ": " + e.getMessage()
                + " (expected a readable PKCS#12 or JKS file and its password)", e);
        }
    }
}
