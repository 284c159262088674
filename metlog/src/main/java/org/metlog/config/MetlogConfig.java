package org.metlog.config;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.metlog.ClientRegistry;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;

/**
 * Builds and configures {@link MetlogClient}s from declarative configuration (metlog-py's
 * {@code metlog.config}): INI text (from a String, Reader, InputStream or file) or a {@code Map}.
 *
 * <pre>{@code
 * MetlogConfig.configure(Path.of("metlog.ini"), ClientHolder.registry());    // bootstrap: section [metlog]
 * MetlogClient client = MetlogConfig.clientFromPath(Path.of("metlog.ini"), "metlog");   // a standalone client
 * MetlogClient stdout = MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", "metlog.senders.dev.StdoutSender")));
 * }</pre>
 *
 * <p><b>Registries.</b> Clients by name and the global configuration (INI {@code global_*} keys, Map
 * {@code global}) belong to a {@link ClientRegistry}, which this class is always given and never looks up:
 * {@code ClientHolder.registry()} for the process-wide one. The {@code configure} methods configure a registry's
 * named clients in place. The two-argument {@code clientFrom*} methods build a standalone client and apply its
 * {@code global} values nowhere; the five-argument ones reconfigure a given client in place (or build one) and
 * apply {@code global} to the registry given, which also remembers which extension methods configuration bound.
 *
 * <p><b>INI format</b> (section {@code metlog} here; any name may be passed): {@code logger}, {@code severity},
 * {@code disabled_timers}, {@code prefix}, {@code stats_interval}, {@code error_handler}; {@code sender_class}
 * (required) and {@code sender_*} options for the sender; {@code global_*} values for the registry's
 * {@link org.metlog.GlobalConfig}; one {@code [metlog_filter_*]} section per filter ({@code provider} plus
 * options, applied in file order); one {@code [metlog_plugin_*]} section per extension method ({@code provider},
 * options, {@code override}); one {@code [metlog_sender_NAME]} section per entry of the sender's {@code senders}
 * option; a {@code [metlog_fields]} section of default fields, which every message the client builds carries.
 * Values are converted as metlog-py converts them: integers, booleans ({@code true/t/yes/on},
 * {@code false/f/no/off}), {@code ${NAME}} environment variables, and indented continuation lines to lists. See
 * {@code docs/configuration.md}.
 *
 * <p><b>Map format</b> (what the INI form converts to): the same top-level keys, {@code sender} ({@code class},
 * optional positional {@code args}, other options), {@code filters} (list of {@code [provider, options]} pairs,
 * as Lists, arrays or {@link Map.Entry}s), {@code plugins} (method name to {@code [provider, options]}),
 * {@code global}, {@code fields} (default fields: name to text, number or boolean); top-level {@code sender_*}
 * and {@code global_*} keys are moved into {@code sender} and {@code global}. Unknown keys are an error
 * (metlog-py ignored them, which turns typos into silent defaults). The input map is never modified.
 *
 * <p><b>error_handler</b> names a class implementing {@link org.metlog.spi.ErrorHandler} (public no-argument
 * constructor) or a {@code Class#method} static factory without parameters; one instance receives the delivery
 * errors of the client (when the loader builds it) and of every component the configuration builds. Without it,
 * each gets its own default handler.
 *
 * <p><b>Guarantees.</b> The error handler, sender, filters and extension methods are built completely before
 * any client is touched; if anything fails, what was built is closed, nothing is applied (not even
 * {@code global}), and a {@link ConfigurationException} names the file or section, the key, the offending value
 * and what was expected. Configuring an existing client replaces its settings in place (same object), so a
 * client kept in a {@code static final} field picks up the configuration. Extension methods bound by a client's
 * previous configuration through the same registry are replaced or, if the new configuration lacks them,
 * unbound; a method bound in code is only replaced if the plugin's {@code override} allows it. The client keeps
 * the JSON of the configuration ({@link MetlogClient#config()}).
 *
 * <p>All methods are thread-safe; they block only to read the given reader, stream or file.
 */
public final class MetlogConfig {
    private static final String TEXT = "INI text";
    private static final String STREAM = "INI stream";

    private MetlogConfig() {
    }

    // ------------------------------------------------------------------ bootstrap: a registry's named clients

    /**
     * Configures named clients of {@code registry} from sections of one UTF-8 INI file, all or nothing: every
     * section is validated and built before any client is touched. Each section configures the registry's client
     * named by its {@code logger}, or by the section name if it sets none (its logger is then the section name);
     * a client that does not exist yet is created.
     *
     * <pre>{@code
     * MetlogConfig.configure(Path.of("/etc/myapp/metlog.ini"), ClientHolder.registry());            // [metlog]
     * MetlogConfig.configure(Path.of("app.ini"), ClientHolder.registry(), "metlog", "metlog_audit"); // two
     * }</pre>
     *
     * @param file     the INI file, such as {@code metlog.ini}
     * @param registry the registry whose clients and global configuration are configured
     * @param sections the sections to load; none means {@code metlog}
     * @return section name to its configured client, in the order given
     * @throws ConfigurationException if the file cannot be read or any section is incomplete or wrong; then no
     *                                client has changed
     */
    public static Map<String, MetlogClient> configure(Path file, ClientRegistry registry, String... sections) {
        return Bootstrap.sections(IniDocument.load(file), registry, sections);
    }

