package org.metlog.senders.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the library in a class loader that hides JeroMQ, as in an application that does not depend on it: the
 * library's own classes are loaded child-first (so they see the hidden classpath), everything else comes from the
 * parent, and any {@code org.zeromq} or {@code zmq} class is "not found".
 */
class JeroMqOptionalTest {

    /** Loads {@code org.metlog} classes itself and refuses JeroMQ's. */
    static final class WithoutJeroMq extends ClassLoader {
        WithoutJeroMq(ClassLoader parent) {
            super("without-jeromq", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.zeromq.") || name.startsWith("zmq.")) {
                throw new ClassNotFoundException(name + " (hidden by the test)");
            }
            if (!name.startsWith("org.metlog.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = bytes(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private byte[] bytes(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final ClassLoader hidden = new WithoutJeroMq(JeroMqOptionalTest.class.getClassLoader());

    private Object options(Map<String, ?> values) throws ReflectiveOperationException {
        Class<?> options = hidden.loadClass("org.metlog.spi.Options");
        return options.getMethod("of", Map.class).invoke(null, values);
    }

    private Throwable buildFails(String senderClass, Map<String, ?> values) throws ReflectiveOperationException {
        Class<?> options = hidden.loadClass("org.metlog.spi.Options");
        Method fromConfig = hidden.loadClass(senderClass).getMethod("fromConfig", options);
        Object opts = options(values);
        return assertThrows(InvocationTargetException.class, () -> fromConfig.invoke(null, opts)).getCause();
    }

    @Test
    void the_class_loader_really_hides_jeromq() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.zeromq.ZMQ", false, hidden));
    }

    @Test
    void building_a_pub_sender_without_jeromq_names_the_maven_dependency() throws Exception {
        Throwable error = buildFails("org.metlog.senders.zmq.ZmqPubSender",
            Map.of("bindstrs", "tcp://127.0.0.1:5565"));
        assertEquals("org.metlog.spi.ConfigurationException", error.getClass().getName());
        assertTrue(error.getMessage().contains("org.zeromq:jeromq"), error.getMessage());
        assertTrue(error.getMessage().contains("ZmqPubSender"), error.getMessage());
    }

    @Test
    void building_a_handshake_sender_without_jeromq_names_the_maven_dependency() throws Exception {
        Throwable error = buildFails("org.metlog.senders.zmq.ZmqHandshakePubSender",
            Map.of("handshake_bind", "tcp://127.0.0.1:5566", "connect_bind", "tcp://127.0.0.1:5565",
                "handshake_timeout", 100));
        assertEquals("org.metlog.spi.ConfigurationException", error.getClass().getName());
        assertTrue(error.getMessage().contains("org.zeromq:jeromq"), error.getMessage());
    }

    @Test
    void configuration_by_metlog_py_name_fails_the_same_way() throws Exception {
        Class<?> options = hidden.loadClass("org.metlog.spi.Options");
        Method sender = hidden.loadClass("org.metlog.config.Components").getMethod("sender", String.class, options);
        Object opts = options(Map.of("bindstrs", List.of("tcp://127.0.0.1:5565")));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hidden);
        try {
            Throwable error = assertThrows(InvocationTargetException.class, () ->
                sender.invoke(null, "metlog.senders.zmq.ZmqPubSender", opts)).getCause();
            assertTrue(error.getMessage().contains("org.zeromq:jeromq"), error.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void the_error_from_an_ini_file_names_the_text_and_section_where_the_sender_is_configured() throws Exception {
        Method fromText = hidden.loadClass("org.metlog.config.MetlogConfig").getMethod("clientFromText", String.class,
            String.class);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hidden);
        try {
            Throwable error = assertThrows(InvocationTargetException.class, () -> fromText.invoke(null,
                "[metlog]\nsender_class = metlog.senders.zmq.ZmqPubSender\nsender_bindstrs = tcp://127.0.0.1:5565\n",
                "metlog")).getCause();
            assertTrue(error.getMessage().startsWith("INI text [metlog]"), error.getMessage());
            assertTrue(error.getMessage().contains("org.zeromq:jeromq"), error.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void bad_options_are_still_reported_as_such_without_jeromq() throws Exception {
        Throwable error = buildFails("org.metlog.senders.zmq.ZmqPubSender", Map.of("bindstrs", "tcp://nowhere"));
        assertEquals("org.metlog.spi.InvalidOptionException", error.getClass().getName());
    }

    @Test
    void the_rest_of_the_library_works_without_jeromq() throws Exception {
        Class<?> udp = hidden.loadClass("org.metlog.senders.UdpSender");
        Object sender = udp.getMethod("to", String.class, int.class).invoke(null, "127.0.0.1", 5565);
        udp.getMethod("close").invoke(sender);
    }
}
