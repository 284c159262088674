package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.config.MetlogConfig;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.ConfigurationException;

/**
 * The library with none of its optional dependencies on the class path, really absent (the
 * {@code without-optional-dependencies} Maven profile removes the jars; the normal build leaves this class out):
 * the core works, and each optional part fails when it is configured, with a message naming the file, the
 * section and the Maven dependency to add.
 */
@Tag("without-optional-dependencies")
class WithoutOptionalDependenciesTest {

    @ParameterizedTest
    @ValueSource(strings = {"org.zeromq.ZMQ", "org.msgpack.core.MessagePack", "org.slf4j.LoggerFactory",
        "ch.qos.logback.classic.Logger"})
    void the_optional_jars_are_really_absent(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }

    @Test
    void a_client_configured_from_ini_sends_through_a_core_sender() {
        try (MetlogClient client = MetlogConfig.clientFromText("[metlog]\nlogger = app\n"
            + "sender_class = metlog.senders.DebugCaptureSender\n", "metlog")) {
            client.incr("logins");
            client.info("hello %s", "world");
            List<String> sent = ((DebugCaptureSender) client.sender()).messages();
            assertEquals(2, sent.size(), sent.toString());
            assertEquals(2, client.deliveryStats().sent());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "metlog.senders.zmq.ZmqPubSender\nsender_bindstrs = tcp://127.0.0.1:5565|org.zeromq:jeromq",
        "org.metlog.senders.LogdSender\nsender_host = 127.0.0.1\nsender_port = 8126|org.msgpack:msgpack-core",
        "org.metlog.logging.Slf4jLoggingSender|slf4j-api"})
    void configuring_an_optional_sender_names_the_file_section_and_the_dependency_to_add(String example) {
        String[] parts = example.split("\\|");
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.clientFromText("[metlog]\nsender_class = " + parts[0] + "\n", "metlog"));
        assertTrue(e.getMessage().startsWith("INI text [metlog]"), e.getMessage());
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }
}
