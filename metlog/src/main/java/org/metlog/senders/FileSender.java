package org.metlog.senders;
import org.metlog.spi.Formatter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.metlog.spi.Options;

/**
 * Appends each message to a file (metlog-py's {@code metlog.senders.dev.FileSender}), as 4-space-indented JSON
 * followed by a newline unless a formatter is given. The file is created if missing and never truncated. Each
 * envelope is written whole or not at all: a write that fails part way (a full disk) is cut back off the file,
 * so the file holds only whole envelopes.
 *
 * <p>Configuration options: {@code filepath} (required) and {@code formatter}.
 */
public final class FileSender extends StreamSender {
    private final Path path;

    /**
     * Opens {@code path} for appending, with the default formatter.
     *
     * @param path the file
     * @throws UncheckedIOException if the file cannot be opened
     */
    public FileSender(Path path) {
        this(path, null);
    }

    /**
     * Opens {@code path} for appending.
     *
     * @param path      the file
     * @param formatter the formatter, or null for 4-space-indented JSON
     * @throws UncheckedIOException if the file cannot be opened
     */
    public FileSender(Path path, Formatter formatter) {
        super(open(path), formatter, String.valueOf(path));
        this.path = path;
    }

    private static WholeWriteFile open(Path path) {
        try {
            return new WholeWriteFile(java.nio.channels.FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending: " + reason(path, e), e);
        }
    }

    /** {@return why a file could not be opened, in words: no such directory, permission denied, ...} */
    static String reason(Path path, IOException e) {
        Path parent = path.toAbsolutePath().getParent();
        if (e instanceof java.nio.file.NoSuchFileException && parent != null && !Files.isDirectory(parent)) {
            return "no such directory " + parent;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(e);
    }

    /**
     * Builds the sender from configuration options {@code filepath} and {@code formatter}.
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.spi.InvalidOptionException if {@code filepath} is missing or cannot be opened
     */
    public static FileSender fromConfig(Options options) {
        Options bound = options.bindPositional("filepath", "formatter");
        String filepath = bound.string("filepath");
        try {
            return new FileSender(Path.of(filepath), formatter(bound));
        } catch (UncheckedIOException | java.nio.file.InvalidPathException e) {
            throw bound.invalid("filepath", filepath, "a file that can be opened for appending (" + e.getMessage()
                + ")");
        }
    }

    /** {@return the file this sender appends to} */
    public Path path() {
        return path;
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        closeWriter();
    }
}
