package org.metlog.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --name value} options, repeated options and positional arguments, for one subcommand.
 * Unknown options and missing values are usage errors.
 */
final class Args {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Set<String> flags;
    private final List<String> positional = new ArrayList<>();

    private Args(Set<String> flags) {
        this.flags = flags;
    }

    /**
     * Parses {@code args}.
     *
     * @param args         the arguments after the subcommand
     * @param valueOptions options that take a value, without the leading dashes
     * @param flags        options that take no value
     */
    static Args parse(List<String> args, Set<String> valueOptions, Set<String> flags) throws UsageException {
        Args parsed = new Args(flags);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && value == null) {
                    parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valueOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option " + arg);
                }
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    String value(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    String value(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name) && options.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    int intValue(String name, int fallback, int min, int max) throws UsageException {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " " + v + ": expected an integer from " + min + " to " + max);
    }
}
