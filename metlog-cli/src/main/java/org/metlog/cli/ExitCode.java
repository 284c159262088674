package org.metlog.cli;

import org.metlog.message.DeliveryStats;

/**
 * The exit codes of the {@code metlog} command, and the rule that turns a run's delivery counters into one. The
 * texts are the ones {@code --help} prints (picocli's {@code exitCodeList} takes them as {@code "code:text"}).
 */
final class ExitCode {
    /** Every message was delivered, or dropped on purpose by a filter; also {@code --help} and {@code --version}. */
    static final int OK = 0;
    /** Not every message could be delivered (or none could), or the command failed otherwise. */
    static final int UNDELIVERED = 1;
    /** Bad arguments: the command line is wrong. */
    static final int USAGE = 2;
    /** The configuration file cannot be read, has no such section, or configures something invalid. */
    static final int CONFIGURATION = 3;

    static final String OK_HELP = "0:every message was delivered, or dropped on purpose by a filter"
        + " (also --help, --version)";
    static final String UNDELIVERED_HELP = "1:not every message could be delivered (failed, queue full, too"
        + " large), the destination does not resolve, or another failure";
    static final String USAGE_HELP = "2:usage error: unknown command or option, missing or bad value";
    static final String CONFIGURATION_HELP = "3:configuration error: FILE or its section cannot be read or is"
        + " invalid";

    private ExitCode() {
    }

    /**
     * Returns how many messages were lost against the sender's will: failed, dropped because a queue was full, or
     * dropped because they were too large. Messages a filter dropped were dropped on purpose and are not counted.
     *
     * @param stats end-to-end counters, read after the client was closed
     * @return the number of messages not delivered, not counting filtered ones
     */
    static long undelivered(DeliveryStats stats) {
        return stats.droppedQueueFull() + stats.droppedTooLarge() + stats.failed();
    }

    /**
     * Returns the exit code of a run that ended with these counters.
     *
     * @param stats end-to-end counters, read after the client was closed
     * @return {@link #OK} if nothing was lost, else {@link #UNDELIVERED}
     */
    static int of(DeliveryStats stats) {
        return undelivered(stats) == 0 ? OK : UNDELIVERED;
    }
}
