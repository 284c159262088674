package org.metlog.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a mistyped command or option was probably meant to be. picocli's own suggestions compare letter pairs, so
 * they miss a swap such as {@code dmeo}; this adds the names within a small edit distance (a swap of two
 * neighbouring letters counts as one edit) and the names the typed text begins.
 */
final class Suggestions {
    /** At most this many names are suggested. */
    private static final int MAX = 3;

    private Suggestions() {
    }

    /**
     * Returns the names the first unmatched argument was probably meant to be: subcommands if it looks like a
     * word, options if it looks like an option.
     *
     * @param ex the exception picocli threw for an argument it could not match
     * @return up to three names, the closest first; empty if none is close
     */
    static List<String> of(UnmatchedArgumentException ex) {
        List<String> unmatched = ex.getUnmatched();
        if (unmatched.isEmpty()) {
            return List.of();
        }
        String typed = unmatched.get(0);
        int eq = typed.indexOf('=');
        if (typed.startsWith("-") && eq > 0) {
            typed = typed.substring(0, eq);
        }
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        Set<String> names = new LinkedHashSet<>();
        if (typed.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    names.addAll(List.of(option.names()));
                }
            }
        } else {
            names.addAll(spec.subcommands().keySet());
        }
        Set<String> found = new LinkedHashSet<>(closest(typed, names));
        for (String picocli : ex.getSuggestions()) {
            if (names.contains(picocli)) {
                found.add(picocli);
            }
        }
        return new ArrayList<>(found).subList(0, Math.min(MAX, found.size()));
    }

    /** Names within two edits of {@code typed} (one for short words), or that {@code typed} begins; closest first. */
    static List<String> closest(String typed, Set<String> names) {
        String word = typed.replaceFirst("^-+", "");
        int limit = word.length() <= 3 ? 1 : 2;
        List<String> close = new ArrayList<>();
        for (String name : names) {
            String bare = name.replaceFirst("^-+", "");
            if (distance(word, bare) <= limit || (word.length() >= 3 && bare.startsWith(word))) {
                close.add(name);
            }
        }
        close.sort(Comparator.comparingInt(name -> distance(word, name.replaceFirst("^-+", ""))));
        return close;
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Prints {@code Did you mean: X?} (or {@code X or Y}) if there is a suggestion.
     *
     * @param ex     the exception picocli threw
     * @param writer where to print
     */
    static void print(ParameterException ex, PrintWriter writer) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> names = of(unmatched);
            if (!names.isEmpty()) {
                writer.println("Did you mean: " + String.join(" or ", names) + "?");
            }
        }
    }
}
