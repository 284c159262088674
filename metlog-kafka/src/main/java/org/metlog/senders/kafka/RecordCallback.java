package org.metlog.senders.kafka;

import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.metlog.message.Message;
import org.metlog.senders.kafka.InFlight.Outcome;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/** One record's callback: counts its outcome once in the sender's {@link InFlight}, and reports a failure. */
final class RecordCallback implements Callback {
    private final Message message;
    private final Thread caller;
    private final InFlight inFlight;
    private final MetadataGate gate;
    private final ErrorHandler errorHandler;
    private final String name;
    private final BooleanSupplier closed;

    RecordCallback(Message message, Thread caller, InFlight inFlight, MetadataGate gate, ErrorHandler errorHandler,
                   String name, BooleanSupplier closed) {
        this.message = message;
        this.caller = caller;
        this.inFlight = inFlight;
        this.gate = gate;
        this.errorHandler = errorHandler;
        this.name = name;
        this.closed = closed;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error == null) {
            gate.open();
            inFlight.resolve(Outcome.SENT);
            return;
        }
        boolean inSend = Thread.currentThread() == caller; // the producer calls back at once for a refusal
        Failure failure = Failure.of(error, inSend, closed.getAsBoolean());
        if (failure == Failure.NO_METADATA) {
            gate.missed();
        }
        if (inFlight.resolve(failure.outcome)) {
            ErrorHandler.report(errorHandler, DeliveryError.of(name, failure.problem, message, error));
        }
    }
}
