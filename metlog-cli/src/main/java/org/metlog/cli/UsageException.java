package org.metlog.cli;

/** Bad command-line arguments: the CLI prints the usage line and exits with status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
