package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.spring.boot.autoconfigure.BadPropertiesTest.rootCause;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class IniLocationContextTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetlogAutoConfiguration.class));

    @TempDir
    Path dir;

    @AfterEach
    void forgetClients() {
        for (String name : List.of("ini-app", "audit", "file-app", "jar-app")) {
            MetlogClient client = ClientHolder.remove(name);
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void a_classpath_ini_configures_the_client_its_main_section_names() {
        runner.withPropertyValues("metlog.config-location=classpath:metlog-test.ini").run(context -> {
            MetlogClient client = context.getBean(MetlogClient.class);
            assertSame(client, ClientHolder.peek("ini-app"));
            assertEquals("ini-app", client.logger());
            assertEquals(5, client.severity());
            DebugCaptureSender capture = assertInstanceOf(DebugCaptureSender.class, client.sender());
            client.metlog("oldstyle", "dropped by the type_blacklist filter section");
            client.incr("kept");
            assertEquals(1, capture.decoded().size(), capture.decoded()::toString);
        });
    }

    @Test
    void metlog_section_picks_another_section_whose_name_is_then_the_clients() {
        runner.withPropertyValues("metlog.config-location=classpath:metlog-test.ini", "metlog.section=audit")
            .run(context -> {
                MetlogClient client = context.getBean(MetlogClient.class);
                assertSame(client, ClientHolder.peek("audit"));
                assertEquals("audit", client.logger());
                assertEquals(List.of(), client.filters());
            });
    }

    @Test
    void a_file_location_is_read_from_the_file_system() throws IOException {
        Path ini = Files.writeString(dir.resolve("metlog.ini"),
            "[metlog]\nlogger = file-app\nsender_class = metlog.senders.DebugCaptureSender\n");
        runner.withPropertyValues("metlog.config-location=file:" + ini).run(context ->
            assertSame(context.getBean(MetlogClient.class), ClientHolder.peek("file-app")));
    }

    @Test
    void an_ini_inside_a_jar_is_read_as_a_stream() throws IOException {
        Path jar = dir.resolve("config.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("packaged/metlog.ini"));
            zip.write("[metlog]\nlogger = jar-app\nseverity = 2\nsender_class = metlog.senders.DebugCaptureSender\n"
                .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            runner.withClassLoader(loader).withPropertyValues("metlog.config-location=classpath:packaged/metlog.ini")
                .run(context -> {
                    MetlogClient client = context.getBean(MetlogClient.class);
                    assertSame(client, ClientHolder.peek("jar-app"));
                    assertEquals(2, client.severity());
                });
        }
    }

    @Test
    void a_location_with_nothing_there_fails_the_start_naming_it() {
        runner.withPropertyValues("metlog.config-location=classpath:no-such-metlog.ini").run(context -> {
            Throwable root = rootCause(context.getStartupFailure());
            assertInstanceOf(ConfigurationException.class, root);
            assertEquals("no such resource: class path resource [no-such-metlog.ini]: expected a classpath: or file:"
                + " location of an INI file", root.getMessage());
            assertTrue(context.getStartupFailure().getMessage().contains("metlog.config-location ="
                + " 'classpath:no-such-metlog.ini': " + root.getMessage()), context.getStartupFailure()::getMessage);
        });
    }

    @Test
    void a_wrong_value_in_the_ini_fails_the_start_naming_the_file_section_option_and_value() throws IOException {
        Path ini = Files.writeString(dir.resolve("metlog.ini"),
            "[metlog]\nlogger = file-app\nseverity = loud\nsender_class = metlog.senders.DebugCaptureSender\n");
        runner.withPropertyValues("metlog.config-location=file:" + ini).run(context -> {
            Throwable root = rootCause(context.getStartupFailure());
            assertInstanceOf(InvalidOptionException.class, root);
            assertTrue(root.getMessage().contains(ini.toString()) && root.getMessage().contains("[metlog]")
                && root.getMessage().contains("severity") && root.getMessage().contains("'loud'"), root.getMessage());
        });
    }
}
