package org.metlog.config;
import org.metlog.spi.ConfigurationException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.Profile;

/**
 * An INI text read the way Python's {@code ConfigParser} reads metlog-py's files: sections in file order, option
 * names lower-cased, values kept verbatim (no {@code %} interpolation, no {@code ${...}} expansion, no backslash
 * escapes), and a value continued on following lines that are indented more than its option line, each
 * continuation line joined with {@code "\n"}.
 *
 * <p>ini4j does the parsing. It knows only backslash continuation, so the text is prepared first: each
 * indented continuation line is appended to its option line behind a separator character that does not occur in
 * the text, and replaced by an empty line so that ini4j's line numbers stay right. Sections and options given
 * twice are errors, as in Python 3.
 */
final class IniDocument {
    private final String source;
    private final Map<String, Map<String, String>> sections;

    private IniDocument(String source, Map<String, Map<String, String>> sections) {
        this.source = source;
        this.sections = sections;
    }

    /**
     * Reads a whole INI text.
     *
     * @param reader the text; read to its end, not closed
     * @param source names the text in messages (a file name, or "INI text")
     * @return the document
     * @throws IniSyntaxException     if the text is not INI
     * @throws ConfigurationException if the reader fails
     */
    static IniDocument read(Reader reader, String source) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ConfigurationException(source + ": cannot read the configuration: " + e, e);
        }
        return parse(text.toString(), source);
    }

    /**
     * Reads and parses a UTF-8 INI file.
     *
     * @param file the file
     * @return the document, whose source is the file's name
     * @throws ConfigurationException if the file is missing or unreadable, or not INI
     */
    static IniDocument load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": configuration file not found", e);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read the configuration file: " + e, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses an INI text.
     *
     * @param text   the text
     * @param source names the text in messages
     * @return the document
     * @throws IniSyntaxException if the text is not INI
     */
    static IniDocument parse(String text, String source) {
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        char separator = unusedChar(body);
        Ini ini = new Ini();
        ini.setConfig(config());
        try {
            ini.load(new StringReader(joinContinuations(body, separator)));
        } catch (InvalidFileFormatException e) {
            throw new IniSyntaxException(source + ": not a valid INI file: " + e.getMessage()
                + " (expected '[section]', 'option = value' or a comment)", e);
        } catch (IOException e) {
            throw new IniSyntaxException(source + ": cannot parse the configuration: " + e, e);
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (String name : ini.keySet()) {
            List<Profile.Section> parts = ini.getAll(name);
            if (parts.size() > 1) {
                throw new IniSyntaxException(source + ": section [" + name + "] appears " + parts.size()
                    + " times; give each section once", null);
            }
            Profile.Section section = parts.get(0);
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : section.keySet()) {
                List<String> all = section.getAll(key);
                if (all.size() > 1) {
                    throw new IniSyntaxException(source + " [" + name + "]: option " + key + " is given "
                        + all.size() + " times; give each option once", null);
                }
                String value = all.get(0);
                values.put(key, value == null ? "" : value.replace(separator, '\n'));
            }
            sections.put(name, Collections.unmodifiableMap(values));
        }
        return new IniDocument(source, Collections.unmodifiableMap(sections));
    }

    private static Config config() {
        Config config = new Config();
        config.setEscape(false);          // keep backslashes (Windows paths) as written, like ConfigParser
        config.setEscapeNewline(false);   // a trailing backslash does not continue a line
        config.setTree(false);            // '/' in a section name is just a character
        config.setMultiSection(true);     // keep duplicates, to report them
        config.setMultiOption(true);
        config.setLowerCaseOption(true);  // ConfigParser lower-cases option names
        config.setLowerCaseSection(false);
        config.setEmptyOption(false);     // a line without '=' or ':' is an error, not an option
        config.setGlobalSection(false);   // an option before the first section is an error
        config.setInclude(false);
        return config;
    }

    /** Returns a character in the private use area that does not occur in {@code text}. */
    private static char unusedChar(String text) {
        for (char c = '\uE000'; c <= '\uF8FF'; c++) {
            if (text.indexOf(c) < 0) {
                return c;
            }
        }
        throw new IllegalStateException("text uses every private-use character");
    }

    /**
     * Joins continuation lines onto their option line with {@code separator}. A continuation line is a
     * non-blank, non-comment line indented more than the option line it follows (blank and comment lines in
     * between are skipped, as in Python 3's ConfigParser).
     */
    static String joinContinuations(String text, char separator) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<StringBuilder> out = new ArrayList<>(lines.length);
        int optionLine = -1;
        int optionIndent = 0;
        for (String line : lines) {
            String stripped = line.strip();
            int indent = indentOf(line);
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                out.add(new StringBuilder(line));
            } else if (optionLine >= 0 && indent > optionIndent) {
                StringBuilder target = out.get(optionLine);
                int end = target.length();
                while (end > 0 && Character.isWhitespace(target.charAt(end - 1))) {
                    end--;
                }
                target.setLength(end);
                target.append(separator).append(stripped);
                out.add(new StringBuilder());
            } else if (stripped.startsWith("[")) {
                optionLine = -1;
                out.add(new StringBuilder(line));
            } else {
                boolean isOption = stripped.indexOf('=') > 0 || stripped.indexOf(':') > 0;
                optionLine = isOption ? out.size() : -1;
                optionIndent = indent;
                out.add(new StringBuilder(line));
            }
        }
        return String.join("\n", out);
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** @return the name of the text, for messages */
    String source() {
        return source;
    }

    /** @return the section names in file order */
    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /**
     * Returns one section's options.
     *
     * @param name the section name (case-sensitive)
     * @return option name (lower case) to raw value, in file order; null if there is no such section
     */
    Map<String, String> section(String name) {
        return sections.get(name);
    }
}
