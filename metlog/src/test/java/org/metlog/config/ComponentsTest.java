package org.metlog.config;
import org.metlog.spi.UnknownOptionException;
import org.metlog.spi.Options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;
import org.metlog.senders.StdoutSender;

public class ComponentsTest {
    /** Set by {@link Trap}'s static initialiser; stays false unless configuration ran code it should not. */
    static final AtomicBoolean TRAP_INITIALISED = new AtomicBoolean();

    /** Not a sender; its static initialiser must never run when configuration names it as one. */
    public static final class Trap {
        static {
            TRAP_INITIALISED.set(true);
        }

        /** Creates the trap. */
        public Trap() {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.Object"})
    void classes_that_are_not_senders_are_refused_naming_the_expected_interface(String name) {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender(name, Options.of(Map.of())));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("is not a sender: it must implement " + Sender.class.getName()),
            e.getMessage());
    }

    @Test
    void a_refused_class_is_not_initialised() {
        String name = Trap.class.getName(); // a class literal does not initialise the class
        assertFalse(TRAP_INITIALISED.get());
        assertThrows(ComponentNotAllowedException.class, () -> Components.sender(name, Options.of(Map.of())));
        assertThrows(ComponentNotAllowedException.class, () -> Components.filter(name, Options.of(Map.of())));
        assertThrows(ComponentNotAllowedException.class, () -> Components.pluginProvider(name, "test"));
        assertThrows(ComponentNotAllowedException.class, () -> Components.formatter(name, "test"));
        assertFalse(TRAP_INITIALISED.get(), "no static initialiser of a refused class ran");
    }

    @Test
    void a_refused_formatter_is_reported_with_the_context_it_came_from() {
        ComponentNotAllowedException byClass = assertThrows(ComponentNotAllowedException.class,
            () -> Components.formatter("java.lang.Object", "app.ini [metlog] sender_formatter"));
        assertTrue(byClass.getMessage().startsWith("app.ini [metlog] sender_formatter: "), byClass.getMessage());
        ComponentNotAllowedException byMethod = assertThrows(ComponentNotAllowedException.class,
            () -> Components.formatter("java.lang.Object#toString", "app.ini [metlog] sender_formatter"));
        assertTrue(byMethod.getMessage().startsWith("app.ini [metlog] sender_formatter: "), byMethod.getMessage());
    }

    @Test
    void a_static_method_of_the_wrong_shape_is_refused() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender("java.lang.Runtime#getRuntime", Options.of(Map.of())));
        assertTrue(e.getMessage().contains(Sender.class.getName()), e.getMessage());
        assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender("java.lang.System#exit", Options.of(Map.of())));
    }

    @Test
    void unknown_classes_are_reported_with_a_hint_for_metlog_py_names() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender("metlog.senders.NoSuchSender", Options.of(Map.of())));
        assertTrue(e.getMessage().contains("unknown class 'metlog.senders.NoSuchSender'"), e.getMessage());
        assertTrue(e.getMessage().contains("Components.aliases()"), e.getMessage());
    }

    @Test
    void a_kafka_sender_without_metlog_kafka_on_the_class_path_names_that_artifact() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender("metlog.senders.kafka.KafkaSender", Options.of(Map.of())));
        assertTrue(e.getMessage().contains("unknown class 'metlog.senders.kafka.KafkaSender'"), e.getMessage());
        assertTrue(e.getMessage().contains("io.github.metlog-java:metlog-kafka"), e.getMessage());
        assertEquals("org.metlog.senders.kafka.KafkaSender", Components.resolve("metlog.senders.kafka.KafkaSender"));
    }

    @Test
    void an_otlp_sender_without_metlog_otlp_on_the_class_path_names_that_artifact() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.sender("metlog.senders.otlp.OtlpSender", Options.of(Map.of())));
        assertTrue(e.getMessage().contains("unknown class 'metlog.senders.otlp.OtlpSender'"), e.getMessage());
        assertTrue(e.getMessage().contains("io.github.metlog-java:metlog-otlp"), e.getMessage());
    }

    @Test
    void metlog_py_names_resolve_to_java_classes() {
        assertEquals("org.metlog.senders.StdoutSender", Components.resolve("metlog.senders.dev.StdoutSender"));
        assertEquals("org.metlog.filters.SeverityMaxProvider",
            Components.resolve("metlog.filters.severity_max_provider"));
        assertEquals("com.example.Plugins#config", Components.resolve("com.example.Plugins:config"));
        assertEquals("org.example.Own", Components.resolve(" org.example.Own "));
        assertTrue(Components.aliases().containsKey("metlog.senders.dev.DebugCaptureSender"));
    }

    @Test
    void a_sender_without_from_config_is_built_by_its_no_argument_constructor_and_takes_no_options() {
        assertInstanceOf(StdoutSender.class, Components.sender("org.metlog.senders.StdoutSender",
            Options.of(Map.of())));
        assertInstanceOf(DebugCaptureSender.class,
            Components.sender("metlog.senders.DebugCaptureSender", Options.of(Map.of())));
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
            () -> Components.sender("metlog.senders.NoSendSender", Options.of(Map.of("x", 1))));
        assertTrue(e.getMessage().contains("accepted options: (none)"), e.getMessage());
    }

    @Test
    void a_plugin_is_built_from_a_static_factory_for_the_client_it_is_given() {
        MetlogClient client = MetlogClient.builder().logger("greeter").build();
        Options options = Options.of(Map.of("greeting", "hi"));
        ExtensionMethod method = Components.pluginProvider("org.metlog.config.ComponentsTest#plugin", "test")
            .create(client, options);
        options.checkAllUsed();
        assertEquals("hi bob from greeter", method.invoke("bob"));
        Options extra = Options.of(Map.of("greeting", "hi", "extra", 1));
        Components.pluginProvider("org.metlog.config.ComponentsTest#plugin", "test").create(client, extra);
        assertThrows(UnknownOptionException.class, extra::checkAllUsed);
    }

    @Test
    void a_static_plugin_factory_must_take_the_client_and_the_options() {
        ComponentNotAllowedException e = assertThrows(ComponentNotAllowedException.class,
            () -> Components.pluginProvider("org.metlog.config.ComponentsTest#oldPlugin", "test"));
        assertEquals("test: 'org.metlog.config.ComponentsTest#oldPlugin' is not a plugin provider: expected a"
            + " public static method oldPlugin(org.metlog.MetlogClient, org.metlog.spi.Options) returning"
            + " org.metlog.ExtensionMethod", e.getMessage());
    }

    /**
     * A plugin factory named as {@code Class#method}.
     *
     * @param client  the client the method is for
     * @param options {@code greeting}
     * @return a method greeting its first argument on behalf of the client
     */
    public static ExtensionMethod plugin(MetlogClient client, Options options) {
        String greeting = options.string("greeting");
        return args -> greeting + " " + args[0] + " from " + client.logger();
    }

    /**
     * A factory of the old shape, without the client: refused.
     *
     * @param options ignored
     * @return a method
     */
    public static ExtensionMethod oldPlugin(Options options) {
        return args -> null;
    }
}
