package org.metlog.config;
import org.metlog.spi.Options;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metlog.message.Message;
import org.metlog.spi.Sender;

/** Test sender that records every instance built and whether it was closed; option {@code name}. */
public final class ProbeSender implements Sender {
    /** Every instance built, oldest first. */
    public static final List<ProbeSender> BUILT = new CopyOnWriteArrayList<>();

    private final String name;
    private volatile boolean closed;

    private ProbeSender(String name) {
        this.name = name;
    }

    /**
     * Builds the sender.
     *
     * @param options option {@code name}
     * @return the sender
     */
    public static ProbeSender fromConfig(Options options) {
        ProbeSender sender = new ProbeSender(options.string("name", "probe"));
        BUILT.add(sender);
        return sender;
    }

    /** @return the configured name */
    public String name() {
        return name;
    }

    /** @return true once closed */
    public boolean closed() {
        return closed;
    }

    @Override
    public void send(Message message) {
    }

    @Override
    public void close() {
        closed = true;
    }
}
