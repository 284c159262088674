package org.metlog.senders.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

/** {@link OtlpSender} from a metlog.ini: its names, its {@code sender_*} options and their errors. */
class OtlpConfigTest {
    private final OtlpReceiver receiver = OtlpReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static MetlogClient client(String senderLines) {
        return MetlogConfig.clientFromText("[metlog]\nlogger = shop\n" + senderLines, "metlog");
    }

    @Test
    void the_metlog_py_style_name_builds_a_sender_from_its_options_that_delivers() {
        MetlogClient client = client("sender_class = metlog.senders.otlp.OtlpSender\n"
            + "sender_endpoint = " + receiver.endpoint() + "/\n"
            + "sender_service_name = checkout\n"
            + "sender_batch_size = 10\n"
            + "sender_flush_interval_ms = 3600000\n"
            + "sender_histogram_bounds = 5, 10, 25\n");
        try {
            OtlpSender sender = assertInstanceOf(OtlpSender.class, client.sender());
            assertEquals(URI.create(receiver.endpoint()), sender.endpoint(), "a trailing / is ignored");
            assertEquals("checkout", sender.serviceName());
            client.info("hello");
            client.flush();
            assertEquals(1, sender.stats().sent());
            assertEquals("checkout", OtlpSenderTest.attributes(receiver.received().get(0).logs().getResourceLogs(0)
                .getResource().getAttributesList()).get("service.name").getStringValue());
        } finally {
            client.close();
        }
    }

    @Test
    void the_java_class_name_works_too_with_every_default() {
        MetlogClient client = client("sender_class = org.metlog.senders.otlp.OtlpSender\n");
        try {
            OtlpSender sender = assertInstanceOf(OtlpSender.class, client.sender());
            assertEquals(URI.create(OtlpSender.DEFAULT_ENDPOINT), sender.endpoint());
        } finally {
            client.close();
        }
    }

    @Test
    void an_unknown_option_fails_naming_it() {
        ConfigurationException e = assertThrows(UnknownOptionException.class,
            () -> client("sender_class = metlog.senders.otlp.OtlpSender\nsender_endpiont = http://x:1\n"));
        assertTrue(e.getMessage().contains("endpiont"), e.getMessage());
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_fails_naming_key_value_and_what_was_expected() {
        ConfigurationException e = assertThrows(InvalidOptionException.class,
            () -> client("sender_class = metlog.senders.otlp.OtlpSender\nsender_endpoint = ftp://collector:21\n"));
        assertTrue(e.getMessage().contains("sender_endpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("ftp://collector:21"), e.getMessage());
        assertTrue(e.getMessage().contains("an http or https URL"), e.getMessage());
    }

    @Test
    void a_maximum_backoff_below_the_initial_one_fails_naming_both() {
        ConfigurationException e = assertThrows(InvalidOptionException.class,
            () -> client("sender_class = metlog.senders.otlp.OtlpSender\nsender_initial_backoff_ms = 2000\n"
                + "sender_max_backoff_ms = 1000\n"));
        assertTrue(e.getMessage().contains("sender_max_backoff_ms"), e.getMessage());
        assertTrue(e.getMessage().contains("initial_backoff_ms"), e.getMessage());
    }

    @Test
    void histogram_bounds_out_of_order_fail_naming_the_option() {
        ConfigurationException e = assertThrows(InvalidOptionException.class,
            () -> client("sender_class = metlog.senders.otlp.OtlpSender\nsender_histogram_bounds = 10, 5\n"));
        assertTrue(e.getMessage().contains("sender_histogram_bounds"), e.getMessage());
        assertTrue(e.getMessage().contains("strictly ascending"), e.getMessage());
    }

    @Test
    void a_batch_size_of_zero_fails_with_its_range() {
        ConfigurationException e = assertThrows(InvalidOptionException.class,
            () -> client("sender_class = metlog.senders.otlp.OtlpSender\nsender_batch_size = 0\n"));
        assertTrue(e.getMessage().contains("sender_batch_size"), e.getMessage());
    }

    @Test
    void the_builder_rejects_a_bad_endpoint_and_bounds_with_the_reason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OtlpSender.builder().endpoint("collector:4318"));
        assertTrue(e.getMessage().contains("not an http or https URL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OtlpSender.builder().histogramBounds(List.of()));
    }
}
