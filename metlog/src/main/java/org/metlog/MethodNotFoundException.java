package org.metlog;

/** Thrown by {@link MetlogClient#call(String, Object...)} when no extension method has the given name. */
public class MethodNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was looked up and what exists
     */
    public MethodNotFoundException(String message) {
        super(message);
    }
}
