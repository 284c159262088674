package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;

/**
 * Every INI example of the seed documents, README.md and docs/ is read by the library's own INI reader, and
 * every main section of it loads into a client; an example may fail only because it names an example class
 * that does not exist here.
 */
class IniExamplesTest {
    @org.junit.jupiter.api.io.TempDir
    static Path logs;

    private static final Path ROOT = org.metlog.testing.Project.root();
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[[^\\]]+]\\s*$");
    private static final Pattern HOST = Pattern.compile("^\\s*(sender_)?host\\s*[=:]");
    private static final Pattern OPTION = Pattern.compile("^\\s*[^\\s=:#;\\[][^=:]*[=:].*$");

    @TestFactory
    Stream<DynamicTest> every_ini_example_is_read_and_loads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example example : examples()) {
            tests.add(DynamicTest.dynamicTest(example.where(), () -> check(example)));
        }
        assertFalse(tests.isEmpty(), "no INI examples found");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> the_seed_documents_hold_the_metlog_py_examples() {
        long seeds = examples().stream().filter(e -> e.where().contains("seeds")).count();
        return Stream.of(DynamicTest.dynamicTest("at least three seed examples",
            () -> assertTrue(seeds >= 3, seeds + " seed examples")));
    }

    private static void check(Example example) {
        // the examples log to /var/log/...; here, to a temporary directory
        String text = example.text().replaceAll("/var/log/([\\w.-]+/)*",
            java.util.regex.Matcher.quoteReplacement(logs.toString() + "/"));
        text = loopbackHosts(text);
        if (!text.strip().startsWith("[")) {
            text = "[metlog]\n" + text; // a fragment of a main section
        }
        IniDocument doc = IniDocument.parse(text, example.where());
        for (String section : doc.sectionNames()) {
            if (!doc.section(section).containsKey("sender_class")) {
                continue; // a filter, plugin or nested sender section, read with its main section
            }
            try (MetlogClient client = MetlogConfig.clientFromText(text, section)) {
                assertTrue(client.isActive() || client.sender() != null);
            } catch (ComponentNotAllowedException e) {
                if (!e.getMessage().contains("unknown class '")) {
                    fail(example.where() + " [" + section + "]: " + e.getMessage() + "\n" + text, e);
                }
            } catch (ConfigurationException e) {
                // an example may name an optional part whose jar is absent (the without-optional-dependencies
                // build): that is the one other failure allowed, and it must say which dependency to add
                if (!(e.getMessage().contains(" needs ") && e.getMessage().contains("depend"))) {
                    fail(example.where() + " [" + section + "]: " + e.getMessage() + "\n" + text, e);
                }
            } catch (RuntimeException e) {
                fail(example.where() + " [" + section + "]: " + e + "\n" + text, e);
            }
        }
    }

    /**
     * Points every {@code host} option (and its continuation lines) at 127.0.0.1, so that loading an example
     * never asks a resolver about an example host name: no traffic leaves the machine.
     */
    static String loopbackHosts(String text) {
        StringBuilder out = new StringBuilder();
        boolean inHost = false;
        int hostIndent = 0;
        for (String line : text.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (inHost && !line.isBlank() && indent > hostIndent) {
                out.append(line, 0, indent).append("127.0.0.1\n");
                continue;
            }
            inHost = HOST.matcher(line).find();
            if (inHost) {
                hostIndent = indent;
                int separator = line.indexOf('=') >= 0 ? line.indexOf('=') : line.indexOf(':');
                out.append(line, 0, separator + 1).append(" 127.0.0.1\n");
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The INI blocks of the markdown files and the INI passages of the seed documents. */
    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        List<Path> markdown = new ArrayList<>();
        markdown.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : markdown) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("```ini")) {
                    int start = i + 1;
                    int end = start;
                    while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                        end++;
                    }
                    out.add(new Example(ROOT.relativize(file) + ":" + (start + 1),
                        String.join("\n", lines.subList(start, end)) + "\n"));
                    i = end;
                }
            }
        }
        Path seeds = ROOT.resolveSibling("shared").resolve("seeds");
        if (Files.isDirectory(seeds)) {
            try (Stream<Path> files = Files.list(seeds)) {
                files.filter(p -> p.getFileName().toString().matches("\\d{3}_.*\\.txt")).sorted()
                    .forEach(p -> out.addAll(passages(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Runs of INI lines that start with a {@code [metlog...]} section header. */
    private static List<Example> passages(Path file) {
        List<String> lines = read(file);
        List<Example> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).strip().startsWith("[metlog") || !SECTION.matcher(lines.get(i)).matches()) {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1;
            while (end < lines.size() && isIni(lines.get(end), lines.get(end - 1))) {
                end++;
            }
            out.add(new Example("seeds/" + file.getFileName() + ":" + (start + 1),
                String.join("\n", lines.subList(start, end)).strip() + "\n"));
            i = end;
        }
        return out;
    }

    private static boolean isIni(String line, String previous) {
        if (line.isBlank()) {
            return true;
        }
        if (SECTION.matcher(line).matches()) {
            return true;
        }
        boolean continuation = Character.isWhitespace(line.charAt(0)) && !previous.isBlank();
        return OPTION.matcher(line).matches() || continuation;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void example_hosts_are_replaced_by_the_loopback_address() {
        org.junit.jupiter.api.Assertions.assertEquals("[metlog]\nsender_host = 127.0.0.1\n  127.0.0.1\nport = 1\n\n",
            loopbackHosts("[metlog]\nsender_host = logs1\n  logs2\nport = 1\n"));
    }

    record Example(String where, String text) {
    }
}
