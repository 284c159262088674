package org.metlog.internal;

/**
 * The one rule for which throwables the library passes on to its caller instead of containing them: those that
 * no message can be blamed for. An {@link OutOfMemoryError} (the heap is shared: whatever used it up, the library
 * cannot tell that it was this message), an {@link InternalError} or an {@link UnknownError} (the JVM itself is
 * failing) and a {@code ThreadDeath} (a request to stop this thread) are fatal. A {@link StackOverflowError} is
 * not: it is always this thread's own recursion, into the message's data or the caller's, and unwinding to the
 * library's frame has already ended it. Stateless.
 */
public final class Fatal {
    // by name: the class is deprecated for removal since JDK 20 and must not be linked against
    private static final String THREAD_DEATH = "java.lang.ThreadDeath";

    private Fatal() {
    }

    /** {@return true if {@code error} must be rethrown (after being counted and reported), false to contain it} */
    public static boolean is(Throwable error) {
        return error instanceof VirtualMachineError && !(error instanceof StackOverflowError)
            || THREAD_DEATH.equals(error.getClass().getName());
    }

    /**
     * Rethrows {@code error} if it is fatal, else returns.
     *
     * @param error what a call into the application's code (or a component) threw
     */
    public static void rethrowIfFatal(Throwable error) {
        if (is(error)) {
            throw (Error) error;
        }
    }
}
