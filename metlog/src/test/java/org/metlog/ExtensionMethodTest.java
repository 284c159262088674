package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

class ExtensionMethodTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("ext").build();

    @Test
    void a_bound_method_is_called_by_name_with_the_arguments_and_reaches_its_client_by_capturing_it() {
        client.addMethod("dummy", args -> {
            client.metlog("dummy", String.valueOf(args.length), Map.of("first", args[0]));
            return List.of(args);
        });
        Object result = client.call("dummy", "some", "ignored", "arguments", 42);
        assertEquals(List.of("some", "ignored", "arguments", 42), result);
        assertEquals("4", sender.last().get("payload"));
        assertEquals(Map.of("first", "some"), sender.last().get("fields"));
        assertTrue(client.hasMethod("dummy"));
        assertEquals(Set.of("dummy"), client.methodNames());
    }

    @Test
    void binding_a_name_that_is_in_use_is_refused() {
        client.addMethod("dummy", args -> "first");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> client.addMethod("dummy", args -> "second"));
        assertTrue(e.getMessage().contains("'dummy' is already bound"), e.getMessage());
        assertEquals("first", client.call("dummy"));
    }

    @Test
    void override_replaces_a_bound_method() {
        client.addMethod("dummy", args -> "first");
        client.addMethod("dummy", args -> "second", true);
        assertEquals("second", client.call("dummy"));
        client.addMethod("fresh", args -> "new", true);
        assertEquals("new", client.call("fresh"));
    }

    @Test
    void built_in_method_names_cannot_be_bound_even_with_override() {
        for (String name : List.of("incr", "timer", "metlog", "info", "setup", "close", "toString", "call")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.addMethod(name, args -> null, true), name);
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> client.addMethod("", args -> null));
        assertThrows(NullPointerException.class, () -> client.addMethod("x", null));
    }

    @Test
    void the_reserved_names_are_exactly_the_public_instance_methods_of_the_client() {
        Set<String> publicInstanceMethods = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : MetlogClient.class.getMethods()) {
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                publicInstanceMethods.add(m.getName());
            }
        }
        assertEquals(publicInstanceMethods, new java.util.TreeSet<>(ExtensionRegistry.RESERVED),
            "a public method was added to or removed from MetlogClient: update ExtensionRegistry.RESERVED");
        for (String name : publicInstanceMethods) {
            assertTrue(MetlogClient.isBuiltInMethod(name), name);
        }
        assertFalse(MetlogClient.isBuiltInMethod("dummy"));
        assertFalse(MetlogClient.isBuiltInMethod("isEmittingStats"), "package-private methods are not reserved");
    }

    @Test
    void calling_an_unbound_name_throws_method_not_found_listing_the_bound_ones() {
        client.addMethod("present", args -> null);
        MethodNotFoundException e = assertThrows(MethodNotFoundException.class, () -> client.call("absent"));
        assertTrue(e.getMessage().contains("'absent'") && e.getMessage().contains("[present]"), e.getMessage());
    }

    @Test
    void remove_method_unbinds_a_name() {
        ExtensionMethod method = args -> client;
        client.addMethod("me", method);
        assertSame(client, client.call("me"));
        assertTrue(client.removeMethod("me"));
        assertFalse(client.removeMethod("me"));
        assertThrows(MethodNotFoundException.class, () -> client.call("me"));
    }

    @Test
    void methods_survive_setup() {
        client.addMethod("kept", args -> "yes");
        client.setup(new DebugCaptureSender(), "other", 6, null, null);
        assertEquals("yes", client.call("kept"));
    }
}
