package org.metlog.config;
import org.metlog.spi.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An INI text read the way Python's {@code ConfigParser} reads metlog-py's files: sections in file order, option
 * names lower-cased, values kept verbatim (no {@code %} interpolation, no {@code ${...}} expansion, no backslash
 * escapes, no inline comments), and a value continued on following lines that are indented more than its option
 * line, each continuation line joined with {@code "\n"} (blank and comment lines between them are skipped).
 * Sections and options given twice are errors, as in Python 3; an option before the first section and a line
 * that is neither a section, an option nor a comment are errors naming the line.
 *
 * <p>Deliberately not supported (metlog-py configurations do not use them): {@code %(name)s} interpolation, the
 * {@code [DEFAULT]} section's inheritance (it is an ordinary section here), options without a value, and inline
 * comments. A section name is trimmed ({@code [ metlog ]} is {@code metlog}).
 */
final class IniDocument {
    private final String source;
    private final Map<String, Map<String, String>> sections;
    private final Map<String, Map<String, Integer>> lines;

    private IniDocument(String source, Map<String, Map<String, String>> sections,
                        Map<String, Map<String, Integer>> lines) {
        this.source = source;
        this.sections = sections;
        this.lines = lines;
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
     * Reads a whole UTF-8 INI text from a stream.
     *
     * @param in     the text, UTF-8; read to its end, not closed
     * @param source names the text in messages
     * @return the document
     * @throws IniSyntaxException     if the text is not UTF-8 (naming the line) or not INI
     * @throws ConfigurationException if the stream fails
     */
    static IniDocument read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException(source + ": cannot read the configuration: " + e, e);
        }
        return parse(utf8(bytes, source), source);
    }

    /**
     * Decodes UTF-8 strictly: a byte sequence that is not UTF-8 is an error naming its line, never a U+FFFD.
     *
     * @param bytes  the text
     * @param source names the text in messages
     * @return the decoded text
     * @throws IniSyntaxException if the bytes are not UTF-8
     */
    static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalid(bytes);
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IniSyntaxException(source + ": line " + line + ": not UTF-8 (invalid byte 0x"
                + String.format("%02X", bytes[offset] & 0xFF) + " at byte " + offset
                + "); save the configuration as UTF-8", e);
        }
    }

    /** {@return the offset of the first byte that does not begin or continue a valid UTF-8 sequence} */
    private static int firstInvalid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        decoder.decode(in, out, true);
        return Math.min(in.position(), Math.max(0, bytes.length - 1));
    }

    /**
     * Reads and parses a UTF-8 INI file.
     *
     * @param file the file
     * @return the document, whose source is the file's name
     * @throws ConfigurationException if the file is missing or unreadable, not UTF-8 (naming the line), or not
     *                                INI
     */
    static IniDocument load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = utf8(Files.readAllBytes(file), file.toString());
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
        IniLines parsed = IniLines.parse(body, source);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> lines = new LinkedHashMap<>();
        for (IniLines.Section section : parsed.sections()) {
            if (section.times() > 1) {
                throw new IniSyntaxException(source + ": section [" + section.name() + "] appears "
                    + section.times() + " times; give each section once", null);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> option : section.options().entrySet()) {
                int times = option.getValue().size();
                if (times > 1) {
                    throw new IniSyntaxException(source + " [" + section.name() + "]: option " + option.getKey()
                        + " is given " + times + " times; give each option once", null);
                }
                values.put(option.getKey(), option.getValue().get(0));
            }
            sections.put(section.name(), Collections.unmodifiableMap(values));
            lines.put(section.name(), Map.copyOf(section.lines()));
        }
        return new IniDocument(source, Collections.unmodifiableMap(sections), lines);
    }

    /** {@return the name of the text, for messages} */
    String source() {
        return source;
    }

    /** {@return the section names in file order} */
    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /**
     * Returns where an option was written, for messages.
     *
     * @param section the section name
     * @param option  the option name (lower case)
     * @return {@code source:line}, or the source alone if there is no such option
     */
    String at(String section, String option) {
        Integer line = lines.getOrDefault(section, Map.of()).get(option);
        return line == null ? source : source + ":" + line;
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
