package org.metlog.decorators;

/** What an active decorator does around each call. Implementations are immutable and thread-safe. */
interface Around {
    /** The decision "inactive": the wrapped code runs as a plain call. Its methods are never called. */
    Around NONE = new Around() {
        @Override
        public Object before() {
            return null;
        }

        @Override
        public void after(Object token) {
        }

        @Override
        public String toString() {
            return "inactive";
        }
    };

    /** {@return a token handed to {@link #after(Object)}, such as a running timer context} */
    Object before();

    /**
     * Runs after the call, also when it threw. Never throws.
     *
     * @param token what {@link #before()} returned
     */
    void after(Object token);
}
