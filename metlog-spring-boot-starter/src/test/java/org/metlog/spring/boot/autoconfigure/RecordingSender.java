package org.metlog.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metlog.message.Message;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * A sender configured by name ({@code metlog.sender.class}) that records what happens to it, in order: each
 * message as {@code send <type> <name or payload>}, then {@code flush} and {@code close}. One process-wide record,
 * cleared by each test that reads it.
 */
public final class RecordingSender implements Sender {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    /**
     * {@return a recording sender; it takes no options}
     * @param options none
     */
    public static RecordingSender fromConfig(Options options) {
        options.checkAllUsed();
        return new RecordingSender();
    }

    @Override
    public void send(Message message) {
        Object name = message.fields().get("name");
        EVENTS.add("send " + message.type() + " " + (name != null ? name : message.payload()));
    }

    @Override
    public void flush() {
        EVENTS.add("flush");
    }

    @Override
    public void close() {
        EVENTS.add("close");
    }

}
