package org.metlog.config;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options of(Map<String, ?> values) {
        return Options.of(values, "app.ini [metlog] sender", "sender_");
    }

    @Test
    void typed_getters_accept_strings_and_numbers() {
        Options options = of(Map.of("a", "42", "b", 42, "c", " 7 ", "d", "0.25", "e", 0.5, "f", "yes", "g", false,
            "h", "5566", "i", 9_000_000_000L, "j", "12"));
        assertEquals(42, options.integer("a"));
        assertEquals(42, options.integer("b"));
        assertEquals(7, options.integer("c", 0));
        assertEquals(0.25, options.decimal("d", 1));
        assertEquals(0.5, options.rate("e", 1));
        assertTrue(options.bool("f", false));
        assertFalse(options.bool("g", true));
        assertEquals(5566, options.port("h", 1));
        assertEquals(9_000_000_000L, options.longValue("i", 0));
        assertEquals(12L, options.longValue("j", 0));
        assertEquals("42", options.string("b"));
        options.checkAllUsed();
    }

    @Test
    void absent_options_give_the_fallback() {
        Options options = of(Map.of());
        assertEquals(3, options.integer("n", 3));
        assertEquals("x", options.string("s", "x"));
        assertEquals(List.of("t"), options.strings("l", List.of("t")));
        assertEquals(Map.of(), options.map("m"));
        assertTrue(options.bool("b", true));
        assertFalse(options.has("n"));
    }

    @Test
    void strings_accept_one_value_or_a_list() {
        Options options = of(Map.of("one", "timer", "many", List.of("timer", "oldstyle")));
        assertEquals(List.of("timer"), options.strings("one", List.of()));
        assertEquals(List.of("timer", "oldstyle"), options.strings("many", List.of()));
    }

    @Test
    void range_errors_name_the_context_key_value_and_expectation() {
        Options options = of(Map.of("severity", "9", "port", 70000, "rate", "1.5", "flag", "maybe", "n", "ten"));
        InvalidOptionException severity = assertThrows(InvalidOptionException.class,
            () -> options.integer("severity", 0, 0, 7));
        assertEquals("app.ini [metlog] sender: option sender_severity = '9': expected an integer from 0 to 7",
            severity.getMessage());
        InvalidOptionException port = assertThrows(InvalidOptionException.class, () -> options.port("port", 1));
        assertTrue(port.getMessage().contains("sender_port = 70000") && port.getMessage().contains("1 to 65535"),
            port.getMessage());
        InvalidOptionException rate = assertThrows(InvalidOptionException.class, () -> options.rate("rate", 1));
        assertTrue(rate.getMessage().contains("'1.5'") && rate.getMessage().contains("0 to 1"), rate.getMessage());
        InvalidOptionException flag = assertThrows(InvalidOptionException.class, () -> options.bool("flag", true));
        assertTrue(flag.getMessage().contains("'maybe'") && flag.getMessage().contains("boolean"), flag.getMessage());
        InvalidOptionException n = assertThrows(InvalidOptionException.class, () -> options.integer("n"));
        assertTrue(n.getMessage().contains("sender_n = 'ten'") && n.getMessage().contains("an integer"),
            n.getMessage());
    }

    @Test
    void missing_required_options_are_named() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> of(Map.of()).string("host"));
        assertEquals("app.ini [metlog] sender: required option sender_host is missing: expected a non-empty string",
            e.getMessage());
    }

    @Test
    void unknown_options_are_listed_with_the_accepted_ones() {
        Options options = of(Map.of("host", "h", "prot", "5566"));
        options.string("host");
        options.port("port", 5565);
        UnknownOptionException e = assertThrows(UnknownOptionException.class, options::checkAllUsed);
        assertEquals("app.ini [metlog] sender: unknown option sender_prot = '5566'; accepted options: sender_host,"
            + " sender_port", e.getMessage());
    }

    @Test
    void positional_arguments_are_bound_to_names_in_order() {
        Options options = of(Map.of("b", 2)).withArgs(List.of("first"));
        options.bindPositional("a", "b");
        assertEquals("first", options.string("a"));
        assertEquals(2, options.integer("b"));
        options.checkAllUsed();
        assertThrows(InvalidOptionException.class,
            () -> of(Map.of()).withArgs(List.of(1, 2, 3)).bindPositional("a", "b"));
        assertThrows(InvalidOptionException.class,
            () -> of(Map.of("a", 1)).withArgs(List.of(1)).bindPositional("a"));
        assertThrows(UnknownOptionException.class, () -> of(Map.of()).withArgs(List.of(1)).checkAllUsed());
    }
}
