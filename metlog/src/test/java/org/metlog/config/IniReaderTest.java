package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library's own INI reader: the subset of Python's ConfigParser that metlog-py configurations use. */
class IniReaderTest {

    private static Map<String, String> section(String text, String name) {
        return IniDocument.parse(text, "t").section(name);
    }

    @Test
    void equals_and_colon_both_separate_and_the_first_one_on_the_line_counts() {
        Map<String, String> s = section("[a]\nurl: http://x/?a=b\nk = v: w\n", "a");
        assertEquals(Map.of("url", "http://x/?a=b", "k", "v: w"), s);
    }

    @Test
    void crlf_and_cr_line_ends_read_like_lf_and_errors_count_lines_the_same() {
        assertEquals(Map.of("k", "v", "m", "w"), section("[a]\r\nk = v\r\nm = w\r\n", "a"));
        assertEquals(Map.of("k", "v", "m", "w"), section("[a]\rk = v\rm = w\r", "a"));
        IniSyntaxException e = assertThrows(IniSyntaxException.class,
            () -> IniDocument.parse("[a]\r\nk = v\r\nlonely\r\n", "t"));
        assertTrue(e.getMessage().contains("(at line: 3): lonely"), e.getMessage());
    }

    @Test
    void a_byte_order_mark_is_ignored() {
        assertEquals(Map.of("k", "v"), section("\uFEFF[a]\nk = v\n", "a"));
    }

    @Test
    void continuation_lines_join_with_line_breaks_skipping_blank_and_comment_lines() {
        assertEquals("foo\nbar\nbaz", section("[a]\nk = foo\n  bar\n\n  # note\n  baz\nm = 1\n", "a").get("k"));
    }

    @Test
    void an_empty_value_is_kept_as_empty_text() {
        assertEquals("", section("[a]\nk =\n", "a").get("k"));
    }

    @Test
    void inline_comment_characters_are_part_of_the_value() {
        assertEquals("x ; y # z", section("[a]\nk = x ; y # z\n", "a").get("k"));
    }

    @Test
    void section_names_are_trimmed_and_text_after_the_bracket_is_an_error() {
        assertEquals(List.of("metlog"), IniDocument.parse("[ metlog ]\nk = v\n", "t").sectionNames());
        assertThrows(IniSyntaxException.class, () -> IniDocument.parse("[metlog] extra\nk = v\n", "t"));
        assertThrows(IniSyntaxException.class, () -> IniDocument.parse("[]\nk = v\n", "t"));
    }

    @Test
    void an_option_without_a_name_is_an_error() {
        IniSyntaxException e = assertThrows(IniSyntaxException.class, () -> IniDocument.parse("[a]\n= v\n", "t"));
        assertTrue(e.getMessage().contains("(at line: 2): = v"), e.getMessage());
    }

    @Test
    void the_default_section_is_an_ordinary_section() {
        IniDocument doc = IniDocument.parse("[DEFAULT]\nlogger = x\n[metlog]\nseverity = 3\n", "t");
        assertEquals(Map.of("severity", "3"), doc.section("metlog"));
        assertEquals(Map.of("logger", "x"), doc.section("DEFAULT"));
    }

    @Test
    void private_use_characters_are_ordinary_text() {
        StringBuilder all = new StringBuilder();
        for (char c = '\uE000'; c <= '\uF8FF'; c++) {
            all.append(c);
        }
        assertEquals(all.toString(), section("[a]\nk = " + all + "\n  x\n", "a").get("k").split("\n")[0]);
    }

    @Test
    void an_error_about_a_huge_line_quotes_only_its_start() {
        String huge = "x".repeat(100_000);
        IniSyntaxException e = assertThrows(IniSyntaxException.class,
            () -> IniDocument.parse("[a]\n" + huge + "\n", "t"));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(100000 characters)"), e.getMessage());
    }
}
