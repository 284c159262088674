package org.metlog.bench;

/**
 * Starts a task on a new virtual thread. This is the Java 17 version, which cannot: the bench module compiles at
 * release 17, and the Java 21 version of this class ({@code src/main/java21}, compiled with {@code --release 21}
 * by a JDK named by {@code -Djdk21.home=...}) goes to {@code META-INF/versions/21} of the multi-release
 * benchmarks jar, where a JDK 21 or later finds it instead of this one. No reflection on either side.
 */
final class FreshVirtualThread {
    private FreshVirtualThread() {
    }

    /** {@return false: this JVM (below 21) or this jar (built without {@code -Djdk21.home}) has no virtual threads} */
    static boolean supported() {
        return false;
    }

    /**
     * @param task the task
     * @return never
     * @throws UnsupportedOperationException always
     */
    static Thread start(Runnable task) {
        throw new UnsupportedOperationException(why());
    }

    /** {@return what is missing} */
    static String why() {
        return Runtime.version().feature() < 21
            ? "virtual threads need JDK 21 or later; this is " + Runtime.version()
            : "the benchmarks jar was built without its Java 21 classes: build it with -Djdk21.home=<a JDK 21+>"
                + " (bench/run-issue12.sh does)";
    }
}
