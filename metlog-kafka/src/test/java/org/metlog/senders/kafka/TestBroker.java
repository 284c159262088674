package org.metlog.senders.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.metlog.testing.Ports;

/**
 * One real Kafka broker in KRaft mode (a single node that is broker and controller, Kafka's own server classes),
 * on loopback ports picked free, with its log directory in a temporary directory; shared by every test class of
 * this module (and by the Kafka benchmark, through this module's test jar): started on first use, stopped when the test JVM exits, and restartable on the same ports and data. Topics are created per test
 * with auto-creation off, so each test reads back only what it sent.
 */
public final class TestBroker {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static TestBroker shared;

    private final Map<String, Object> config;
    private final String bootstrapServers;
    private final Admin admin;
    private KafkaRaftServer server;

    private TestBroker(Map<String, Object> config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.server = startServer(config);
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** {@return the broker, started on first use} */
    public static synchronized TestBroker shared() {
        if (shared == null) {
            shared = start();
            TestBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "test-broker-stop"));
        }
        return shared;
    }

    private static TestBroker start() {
        try {
            Path dir = Files.createTempDirectory("metlog-kafka-");
            String logDir = dir.resolve("data").toString();
            int brokerPort = Ports.freeTcp();
            int controllerPort = Ports.freeTcp();
            Map<String, Object> config = new HashMap<>();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            config.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            config.put("log.dirs", logDir);
            config.put("auto.create.topics.enable", "false");
            config.put("offsets.topic.replication.factor", "1");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("group.initial.rebalance.delay.ms", "0");
            config.put("num.partitions", "1");
            config.put("controller.quorum.election.timeout.ms", "200");
            config.put("controller.quorum.fetch.timeout.ms", "400");
            config.put("num.network.threads", "1");
            config.put("num.io.threads", "2");
            config.put("background.threads", "2");
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir)).setMetadataLogDirectory(logDir)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER").run();
            return new TestBroker(config, "127.0.0.1:" + brokerPort);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
    }

    private static KafkaRaftServer startServer(Map<String, Object> config) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    /** {@return the broker's bootstrap address (loopback)} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@return a new topic with {@code partitions} partitions, created and known to the broker} */
    public String newTopic(int partitions) {
        String topic = "metlog-" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic, e);
        }
        return topic;
    }

    /** Stops the node (broker and controller) and waits until it is down. */
    synchronized void stopBroker() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Starts the node again, with the same log directories and listener ports, and waits until it serves. */
    synchronized void restartBroker() {
        server = startServer(config);
        try {
            admin.describeCluster().nodes().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not come back", e);
        }
    }

    /**
     * Reads records from the beginning of every partition of {@code topic} until {@code expected} have arrived
     * or the wait ends, then for a short while more (to see any extra).
     */
    List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, WAIT).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            long extraUntil = Long.MAX_VALUE;
            while (System.nanoTime() - deadline < 0 && System.nanoTime() - extraUntil < 0) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                if (out.size() >= expected && extraUntil == Long.MAX_VALUE) {
                    extraUntil = System.nanoTime() + Duration.ofMillis(200).toNanos();
                }
            }
        }
        return out;
    }

    /** {@return true if the topic exists} */
    boolean exists(String topic) throws Exception {
        Set<String> names = admin.listTopics().names().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return names.contains(topic);
    }

    private synchronized void stop() {
        admin.close(Duration.ofSeconds(5));
        server.shutdown();
        server.awaitShutdown();
    }
}
