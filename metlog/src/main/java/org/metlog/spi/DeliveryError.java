package org.metlog.spi;

import org.metlog.internal.Fatal;
import org.metlog.message.Message;
import org.metlog.message.Messages;

/**
 * One delivery problem, handed to an {@link ErrorHandler}: which component had it, what it was, the message it
 * concerns (if any) and the exception (if any). Immutable.
 *
 * <p>A problem is a short fixed text (for example {@code "UdpSender: the datagram queue is full"}), so that a
 * handler can group repeats of one kind by it; the details of each occurrence are in the message and the cause.
 */
public final class DeliveryError {
    /** The problem of a message whose delivery failed with an exception: {@value}. */
    public static final String SEND_FAILED = "Error sending message";

    private final String source;
    private final String problem;
    private final Message message;
    private final Throwable cause;

    private DeliveryError(String source, String problem, Message message, Throwable cause) {
        this.source = source == null ? "metlog" : source;
        this.problem = problem == null ? SEND_FAILED : problem;
        this.message = Messages.detached(message); // a handler may keep the error, and so the message
        this.cause = cause;
    }

    /**
     * Describes a problem.
     *
     * @param source  the component, such as {@code "UdpSender(127.0.0.1:5565)"}; null means {@code "metlog"}
     * @param problem a short fixed description; null means {@link #SEND_FAILED}
     * @param message the message that was not delivered, or null if the problem is not about one message
     * @param cause   the exception, or null
     * @return the error
     */
    public static DeliveryError of(String source, String problem, Message message, Throwable cause) {
        return new DeliveryError(source, problem, message, cause);
    }

    /**
     * Describes a message whose delivery failed with an exception.
     *
     * @param source  the component
     * @param message the message, may be null
     * @param cause   the exception
     * @return the error, with problem {@link #SEND_FAILED}
     */
    public static DeliveryError sendFailed(String source, Message message, Throwable cause) {
        return new DeliveryError(source, SEND_FAILED, message, cause);
    }

    /** {@return the component that had the problem, never null} */
    public String source() {
        return source;
    }

    /** {@return the short fixed description of the problem, never null} */
    public String problem() {
        return problem;
    }

    /** {@return the message that was not delivered (a copy if the client reuses its message objects), or null} */
    public Message message() {
        return message;
    }

    /** {@return the exception, or null} */
    public Throwable cause() {
        return cause;
    }

    /** {@return true if this is a message whose delivery failed with an exception ({@link #SEND_FAILED})} */
    public boolean isSendFailure() {
        return SEND_FAILED.equals(problem);
    }

    /**
     * Returns the line the standard handler prints: {@code Error sending message (<json>): <cause>} for a failed
     * message, {@code metlog: <problem>[: <cause>]} otherwise. Never throws, whatever the message or the cause
     * do when described.
     *
     * @return one line, without a line separator
     */
    public String line() {
        if (isSendFailure()) {
            return SEND_FAILED + " (" + describe(message) + "): " + describe(cause);
        }
        return "metlog: " + problem + (cause == null ? "" : ": " + describe(cause));
    }

    @Override
    public String toString() {
        return line();
    }

    private static String describe(Message message) {
        if (message == null) {
            return "no message";
        }
        try {
            return message.toJson();
        } catch (Throwable e) { // a field's toString() may throw anything; the line must still be written
            Fatal.rethrowIfFatal(e);
            return "unserializable message of type " + message.type();
        }
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        try {
            return String.valueOf(error);
        } catch (Throwable e) {
            Fatal.rethrowIfFatal(e);
            return error.getClass().getName() + " (its description failed: " + e.getClass().getName() + ")";
        }
    }
}
