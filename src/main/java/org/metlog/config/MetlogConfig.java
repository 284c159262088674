package org.metlog.config;
import org.metlog.spi.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
import java.util.function.Function;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;

/**
 * Builds and configures {@link MetlogClient}s from declarative configuration (metlog-py's
 * {@code metlog.config}): INI text (from a String, Reader, InputStream or file) or a {@code Map}.
 *
 * <pre>{@code
 * MetlogClient client = MetlogConfig.clientFromPath(Path.of("metlog.ini"), "metlog");
 * MetlogConfig.clientFromPath(Path.of("metlog.ini"), "metlog", ClientHolder.get("myapp"), false); // in place
 * MetlogClient stdout = MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", "metlog.senders.dev.StdoutSender")));
 * }</pre>
 *
 * <p><b>INI format</b> (section {@code metlog} here; any name may be passed): {@code logger}, {@code severity},
 * {@code disabled_timers}, {@code prefix}; {@code sender_class} (required) and {@code sender_*} options for the
 * sender; {@code global_*} values for {@link org.metlog.ClientHolder#globalConfig()}; one
 * {@code [metlog_filter_*]} section per filter ({@code provider} plus options, applied in file order); one
 * {@code [metlog_plugin_*]} section per extension method ({@code provider}, options, {@code override}); one
 * {@code [metlog_sender_NAME]} section per entry of the sender's {@code senders} option. Values are converted
 * as metlog-py converts them: integers, booleans ({@code true/t/yes/on}, {@code false/f/no/off}), {@code ${NAME}}
 * environment variables, and indented continuation lines to lists. See {@code docs/configuration.md}.
 *
 * <p><b>Map format</b> (what the INI form converts to): {@code logger}, {@code severity},
 * {@code disabled_timers}, {@code prefix}, {@code sender} ({@code class}, optional positional {@code args}, other
 * options), {@code filters} (list of {@code [provider, options]} pairs, as Lists, arrays or
 * {@link Map.Entry}s), {@code plugins} (method name to {@code [provider, options]}), {@code global}; top-level
 * {@code sender_*} and {@code global_*} keys are moved into {@code sender} and {@code global}. Unknown keys are
 * an error (metlog-py ignored them, which turns typos into silent defaults). The input map is never modified.
 *
 * <p><b>Guarantees.</b> The sender, filters and extension methods are built completely before any client is
 * touched; if anything fails, what was built is closed, nothing is applied (not even {@code global}), and a
 * {@link ConfigurationException} names the file or section, the key, the offending value and what was expected.
 * Configuring an existing client replaces its settings in place (same object), so a client kept in a
 * {@code static final} field picks up the configuration. Extension methods bound by a client's previous
 * configuration are replaced or, if the new configuration lacks them, unbound; a method bound in code is only
 * replaced if the plugin's {@code override} allows it. The client keeps the JSON of the configuration
 * ({@link MetlogClient#config()}).
 *
 * <p>All methods are thread-safe; they block only to read the given reader, stream or file.
 */
public final class MetlogConfig {
    private static final String TEXT = "INI text";
    private static final String STREAM = "INI stream";

    private MetlogConfig() {
    }

    // ------------------------------------------------------------------ INI to client

    /**
     * Creates a client from INI text (metlog-py's {@code client_from_text_config}).
     *
     * @param text    the INI text
     * @param section the section that configures the client, such as {@code metlog}
     * @return a new client
     * @throws ConfigurationException if the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromText(String text, String section) {
        return clientFromText(text, section, null, false);
    }

    /**
     * Configures a client from INI text.
     *
     * @param text        the INI text
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the configuration is incomplete or wrong; {@code client} is unchanged
     */
    public static MetlogClient clientFromText(String text, String section, MetlogClient client,
                                              boolean clearGlobal) {
        return configure(IniDocument.parse(Objects.requireNonNull(text, "text"), TEXT), section, client,
            clearGlobal);
    }

