package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metlog.spi.Options;

/** The type lists of the logging senders: a single string is split, the entries of a list are kept verbatim. */
class LoggingTypeListsTest {

    @Test
    void list_entries_are_kept_verbatim_so_a_type_may_contain_a_space() {
        StdLibLoggingSender sender = StdLibLoggingSender.fromConfig(Options.of(Map.of(
            "payload_types", List.of("the other", "oldstyle"), "json_types", List.of("x,y"))));
        assertEquals(Set.of("the other", "oldstyle"), Set.copyOf(sender.payloadTypes()));
        assertEquals(Set.of("x,y"), Set.copyOf(sender.jsonTypes()));
    }

    @Test
    void a_single_string_is_split_on_whitespace_and_commas_as_an_ini_value_is_written() {
        StdLibLoggingSender sender = StdLibLoggingSender.fromConfig(Options.of(Map.of(
            "payload_types", "oldstyle, custom other")));
        assertEquals(Set.of("oldstyle", "custom", "other"), Set.copyOf(sender.payloadTypes()));
    }

    @Test
    void entries_given_in_code_are_kept_verbatim() {
        StdLibLoggingSender sender = new StdLibLoggingSender("", List.of("the other"), null);
        assertEquals(Set.of("the other"), Set.copyOf(sender.payloadTypes()));
    }
}
