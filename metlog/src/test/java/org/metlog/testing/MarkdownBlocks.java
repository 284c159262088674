package org.metlog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Reads fenced code blocks out of the docs, so that a test runs a page's example as written. */
public final class MarkdownBlocks {
    private MarkdownBlocks() {
    }

    /**
     * Returns the n-th fenced block of a language after a heading of a page under docs/.
     *
     * @param page     the file name under docs/, such as {@code senders-stats.md}
     * @param heading  the heading line exactly, such as {@code ### Tags}
     * @param language the fence's language, such as {@code ini}
     * @param index    0 for the first block of that language after the heading
     * @return the block's lines joined with newlines, ending with one
     * @throws IllegalStateException if the heading or the block is missing
     */
    public static String block(String page, String heading, String language, int index) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Project.file("docs", page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("docs/" + page + " has no heading '" + heading + "'");
        }
        int seen = 0;
        for (int i = at + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#") && !lines.get(i).startsWith("#".repeat(level(heading) + 1))) {
                break; // the next section of the same or a higher level
            }
            if (lines.get(i).equals("```" + language) && seen++ == index) {
                StringBuilder out = new StringBuilder();
                for (int j = i + 1; j < lines.size() && !lines.get(j).equals("```"); j++) {
                    out.append(lines.get(j)).append('\n');
                }
                return out.toString();
            }
        }
        throw new IllegalStateException("docs/" + page + " has no " + language + " block " + index + " under '"
            + heading + "'");
    }

    private static int level(String heading) {
        int n = 0;
        while (n < heading.length() && heading.charAt(n) == '#') {
            n++;
        }
        return n;
    }
}
