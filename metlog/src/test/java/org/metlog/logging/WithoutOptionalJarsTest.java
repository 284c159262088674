package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;

/** metlog without slf4j-api and logback on the class path: only their two bridges are unavailable, clearly. */
class WithoutOptionalJarsTest {

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** A class loader with metlog and Jackson only; its parent sees just the JDK. */
    private static URLClassLoader withoutSlf4j() {
        return new URLClassLoader(new URL[] {jarOf(MetlogClient.class), jarOf(ObjectMapper.class),
            jarOf(JsonFactory.class), jarOf(JsonAutoDetect.class)}, ClassLoader.getPlatformClassLoader());
    }

    private static Object buildSender(ClassLoader loader, String name) throws Exception {
        Class<?> options = loader.loadClass("org.metlog.spi.Options");
        Object opts = options.getMethod("of", Map.class, String.class, String.class)
            .invoke(null, Map.of(), "metlog.ini [metlog] sender", "sender_");
        Method sender = loader.loadClass("org.metlog.config.Components").getMethod("sender", String.class, options);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // Components loads configured classes through it
        try {
            return sender.invoke(null, name, opts);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void the_jul_bridges_and_decorators_work_without_slf4j_on_the_class_path() throws Exception {
        try (URLClassLoader loader = withoutSlf4j()) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.slf4j.LoggerFactory"));
            for (String name : new String[] {"org.metlog.logging.MetlogHandler", "org.metlog.logging.MetlogLogging",
                "org.metlog.decorators.Decorators", "org.metlog.senders.StdLibLoggingSender",
                "org.metlog.logging.LogBridge", "org.metlog.logging.LogContext", "org.metlog.logging.LogLevels"}) {
                Class.forName(name, true, loader);
            }
            Object sender = buildSender(loader, "metlog.senders.logging.StdLibLoggingSender");
            assertEquals("org.metlog.senders.StdLibLoggingSender", sender.getClass().getName());
        }
    }

    @Test
    void configuring_the_slf4j_sender_without_slf4j_fails_with_a_configuration_error_that_says_why()
        throws Exception {
        try (URLClassLoader loader = withoutSlf4j()) {
            Exception e = assertThrows(Exception.class,
                () -> buildSender(loader, "org.metlog.logging.Slf4jLoggingSender"));
            assertEquals("org.metlog.spi.ConfigurationException", e.getClass().getName(), e.toString());
            assertTrue(e.getMessage().contains("metlog.ini [metlog] sender"), e.getMessage());
            assertTrue(e.getMessage().contains("needs slf4j-api"), e.getMessage());
        }
    }
}