    /**
     * Creates a client from INI read from {@code reader} (read to its end, not closed).
     *
     * @param reader  the INI text
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromReader(Reader reader, String section) {
        return clientFromReader(reader, section, null, false);
    }

    /**
     * Configures a client from INI read from {@code reader} (read to its end, not closed).
     *
     * @param reader      the INI text
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromReader(Reader reader, String section, MetlogClient client,
                                                boolean clearGlobal) {
        return configure(IniDocument.read(Objects.requireNonNull(reader, "reader"), STREAM), section, client,
            clearGlobal);
    }

    /**
     * Creates a client from UTF-8 INI read from {@code in} (metlog-py's {@code client_from_stream_config}); the
     * stream is read to its end, not closed.
     *
     * @param in      the INI text, UTF-8
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromStream(InputStream in, String section) {
        return clientFromStream(in, section, null, false);
    }

    /**
     * Configures a client from UTF-8 INI read from {@code in} (read to its end, not closed).
     *
     * @param in          the INI text, UTF-8
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromStream(InputStream in, String section, MetlogClient client,
                                                boolean clearGlobal) {
        return configure(IniDocument.read(reader(in), STREAM), section, client, clearGlobal);
    }

    /**
     * Creates a client from a UTF-8 INI file.
     *
     * @param file    the file, such as {@code metlog.ini}
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the file cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromPath(Path file, String section) {
        return clientFromPath(file, section, null, false);
    }

    /**
     * Configures a client from a UTF-8 INI file.
     *
     * @param file        the file
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the file cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromPath(Path file, String section, MetlogClient client, boolean clearGlobal) {
        return configure(document(file), section, client, clearGlobal);
    }

    // ------------------------------------------------------------------ map to client

    /**
     * Creates a client from the map format (metlog-py's {@code client_from_dict_config}).
     *
     * @param config the configuration; not modified
     * @return a new client
     * @throws ConfigurationException if the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromMap(Map<String, ?> config) {
        return clientFromMap(config, null, false);
    }

    /**
     * Configures a client from the map format.
     *
     * @param config      the configuration; not modified
     * @param client      the client to reconfigure in place, or null to create one
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the configuration is incomplete or wrong; {@code client} is unchanged
     */
    public static MetlogClient clientFromMap(Map<String, ?> config, MetlogClient client, boolean clearGlobal) {
        return apply(PreparedConfig.build(config, ConfigOrigin.map()), client, clearGlobal);
    }

    // ------------------------------------------------------------------ INI to map

    /**
     * Converts a section of INI text to the map format (metlog-py's {@code dict_from_stream_config}), reading
     * environment variables from the process environment.
     *
     * @param text    the INI text
     * @param section the section that configures the client
     * @return a new mutable map
     * @throws ConfigurationException if the text is not INI, the section is missing, or a value cannot be
     *                                converted (such as a missing environment variable)
     */
    public static Map<String, Object> mapFromText(String text, String section) {
        return mapFromText(text, section, System::getenv);
    }

    /**
     * Converts a section of INI text to the map format.
     *
     * @param text        the INI text
     * @param section     the section that configures the client
     * @param environment looks up {@code ${NAME}} references; returns null for a variable that is not set
     * @return a new mutable map
     * @throws ConfigurationException if the text is not INI, the section is missing, or a value cannot be
     *                                converted
     */
    public static Map<String, Object> mapFromText(String text, String section,
                                                  Function<String, String> environment) {
        return IniConverter.convert(IniDocument.parse(Objects.requireNonNull(text, "text"), TEXT), section,
            Objects.requireNonNull(environment, "environment")).map();
    }

    /**
     * Converts a section of INI read from {@code reader} (read to its end, not closed) to the map format.
     *
     * @param reader  the INI text
     * @param section the section that configures the client
     * @return a new mutable map
     * @throws ConfigurationException if the text cannot be read or converted
     */
    public static Map<String, Object> mapFromReader(Reader reader, String section) {
        return IniConverter.convert(IniDocument.read(Objects.requireNonNull(reader, "reader"), STREAM), section,
            System::getenv).map();
    }

    /**
     * Converts a section of UTF-8 INI read from {@code in} (read to its end, not closed) to the map format.
     *
     * @param in      the INI text, UTF-8
     * @param section the section that configures the client
     * @return a new mutable map
     * @throws ConfigurationException if the text cannot be read or converted
     */
    public static Map<String, Object> mapFromStream(InputStream in, String section) {
        return IniConverter.convert(IniDocument.read(reader(in), STREAM), section, System::getenv).map();
    }

