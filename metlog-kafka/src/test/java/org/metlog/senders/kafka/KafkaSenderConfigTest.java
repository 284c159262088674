package org.metlog.senders.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;

/** KafkaSender from INI and option maps: its options, the pass-through producer properties and their errors. */
class KafkaSenderConfigTest {
    private static final String NOWHERE = "127.0.0.1:1";

    private static Options options(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Options.of(map, "test [metlog] sender", "sender_");
    }

    @Test
    void the_defaults_are_acks_all_idempotence_a_short_linger_lz4_and_a_bounded_max_block() {
        Map<String, Object> props = KafkaSender.builder(NOWHERE, "t").producerProperties();
        assertEquals("all", props.get("acks"));
        assertEquals(true, props.get("enable.idempotence"));
        assertEquals(5, props.get("linger.ms"));
        assertEquals("lz4", props.get("compression.type"));
        assertEquals(100, props.get("max.block.ms"));
        assertEquals(NOWHERE, props.get("bootstrap.servers"));
    }

    @Test
    void a_producer_property_overrides_its_default_and_setting_acks_leaves_idempotence_to_kafka() {
        Map<String, Object> props = KafkaSender.builder(NOWHERE, "t").producerProperty("acks", "1")
            .producerProperty("linger.ms", 20).producerProperties();
        assertEquals("1", props.get("acks"));
        assertEquals(20, props.get("linger.ms"));
        assertTrue(!props.containsKey("enable.idempotence"), () -> "left to Kafka: " + props);
        KafkaSender.builder(NOWHERE, "t").producerProperty("acks", "1").build().close();
    }

    @Test
    void an_ini_file_names_the_sender_by_its_metlog_py_name_and_passes_producer_properties_through() throws Exception {
        String ini = String.join("\n", "[metlog]", "logger = app",
            "sender_class = metlog.senders.kafka.KafkaSender",
            "sender_bootstrap_servers = " + NOWHERE,
            "sender_topic = metlog",
            "sender_key = type",
            "sender_close_timeout_ms = 0",
            "sender_producer_linger.ms = 20",
            "sender_producer_compression.type = zstd", "");
        MetlogClient client = MetlogConfig.clientFromText(ini, "metlog");
        try {
            KafkaSender sender = assertInstanceOf(KafkaSender.class, client.sender());
            assertEquals("metlog", sender.topic());
            assertEquals(NOWHERE, sender.bootstrapServers());
        } finally {
            client.close();
        }
    }

    @Test
    void the_java_class_name_works_as_well_and_a_list_of_bootstrap_servers_is_joined() {
        KafkaSender sender = KafkaSender.fromConfig(options("bootstrap_servers", List.of(NOWHERE, "127.0.0.1:2"),
            "topic", "t", "close_timeout_ms", 0));
        sender.close();
        assertEquals(NOWHERE + ",127.0.0.1:2", sender.bootstrapServers());
        assertTrue(sender.toString().contains("KafkaSender(t at " + NOWHERE), sender.toString());
    }

    @Test
    void a_missing_topic_or_bootstrap_address_is_named() {
        InvalidOptionException noTopic = assertThrows(InvalidOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE)));
        assertTrue(noTopic.getMessage().contains("sender_topic"), noTopic.getMessage());
        InvalidOptionException noServers = assertThrows(InvalidOptionException.class,
            () -> KafkaSender.fromConfig(options("topic", "t")));
        assertTrue(noServers.getMessage().contains("sender_bootstrap_servers"), noServers.getMessage());
    }

    @Test
    void a_bad_key_names_the_option_the_value_and_the_accepted_forms() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE, "topic", "t", "key", "hostname")));
        assertEquals("test [metlog] sender: option sender_key = 'hostname': expected logger, type, fields.<name> or"
            + " none", e.getMessage());
    }

    @Test
    void an_option_that_is_not_a_producer_property_is_refused_by_name() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE, "topic", "t",
                "producer_linger", "5")));
        assertTrue(e.getMessage().contains("sender_producer_linger"), e.getMessage());
        assertTrue(e.getMessage().contains("not a Kafka producer property"), e.getMessage());
        UnknownOptionException typo = assertThrows(UnknownOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE, "topic", "t", "topik", "u")));
        assertTrue(typo.getMessage().contains("sender_topik"), typo.getMessage());
    }

    @Test
    void a_producer_property_the_sender_owns_is_refused() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE, "topic", "t",
                "producer_value.serializer", "x")));
        assertTrue(e.getMessage().contains("sender_producer_value.serializer"), e.getMessage());
    }

    @Test
    void a_value_kafka_refuses_is_reported_naming_the_option_and_kafkas_reason() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> KafkaSender.fromConfig(options("bootstrap_servers", NOWHERE, "topic", "t",
                "producer_acks", "banana")));
        assertTrue(e.getMessage().startsWith("test [metlog] sender: option sender_producer_acks = 'banana': expected"),
            e.getMessage());
        assertInstanceOf(ConfigurationException.class, e);
    }
}
