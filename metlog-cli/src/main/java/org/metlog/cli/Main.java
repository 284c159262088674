package org.metlog.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code metlog} command line, on picocli: {@code demo}, {@code send} and {@code mb}, each with
 * {@code --help}; {@code --version}; one configuration option, {@code --config FILE [--section NAME]}, on every
 * command. {@code metlog --help} and {@code metlog COMMAND --help} describe every option with its default and list
 * the exit codes:
 *
 * <ul>
 *   <li>0: every message was delivered, or dropped on purpose by a filter (also {@code --help}, {@code --version});
 *   <li>1: not every message could be delivered, the destination does not resolve, or another failure;
 *   <li>2: usage error (printed on stderr with a suggestion for a mistyped name and the command's usage line);
 *   <li>3: configuration error ({@code --config FILE} cannot be read or is invalid).
 * </ul>
 *
 * <p>With a sender that connects in the background (ZeroMQ, UDP to a host name), the commands wait up to
 * {@link #CONNECT_WAIT} for it to be ready before sending, and closing the client gives queued messages the
 * sender's linger time to go out. What the sender could not deliver is reported on stderr once it is closed.
 */
@Command(name = "metlog", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Send Metlog messages through a metlog-java client.",
        "Sends a demo of every message kind, one message you describe, or a benchmark load, through"
        + " a client this command builds or the one a metlog-py style INI file configures (--config FILE).",
        "Run 'metlog COMMAND --help' for a command's options."},
    commandListHeading = "%nCommands:%n", parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_HELP, ExitCode.UNDELIVERED_HELP, ExitCode.USAGE_HELP, ExitCode.CONFIGURATION_HELP})
public final class Main implements Callable<Integer> {
    /** How long the CLI waits for a sender that awaits a connection before sending anyway. */
    static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    Main(PrintStream out, PrintStream err) {
        this(out, err, CliConfig::load, CONNECT_WAIT);
    }

    /** For tests: {@code loader} stands in for reading {@code --config FILE [--section NAME]}. */
    Main(PrintStream out, PrintStream err, BiFunction<Path, String, MetlogClient> loader, Duration connectWait) {
        this.context = new CliContext(out, err, loader, connectWait);
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int status = new Main(System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command; never calls {@link System#exit}.
     *
     * @param args the arguments
     * @return the exit code: 0 delivered, 1 not all delivered or another failure, 2 usage error, 3 configuration
     *         error
     */
    int run(String... args) {
        return commandLine().execute(args);
    }

    /** {@return the command line of this run: the commands, the streams and the error handling} */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.addSubcommand("demo", new DemoCommand(context));
        cl.addSubcommand("send", new SendCommand(context));
        cl.addSubcommand("mb", new MbCommand(context));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setOut(new PrintWriter(context.out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(context.err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(this::failure);
        return cl;
    }

    /** {@code metlog} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given (demo, send or mb)");
    }

    /** Prints what is wrong, a suggestion if a name looks mistyped, and the usage line; exit code 2. */
    private static int usageError(ParameterException thrown, String[] args) {
        CommandLine cl = thrown.getCommandLine();
        // picocli checks required options before it reports unknown ones; a typo (--tpye) explains both
        ParameterException ex = thrown instanceof UnmatchedArgumentException || cl.getUnmatchedArguments().isEmpty()
            ? thrown : new UnmatchedArgumentException(cl, cl.getUnmatchedArguments());
        PrintWriter err = cl.getErr();
        err.println("metlog: " + problem(ex));
        Suggestions.print(ex, err);
        Help help = cl.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeading().length()));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** {@return what is wrong, in the CLI's words for an unknown command, option or argument, else picocli's} */
    private static String problem(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                return "unknown option '" + first + "'";
            }
            return ex.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + first + "'"
                : "unknown command '" + first + "'";
        }
        return ex.getMessage().replaceFirst("^Error: ", "");
    }

    /** Prints a failure of a command as one line: exit code 3 for configuration, else 1. */
    private int failure(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int status;
        if (ex instanceof ConfigurationException) {
            err.println("metlog: configuration error: " + oneLine(ex.getMessage()));
            status = ExitCode.CONFIGURATION;
        } else {
            err.println("metlog: error: " + oneLine(String.valueOf(ex)));
            status = ExitCode.UNDELIVERED;
        }
        err.flush();
        return status;
    }

    /** {@return the text with each line break shown as {@code \n}, so that an error is always one line} */
    static String oneLine(String text) {
        return text == null ? "" : text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** {@code --version}: the version the build wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        /**
         * Returns the version of this build.
         *
         * @return {@code metlog VERSION}, or {@code metlog (unknown version)} outside a Maven build
         */
        @Override
        public String[] getVersion() {
            return new String[] {"metlog " + version()};
        }

        /** {@return the project version the build filtered into the resource, or {@code (unknown version)}} */
        static String version() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (java.io.IOException e) {
                // reported as unknown below
            }
            String version = properties.getProperty("version", "");
            return version.isEmpty() || version.contains("${") ? "(unknown version)" : version;
        }
    }
}
