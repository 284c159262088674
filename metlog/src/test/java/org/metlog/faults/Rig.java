package org.metlog.faults;

/** Builds one sender with real parts for each {@link Shape}; says in its javadoc what each shape means for it. */
interface Rig {
    /** {@return the sender's name, for the test's display name} */
    String name();

    /**
     * Builds the sender and its receiver in the given shape.
     *
     * @param shape what goes wrong
     * @return the cell, ready for a client
     */
    Cell open(Shape shape) throws Exception;
}
