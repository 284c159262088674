package org.metlog.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The line-by-line reader behind {@link IniDocument}: splits an INI text into sections and options, keeping
 * repeats so that the document can report them. Knows the subset of Python's {@code ConfigParser} syntax that
 * metlog-py configurations use: {@code [section]} lines, {@code key = value} and {@code key: value} lines (the
 * first {@code =} or {@code :} separates), {@code #} and {@code ;} comment lines, blank lines, and indented
 * continuation lines.
 */
final class IniLines {
    private final List<Section> sections;

    private IniLines(List<Section> sections) {
        this.sections = sections;
    }

    /** {@return the sections in file order, each once (a repeated section counts its {@link Section#times()})} */
    List<Section> sections() {
        return sections;
    }

    /**
     * Reads the lines of an INI text (without a byte order mark).
     *
     * @param text   the text
     * @param source names the text in messages
     * @return its sections
     * @throws IniSyntaxException for a line that is not INI, or an option before the first section
     */
    static IniLines parse(String text, String source) {
        Map<String, Section> byName = new LinkedHashMap<>();
        Section current = null;
        List<String> value = null;          // the value lines of the option being read, or null
        String valueKey = null;
        int valueLine = 0;
        int valueIndent = 0;
        int number = 0;
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = lineEnd(text, start);
            String line = text.substring(start, end);
            start = next(text, end);
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.charAt(0) == '#' || stripped.charAt(0) == ';') {
                continue;
            }
            int indent = indentOf(line);
            if (value != null && indent > valueIndent) {
                value.add(stripped);
                continue;
            }
            if (value != null) {
                current.add(valueKey, String.join("\n", value), valueLine);
                value = null;
            }
            if (stripped.charAt(0) == '[' && stripped.charAt(stripped.length() - 1) == ']'
                    && !stripped.substring(1, stripped.length() - 1).isBlank()) {
                String name = stripped.substring(1, stripped.length() - 1).strip();
                current = byName.computeIfAbsent(name, Section::new);
                current.times++;
                continue;
            }
            int separator = separatorOf(stripped);
            if (current == null || separator <= 0 || stripped.substring(0, separator).isBlank()) {
                throw new IniSyntaxException(source + ": not a valid INI file: parse error (at line: " + number
                    + "): " + quoted(stripped) + " (expected '[section]', 'option = value' or a comment)", null);
            }
            valueKey = stripped.substring(0, separator).strip().toLowerCase(Locale.ROOT);
            value = new ArrayList<>(1);
            value.add(stripped.substring(separator + 1).strip());
            valueIndent = indent;
            valueLine = number;
        }
        if (value != null) {
            current.add(valueKey, String.join("\n", value), valueLine);
        }
        return new IniLines(List.copyOf(byName.values()));
    }

    /** Caps the quoted line, so that an error about a huge line stays one readable line. */
    private static String quoted(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "... (" + line.length() + " characters)";
    }

    private static int separatorOf(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** {@return the start of the line after the one ending at {@code end} ({@code \r\n}, {@code \r} or {@code \n})} */
    private static int next(String text, int end) {
        if (end >= text.length()) {
            return text.length() + 1;
        }
        return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * One section: its name, how many times it appeared, every value given to each option, in order, and the
     * line each option first appeared on.
     */
    static final class Section {
        private final String name;
        private final Map<String, List<String>> options = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new LinkedHashMap<>();
        private int times;

        private Section(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        int times() {
            return times;
        }

        Map<String, List<String>> options() {
            return options;
        }

        /** {@return option name to the number (from 1) of the line it first appeared on} */
        Map<String, Integer> lines() {
            return lines;
        }

        private void add(String key, String value, int line) {
            options.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            lines.putIfAbsent(key, line);
        }
    }
}
