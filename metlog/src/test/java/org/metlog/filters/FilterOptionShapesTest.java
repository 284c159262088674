package org.metlog.filters;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.spi.Filter;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

/** The shapes a filter's {@code types} option may take when given in code. */
class FilterOptionShapesTest {

    private static Message ofType(String type) {
        return Message.builder(type).build();
    }

    @Test
    void a_set_of_types_is_a_list_of_types_not_one_type_named_after_the_set() {
        Filter filter = new TypeWhitelistProvider().create(Options.of(Map.of("types", new LinkedHashSet<>(
            List.of("foo", "bar")))));
        assertTrue(filter.test(ofType("foo")));
        assertTrue(filter.test(ofType("bar")));
        assertFalse(filter.test(ofType("[foo, bar]")));
    }

    @Test
    void a_set_works_for_the_blacklist_too() {
        Filter filter = new TypeBlacklistProvider().create(Options.of(Map.of("types", Set.of("foo"))));
        assertFalse(filter.test(ofType("foo")));
        assertTrue(filter.test(ofType("bar")));
    }

    @Test
    void a_value_that_is_neither_a_string_nor_a_collection_of_strings_is_refused_naming_the_option() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> new TypeWhitelistProvider()
            .create(Options.of(Map.of("types", List.of("foo", Map.of("a", "b"))))));
        assertTrue(e.getMessage().contains("types"), e.getMessage());
        assertTrue(e.getMessage().contains("a string or a collection of strings"), e.getMessage());
        assertThrows(InvalidOptionException.class, () -> new TypeWhitelistProvider()
            .create(Options.of(Map.of("types", new Object()))));
        assertThrows(InvalidOptionException.class, () -> new TypeWhitelistProvider()
            .create(Options.of(Map.of("types", List.of(List.of("nested"))))));
    }
}
