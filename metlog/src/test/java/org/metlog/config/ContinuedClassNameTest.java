package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.spi.InvalidOptionException;

/**
 * Issue 11, case 14: an indented line under an option that names a class continues its value; the error is one
 * line naming the key, the file and the line of the option.
 */
class ContinuedClassNameTest {

    private static String fails(Path file) {
        String message = assertThrows(InvalidOptionException.class,
            () -> MetlogConfig.clientFromPath(file, "metlog")).getMessage();
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    @Test
    void an_indented_line_under_sender_class_is_one_line_naming_the_key_and_file_line(@TempDir Path dir)
        throws Exception {
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, "[metlog]\nlogger = app\nsender_class = metlog.senders.dev.StdoutSender\n"
            + "    extra.Thing\n");
        assertEquals(file + ":3: [metlog] option sender_class = 'metlog.senders.dev.StdoutSender' is continued on"
            + " 1 indented line ('extra.Thing'): expected one class name on one line (an indented line under an"
            + " option continues its value)", fails(file));
    }

    @Test
    void a_continued_filter_provider_names_its_section_and_line(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, "[metlog]\nsender_class = metlog.senders.DebugCaptureSender\n\n"
            + "[metlog_filter_sev]\nprovider = metlog.filters.severity_max\n  a\n  b\nseverity = 4\n");
        assertEquals(file + ":5: [metlog_filter_sev] option provider = 'metlog.filters.severity_max' is continued"
            + " on 2 indented lines ('a', ...): expected one class name on one line (an indented line under an"
            + " option continues its value)", fails(file));
    }

    @Test
    void a_continued_nested_sender_class_and_error_handler_are_refused_too(@TempDir Path dir) throws Exception {
        Path nested = dir.resolve("nested.ini");
        Files.writeString(nested, "[metlog]\nsender_class = org.metlog.senders.RouterSender\nsender_route_default"
            + " = a\n[metlog_sender_a]\nclass = metlog.senders.DebugCaptureSender\n x\n");
        assertEquals(nested + ":5: [metlog_sender_a] option class = 'metlog.senders.DebugCaptureSender' is"
            + " continued on 1 indented line ('x'): expected one class name on one line (an indented line under an"
            + " option continues its value)", fails(nested));
        Path handler = dir.resolve("handler.ini");
        Files.writeString(handler, "[metlog]\nerror_handler = com.example.Handler\n  more\n"
            + "sender_class = metlog.senders.DebugCaptureSender\n");
        assertEquals(handler + ":2: [metlog] option error_handler = 'com.example.Handler' is continued on 1"
            + " indented line ('more'): expected one class name on one line (an indented line under an option"
            + " continues its value)", fails(handler));
    }

    @Test
    void a_list_option_may_still_continue_on_indented_lines() {
        MetlogConfig.clientFromText("[metlog]\nsender_class = metlog.senders.DebugCaptureSender\n"
            + "disabled_timers = a\n    b\n", "metlog");
    }
}
