package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are what CPython 3 prints for {@code format % args}. */
class PercentFormatTest {

    static Stream<Arguments> pythonCases() {
        return Stream.of(
            Arguments.of("%s took %d ms", new Object[] {"q", 12}, "q took 12 ms"),
            Arguments.of("%r", new Object[] {"x"}, "'x'"),
            Arguments.of("%r", new Object[] {"it's"}, "\"it's\""),
            Arguments.of("%r", new Object[] {"a\nb"}, "'a\\nb'"),
            Arguments.of("%.2f", new Object[] {3.14159}, "3.14"),
            Arguments.of("%d%%", new Object[] {50}, "50%"),
            Arguments.of("%5s|%-5s|", new Object[] {"a", "b"}, "    a|b    |"),
            Arguments.of("%05d", new Object[] {42}, "00042"),
            Arguments.of("%x %X %o", new Object[] {255, 255, 8}, "ff FF 10"),
            Arguments.of("%x", new Object[] {-255}, "-ff"),
            Arguments.of("%#x|%#o|%#X", new Object[] {255, 8, 255}, "0xff|0o10|0XFF"),
            Arguments.of("%#08x", new Object[] {255}, "0x0000ff"),
            Arguments.of("%e", new Object[] {12345.678}, "1.234568e+04"),
            Arguments.of("%g", new Object[] {0.0001}, "0.0001"),
            Arguments.of("%g", new Object[] {1234567.0}, "1.23457e+06"),
            Arguments.of("%g", new Object[] {100000.0}, "100000"),
            Arguments.of("%g", new Object[] {1.5}, "1.5"),
            Arguments.of("%.3g", new Object[] {3.14159}, "3.14"),
            Arguments.of("%g", new Object[] {0.00001}, "1e-05"),
            Arguments.of("%G", new Object[] {1e-10}, "1E-10"),
            Arguments.of("%g", new Object[] {0.0}, "0"),
            Arguments.of("%#g", new Object[] {1.5}, "1.50000"),
            Arguments.of("%.10g", new Object[] {1.0 / 3}, "0.3333333333"),
            Arguments.of("%g", new Object[] {123456789012.0}, "1.23457e+11"),
            Arguments.of("%g", new Object[] {9.9999999}, "10"),
            Arguments.of("%g", new Object[] {999999.5}, "1e+06"),
            Arguments.of("%.15g", new Object[] {0.1}, "0.1"),
            Arguments.of("%.17g", new Object[] {0.1}, "0.10000000000000001"),
            Arguments.of("%s %s %s", new Object[] {null, true, false}, "None True False"),
            Arguments.of("%c%c", new Object[] {65, "b"}, "Ab"),
            Arguments.of("%c", new Object[] {0x1F600}, "\uD83D\uDE00"),
            Arguments.of("%f", new Object[] {1.5}, "1.500000"),
            Arguments.of("%i", new Object[] {3.9}, "3"),
            Arguments.of("%d", new Object[] {-3.9}, "-3"),
            Arguments.of("%d", new Object[] {true}, "1"),
            Arguments.of("%d", new Object[] {new BigInteger("123456789012345678901234567890")},
                "123456789012345678901234567890"),
            Arguments.of("%d", new Object[] {Long.MIN_VALUE}, "-9223372036854775808"),
            Arguments.of("%.3d", new Object[] {5}, "005"),
            Arguments.of("%+d % d", new Object[] {5, 5}, "+5  5"),
            Arguments.of("%+.1f", new Object[] {-0.0}, "-0.0"),
            Arguments.of("%.1f", new Object[] {0.15}, "0.1"),
            Arguments.of("%.0f %.0f", new Object[] {2.5, 3.5}, "2 4"),
            Arguments.of("%10.3f|", new Object[] {3.14159}, "     3.142|"),
            Arguments.of("%-10.3f|", new Object[] {3.14159}, "3.142     |"),
            Arguments.of("%010.3f|", new Object[] {-3.14159}, "-00003.142|"),
            Arguments.of("%.2e", new Object[] {0.0}, "0.00e+00"),
            Arguments.of("%e", new Object[] {1e300}, "1.000000e+300"),
            Arguments.of("%f", new Object[] {Double.POSITIVE_INFINITY}, "inf"),
            Arguments.of("%F", new Object[] {Double.NaN}, "NAN"),
            Arguments.of("%E", new Object[] {Double.NEGATIVE_INFINITY}, "-INF"),
            Arguments.of("%#.0f", new Object[] {3.0}, "3."),
            Arguments.of("%.3s", new Object[] {"abcdef"}, "abc"),
            Arguments.of("%5.1s|", new Object[] {"xyz"}, "    x|"),
            Arguments.of("%05s|", new Object[] {"a"}, "    a|"),
            Arguments.of("%ld %hd", new Object[] {1, 2}, "1 2"),
            Arguments.of("%s", new Object[] {List.of(1, 2)}, "[1, 2]"),
            Arguments.of("%s", new Object[] {"\uD83D\uDE00 \u65E5\u672C"}, "\uD83D\uDE00 \u65E5\u672C"),
            Arguments.of("100%% sure", new Object[] {}, "100% sure"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonCases")
    void formats_like_python(String format, Object[] args, String expected) {
        assertEquals(expected, PercentFormat.format(format, args));
    }

    @Test
    void named_form_takes_values_from_one_map_argument() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user", "bo");
        values.put("age", 3);
        values.put("unused", "fine");
        assertEquals("bo is 3, 3.00", PercentFormat.format("%(user)s is %(age)d, %(age).2f", values));
        assertEquals("100%(approx)", PercentFormat.format("100%%(approx)", values));
    }

    @Test
    void a_single_map_without_named_conversions_is_a_positional_value() {
        assertEquals("{a=1}", PercentFormat.format("%s", Map.of("a", 1)));
    }

    @Test
    void arguments_that_do_not_fit_the_format_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%s %s", "one"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%s", "one", "two"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%d", "text"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%x", 1.5));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%f", "text"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%(missing)s", Map.of("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%(a)s %s", Map.of("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%(a)s", "not a map"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("50%", 1));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%(open", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%5", 1));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%y", 1));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%c", "ab"));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%c", -1));
        assertThrows(IllegalArgumentException.class, () -> PercentFormat.format("%99999999999d", 1));
    }
}
