package org.metlog.senders;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A writer onto a file opened for appending that writes what it holds only on {@link #flush()}, whole or not at
 * all: if a write fails part way (a full disk), the file is truncated back to its length before the write, so the
 * file holds only whole envelopes. Not thread-safe; {@link StreamSender} calls it under its lock.
 */
final class WholeWriteFile extends Writer {
    private final FileChannel channel;
    private final StringBuilder pending = new StringBuilder();

    WholeWriteFile(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        pending.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        pending.append(text, offset, offset + length);
    }

    @Override
    public void write(int c) {
        pending.append((char) c);
    }

    @Override
    public void flush() throws IOException {
        if (pending.length() == 0) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(pending.toString());
        pending.setLength(0);
        long before = channel.size();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            try {
                channel.truncate(before);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