    /**
     * Returns the registry's client named {@code name}, creating it unconfigured if need be, and configures it in
     * place from the map format (metlog-py's {@code get_client(name, config_dict)}). The configuration's
     * {@code logger} must be the name or be left out; left out, it is set to the name. A null or empty
     * configuration configures nothing.
     *
     * <pre>{@code
     * MetlogConfig.configure("myapp", ClientHolder.registry(), Map.of("sender", Map.of("class", "metlog.senders.dev.StdoutSender")));
     * }</pre>
     *
     * @param name     the client name, not null
     * @param registry the registry, such as {@code ClientHolder.registry()}
     * @param config   the map format; may be null; not modified
     * @return the client
     * @throws ConfigurationException if the logger differs from the name or the configuration is wrong; the
     *                                client then keeps its previous setup
     */
    public static MetlogClient configure(String name, ClientRegistry registry, Map<String, ?> config) {
        return Bootstrap.named(name, config, registry);
    }

    // ------------------------------------------------------------------ INI to client

    /**
     * Creates a standalone client from INI text (metlog-py's {@code client_from_text_config}); its
     * {@code global_*} values are checked but applied to no registry.
     *
     * @param text    the INI text
     * @param section the section that configures the client, such as {@code metlog}
     * @return a new client
     * @throws ConfigurationException if the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromText(String text, String section) {
        return clientFromText(text, section, null, null, false);
    }

    /**
     * Configures a client from INI text.
     *
     * @param text        the INI text
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param registry    receives the {@code global_*} values and remembers the methods bound; null for none
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the configuration is incomplete or wrong; {@code client} is unchanged
     */
    public static MetlogClient clientFromText(String text, String section, MetlogClient client,
                                              ClientRegistry registry, boolean clearGlobal) {
        return configure(IniDocument.parse(Objects.requireNonNull(text, "text"), TEXT), section, client, registry,
            clearGlobal);
    }

    /**
     * Creates a standalone client from INI read from {@code reader} (read to its end, not closed).
     *
     * @param reader  the INI text
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromReader(Reader reader, String section) {
        return clientFromReader(reader, section, null, null, false);
    }

    /**
     * Configures a client from INI read from {@code reader} (read to its end, not closed).
     *
     * @param reader      the INI text
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param registry    receives the {@code global_*} values and remembers the methods bound; null for none
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromReader(Reader reader, String section, MetlogClient client,
                                                ClientRegistry registry, boolean clearGlobal) {
        return configure(IniDocument.read(Objects.requireNonNull(reader, "reader"), STREAM), section, client,
            registry, clearGlobal);
    }

    /**
     * Creates a standalone client from UTF-8 INI read from {@code in} (metlog-py's
     * {@code client_from_stream_config}); the stream is read to its end, not closed.
     *
     * @param in      the INI text, UTF-8
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromStream(InputStream in, String section) {
        return clientFromStream(in, section, null, null, false);
    }

    /**
     * Configures a client from UTF-8 INI read from {@code in} (read to its end, not closed).
     *
     * @param in          the INI text, UTF-8
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param registry    receives the {@code global_*} values and remembers the methods bound; null for none
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the text cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromStream(InputStream in, String section, MetlogClient client,
                                                ClientRegistry registry, boolean clearGlobal) {
        return configure(IniDocument.read(Objects.requireNonNull(in, "in"), STREAM), section, client, registry, clearGlobal);
    }

    /**
     * Creates a standalone client from a UTF-8 INI file.
     *
     * @param file    the file, such as {@code metlog.ini}
     * @param section the section that configures the client
     * @return a new client
     * @throws ConfigurationException if the file cannot be read or the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromPath(Path file, String section) {
        return clientFromPath(file, section, null, null, false);
    }

    /**
     * Configures a client from a UTF-8 INI file.
     *
     * @param file        the file
     * @param section     the section that configures the client
     * @param client      the client to reconfigure in place, or null to create one
     * @param registry    receives the {@code global_*} values and remembers the methods bound; null for none
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the file cannot be read or the configuration is incomplete or wrong;
     *                                {@code client} is unchanged
     */
    public static MetlogClient clientFromPath(Path file, String section, MetlogClient client,
                                              ClientRegistry registry, boolean clearGlobal) {
        return configure(IniDocument.load(file), section, client, registry, clearGlobal);
    }

    // ------------------------------------------------------------------ map to client

    /**
     * Creates a standalone client from the map format (metlog-py's {@code client_from_dict_config}); its
     * {@code global} values are checked but applied to no registry.
     *
     * @param config the configuration; not modified
     * @return a new client
     * @throws ConfigurationException if the configuration is incomplete or wrong
     */
    public static MetlogClient clientFromMap(Map<String, ?> config) {
        return clientFromMap(config, null, null, false);
    }

    /**
     * Configures a client from the map format.
     *
     * @param config      the configuration; not modified
     * @param client      the client to reconfigure in place, or null to create one
     * @param registry    receives the {@code global} values and remembers the methods bound; null for none
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return {@code client}, or the new client
     * @throws ConfigurationException if the configuration is incomplete or wrong; {@code client} is unchanged
     */
    public static MetlogClient clientFromMap(Map<String, ?> config, MetlogClient client, ClientRegistry registry,
                                             boolean clearGlobal) {
        return PreparedConfig.build(config, ConfigOrigin.map()).applyOrDiscard(client, registry, clearGlobal);
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
        return IniConverter.convert(IniDocument.read(Objects.requireNonNull(in, "in"), STREAM), section, System::getenv).map();
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
        return IniConverter.convert(IniDocument.load(file), section, Objects.requireNonNull(environment, "environment"))
            .map();
    }

    private static MetlogClient configure(IniDocument doc, String section, MetlogClient client,
                                          ClientRegistry registry, boolean clearGlobal) {
        IniConverter.Converted converted = IniConverter.convert(doc, section, System::getenv);
        return PreparedConfig.build(converted.map(), converted.origin()).applyOrDiscard(client, registry,
            clearGlobal);
    }
}
