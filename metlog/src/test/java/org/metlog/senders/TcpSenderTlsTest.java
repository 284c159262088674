package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.message.DeliveryStats;
import org.metlog.testing.Deadline;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.ScriptedLookup;
import org.metlog.testing.TcpLineServer;

/**
 * {@link TcpSender} over TLS against a real loopback {@code SSLServerSocket} whose self-signed certificates the
 * JDK's {@code keytool} makes when the test starts (one naming {@code 127.0.0.1} and {@code localhost}, one
 * naming only another host), each with a trust store holding just that certificate.
 */
class TcpSenderTlsTest {
    private static final String PASSWORD = "metlog-test";
    private static final Duration WAIT = TcpSenderTest.WAIT;

    @TempDir
    static Path dir;
    static Path matching;
    static Path matchingTrust;
    static Path otherName;
    static Path otherNameTrust;

    @BeforeAll
    static void makeCertificates() throws Exception {
        matching = keyStore("matching", "SAN=ip:127.0.0.1,dns:localhost");
        matchingTrust = trustStore("matching", matching);
        otherName = keyStore("other", "SAN=dns:collector.example");
        otherNameTrust = trustStore("other", otherName);
    }

    private static Path keyStore(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=metlog test " + name, "-ext", san, "-keystore", store.toString(), "-storetype", "PKCS12",
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** The server's certificate alone, as a trusted entry: what a client's trust store holds. */
    private static Path trustStore(String name, Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        Path file = dir.resolve(name + "-trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    static TcpLineServer tlsServer(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return TcpLineServer.builder().factory(context.getServerSocketFactory()).start();
    }

    @Test
    void a_trusted_certificate_naming_the_ip_address_delivers_every_message_encrypted() throws Exception {
        try (TcpLineServer server = tlsServer(matching)) {
            TcpSender sender = TcpSender.builder().host("127.0.0.1", server.port()).tls(true)
                .trustStore(matchingTrust, PASSWORD).build();
            assertTrue(sender.awaitConnection(WAIT));
            for (int i = 0; i < 5; i++) {
                sender.send(TcpSenderTest.numbered(i));
            }
            sender.close();
            assertTrue(Deadline.await(WAIT, () -> server.ended() == 1));
            assertEquals(TcpSenderTest.expected(0, 5), TcpSenderTest.payloads(server));
            assertEquals(new DeliveryStats(5, 0, 0, 0, 0), sender.stats());
            assertEquals("TcpSender(tls://127.0.0.1:" + server.port() + ")", sender.toString());
        }
    }

    @Test
    void a_host_name_is_verified_against_the_dns_names_of_the_certificate() throws Exception {
        try (TcpLineServer server = tlsServer(matching)) {
            TcpSender.Builder builder = TcpSender.builder().host("localhost", server.port()).tls(true)
                .trustStore(matchingTrust, PASSWORD);
            builder.settings().lookup = ScriptedLookup.failing(0, "127.0.0.1");
            TcpSender sender = builder.build();
            assertTrue(sender.awaitConnection(WAIT));
            sender.send(TcpSenderTest.numbered(0));
            sender.close();
            assertTrue(Deadline.await(WAIT, () -> server.ended() == 1));
            assertEquals(TcpSenderTest.expected(0, 1), TcpSenderTest.payloads(server));
        }
    }

    @Test
    void a_trusted_certificate_for_another_name_is_refused_and_nothing_is_sent() throws Exception {
        assertRefused(otherName, otherNameTrust, "subject alternative names");
    }

    @Test
    void the_default_trust_store_refuses_a_self_signed_certificate() throws Exception {
        assertRefused(matching, null, "certification path");
    }

    private static void assertRefused(Path serverKeys, Path trust, String why) throws Exception {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (TcpLineServer server = tlsServer(serverKeys)) {
            TcpSender.Builder builder = TcpSender.builder().host("127.0.0.1", server.port()).tls(true)
                .closeTimeout(Duration.ZERO).errorHandler(errors);
            if (trust != null) {
                builder.trustStore(trust, PASSWORD);
            }
            TcpSender sender = builder.build();
            sender.send(TcpSenderTest.numbered(0));
            assertTrue(Deadline.await(WAIT, () -> errors.count("cannot connect") >= 1));
            assertFalse(sender.isConnected());
            sender.close();
            assertEquals(0, server.count());
            assertEquals(new DeliveryStats(0, 0, 1, 0, 0), sender.stats(), "never written, dropped at close");
            String cause = String.valueOf(errors.errors().get(0).cause().getCause());
            assertTrue(cause.contains(why), () -> "the handshake failed for the reason expected: " + cause);
        }
    }

    @Test
    void an_unreadable_trust_store_fails_building_naming_the_file() {
        Path missing = dir.resolve("missing.p12");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TcpSender.builder().host("127.0.0.1", 5565).tls(true).trustStore(missing, PASSWORD).build());
        assertTrue(e.getMessage().contains(missing.toString()), e::getMessage);
        assertTrue(Files.notExists(missing));
    }
}
