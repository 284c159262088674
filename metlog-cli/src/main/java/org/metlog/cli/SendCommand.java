package org.metlog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metlog.MetlogClient;
import org.metlog.spi.Sender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code metlog send}: sends one message described by the options. */
@Command(name = "send",
    description = {"Send one message described by the options.", "Without --config the envelope is printed on stdout (see --format); with it, it goes wherever"
        + " the file's sender sends it. Quiet unless something was not delivered."})
final class SendCommand implements Callable<Integer> {
    /** The logger of the message when the command builds the client itself. */
    static final String LOGGER = "metlog-cli";

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--type", paramLabel = "T", required = true, order = 1, description = "The message type.")
    private String type;

    @Option(names = "--payload", paramLabel = "P", defaultValue = "", order = 2,
        description = "The payload (default: empty).")
    private String payload;

    @Option(names = "--severity", paramLabel = "N", order = 3,
        description = "The severity, 0 (emergency) to 7 (debug) (default: the client's, 6 without --config).")
    private Integer severity;

    @Option(names = "--logger", paramLabel = "L", order = 4,
        description = "The logger (default: the client's, " + LOGGER + " without --config).")
    private String logger;

    @Option(names = "--field", paramLabel = "K=V", order = 5,
        description = "A field, repeatable; the value is a string and may itself contain '=' (default: none).")
    private List<String> fields = new ArrayList<>();

    @Option(names = "--format", paramLabel = "json|pretty", defaultValue = "json", order = 6,
        description = "How the envelope is printed without --config: json, one line, or pretty, indented by four"
            + " spaces (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    SendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (type.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--type must not be empty");
        }
        if (severity != null && (severity < 0 || severity > 7)) {
            throw new ParameterException(spec.commandLine(), "--severity " + severity + ": expected 0 to 7");
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String field : fields) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--field " + field + ": expected KEY=VALUE");
            }
            parsed.put(field.substring(0, eq), field.substring(eq + 1));
        }
        Path file = config.file();
        if (file != null && spec.commandLine().getParseResult().hasMatchedOption("--format")) {
            throw new ParameterException(spec.commandLine(),
                "--format is for the printed envelope; with --config the file's sender formats it");
        }
        MetlogClient client = file == null ? context.printing(LOGGER, format.formatter())
            : context.configured(file, config.section());
        Sender sender = client.sender();
        try (client) {
            client.metlog(type, logger, severity, payload, parsed);
        }
        return context.outcome(client, sender);
    }
}
