package org.metlog.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests that read README.md, docs/ or the seed documents beside it. */
public final class Project {
    private Project() {
    }

    /**
     * Returns the repository's root: the nearest directory, from the working directory (a module's) up, that
     * holds both README.md and docs/.
     *
     * @return the root
     * @throws IllegalStateException if there is none
     */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with README.md and docs/ above " + Path.of("").toAbsolutePath());
    }

    /**
     * Returns a file of the repository.
     *
     * @param first the first name under the root
     * @param more  further names
     * @return the path
     */
    public static Path file(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }
}
