package org.metlog.testing;

/**
 * A linked list whose {@code toString()} recurses into the next link, as an application's value may: fine for
 * short chains, a {@link StackOverflowError} for one a million links long. No cycle: only its depth is hostile.
 */
public final class DeepToString {
    private final DeepToString next;

    private DeepToString(DeepToString next) {
        this.next = next;
    }

    /** {@return a chain of {@code length} links} */
    public static DeepToString chain(int length) {
        DeepToString link = null;
        for (int i = 0; i < length; i++) {
            link = new DeepToString(link);
        }
        return link;
    }

    @Override
    public String toString() {
        return next == null ? "end" : "(" + next + ")";
    }
}