    /**
     * Converts a section of a UTF-8 INI file to the map format.
     *
     * @param file    the file
     * @param section the section that configures the client
     * @return a new mutable map
     * @throws ConfigurationException if the file cannot be read or converted
     */
    public static Map<String, Object> mapFromPath(Path file, String section) {
        return mapFromPath(file, section, System::getenv);
    }

    /**
     * Converts a section of a UTF-8 INI file to the map format.
     *
     * @param file        the file
     * @param section     the section that configures the client
     * @param environment looks up {@code ${NAME}} references; returns null for a variable that is not set
     * @return a new mutable map
     * @throws ConfigurationException if the file cannot be read or converted
     */
    public static Map<String, Object> mapFromPath(Path file, String section, Function<String, String> environment) {
        return IniConverter.convert(document(file), section, Objects.requireNonNull(environment, "environment"))
            .map();
    }

    // ------------------------------------------------------------------ bootstrap

    /**
     * Configures the named clients of {@link ClientHolder} from sections of one INI file, all or nothing: every
     * section is validated and built before any client is touched. Each section's client is the holder's client
     * named by the section's {@code logger}, or by the section name if it sets no logger (its logger is then
     * the section name). This is what {@link ClientHolder#configure(Path, String...)} calls.
     *
     * @param file     the INI file, such as {@code metlog.ini}
     * @param sections the sections to load; none means {@code metlog}
     * @return section name to its configured client, in the order given
     * @throws ConfigurationException if any section is incomplete or wrong; then no client has changed
     */
    public static Map<String, MetlogClient> loadIntoHolder(Path file, String... sections) {
        IniDocument doc = document(file);
        List<String> names = sections == null || sections.length == 0 ? List.of("metlog") : List.of(sections);
        Map<String, PreparedConfig> prepared = new LinkedHashMap<>();
        Map<String, String> clientNames = new LinkedHashMap<>();
        try {
            for (String section : names) {
                if (prepared.containsKey(section)) {
                    throw new ConfigurationException(file + ": section [" + section + "] is listed twice");
                }
                IniConverter.Converted converted = IniConverter.convert(doc, section, System::getenv);
                Map<String, Object> config = converted.map();
                Object logger = config.get("logger");
                String name = logger == null || logger.toString().isEmpty() ? section : logger.toString();
                if (clientNames.containsValue(name)) {
                    throw new ConfigurationException(file + " [" + section + "]: client '" + name
                        + "' is also configured by another of the sections " + names);
                }
                if (logger == null || logger.toString().isEmpty()) {
                    config.put("logger", section);
                }
                prepared.put(section, PreparedConfig.build(config, converted.origin()));
                clientNames.put(section, name);
            }
            for (Map.Entry<String, PreparedConfig> e : prepared.entrySet()) {
                MetlogClient existing = ClientHolder.peek(clientNames.get(e.getKey()));
                if (existing != null) {
                    e.getValue().check(existing);
                }
            }
        } catch (RuntimeException | Error e) {
            prepared.values().forEach(PreparedConfig::discard);
            throw e;
        }
        Map<String, MetlogClient> clients = new LinkedHashMap<>();
        List<PreparedConfig> pending = new ArrayList<>(prepared.values());
        for (Map.Entry<String, PreparedConfig> e : prepared.entrySet()) {
            pending.remove(e.getValue());
            try {
                clients.put(e.getKey(), apply(e.getValue(), ClientHolder.get(clientNames.get(e.getKey())), false));
            } catch (RuntimeException | Error failure) {
                pending.forEach(PreparedConfig::discard);
                throw failure;
            }
        }
        return Collections.unmodifiableMap(clients);
    }

    private static MetlogClient configure(IniDocument doc, String section, MetlogClient client,
                                          boolean clearGlobal) {
        IniConverter.Converted converted = IniConverter.convert(doc, section, System::getenv);
        return apply(PreparedConfig.build(converted.map(), converted.origin()), client, clearGlobal);
    }

    private static MetlogClient apply(PreparedConfig config, MetlogClient client, boolean clearGlobal) {
        try {
            return config.apply(client, clearGlobal);
        } catch (RuntimeException | Error e) {
            config.discard();
            throw e;
        }
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(Objects.requireNonNull(in, "in"), StandardCharsets.UTF_8);
    }

    private static IniDocument document(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": configuration file not found", e);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read the configuration file: " + e, e);
        }
        return IniDocument.parse(text, file.toString());
    }
}
