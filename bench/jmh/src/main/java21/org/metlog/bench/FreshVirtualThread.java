package org.metlog.bench;

/**
 * Starts a task on a new virtual thread: the Java 21 version of this class, compiled with {@code --release 21}
 * into {@code META-INF/versions/21} of the benchmarks jar (see the Java 17 version in {@code src/main/java}).
 */
final class FreshVirtualThread {
    private FreshVirtualThread() {
    }

    /** {@return true: this class is only loaded by a JDK 21 or later} */
    static boolean supported() {
        return true;
    }

    /**
     * @param task the task
     * @return the started virtual thread
     */
    static Thread start(Runnable task) {
        return Thread.ofVirtual().start(task);
    }

    /** {@return nothing is missing} */
    static String why() {
        return "";
    }
}
