package org.metlog.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real named pipe with a real reader process ({@code cat fifo > out}) that a test can stop with
 * {@code SIGSTOP}, so that a writer blocks in {@code write(2)} once the pipe's buffer (64 KiB on Linux) is full,
 * and resume or kill later. What the reader got is in a file the test reads line by line.
 */
public final class StoppableFifoReader implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Path dir;
    private final Path fifo;
    private final Path out;
    private final Process reader;
    private final OutputStream writer;

    private StoppableFifoReader(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.fifo = dir.resolve("fifo");
        this.out = dir.resolve("out");
        run("mkfifo", fifo.toString());
        this.reader = new ProcessBuilder("cat", fifo.toString()).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // opening a FIFO for writing waits for its reader to open it, which cat does at once
        this.writer = new FileOutputStream(fifo.toFile());
    }

    /**
     * Creates the FIFO in a new temporary directory, starts its reader and opens it for writing.
     *
     * @return the running reader
     * @throws IOException          if the FIFO or the process cannot be made
     * @throws InterruptedException if interrupted while making them
     */
    public static StoppableFifoReader start() throws IOException, InterruptedException {
        return new StoppableFifoReader(Files.createTempDirectory("metlog-fifo"));
    }

    /** {@return the FIFO's path, for a writer that opens it itself (while the reader runs: opening waits for one)} */
    public Path path() {
        return fifo;
    }

    /** {@return the writing end; owned by this object, closed by {@link #close()}} */
    public OutputStream writer() {
        return writer;
    }

    /**
     * Stops the reader ({@code SIGSTOP}) and waits until the kernel reports it stopped, so that nothing written
     * after this returns is read until {@link #resume()}.
     *
     * @throws IOException          if {@code kill} fails
     * @throws InterruptedException if interrupted
     */
    public void stop() throws IOException, InterruptedException {
        signal("-STOP");
        if (!Deadline.await(BOUND, this::isStopped)) {
            throw new AssertionError("the reader " + reader.pid() + " did not stop");
        }
    }

    /**
     * Resumes the reader ({@code SIGCONT}).
     *
     * @throws IOException          if {@code kill} fails
     * @throws InterruptedException if interrupted
     */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /**
     * Kills the reader and waits for it to exit, leaving the writing ends open: the pipe has no reader, so every
     * later write fails ({@code EPIPE}; the JVM ignores {@code SIGPIPE}), and {@link #finish()} still returns what
     * it read before.
     *
     * @throws InterruptedException if interrupted
     */
    public void kill() throws InterruptedException {
        reader.destroyForcibly();
        if (!reader.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the reader " + reader.pid() + " did not exit");
        }
    }

    /**
     * Closes the writing end (so that the reader sees the end of the stream), waits for the reader to write out
     * everything it read and exit, and returns the lines it got.
     *
     * @return every line the reader wrote, in order
     * @throws IOException          if the output cannot be read
     * @throws InterruptedException if interrupted
     */
    public List<String> finish() throws IOException, InterruptedException {
        writer.close();
        if (!reader.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the reader " + reader.pid() + " did not exit");
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** Kills the reader (a stopped one too) and removes the files. */
    @Override
    public void close() throws IOException, InterruptedException {
        reader.destroyForcibly();
        reader.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        try {
            writer.close(); // the reader is gone: a blocked writer would have failed already
        } catch (IOException e) {
            // nothing left to read it
        }
        Files.deleteIfExists(fifo);
        Files.deleteIfExists(out);
        Files.deleteIfExists(dir);
    }

    private boolean isStopped() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(reader.pid()), "stat"));
            // the state follows the command name in parentheses: "pid (cat) T ..."
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        run("kill", signal, Long.toString(reader.pid()));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
