package dev.salespipeline.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one node) running inside this JVM.
 *
 * <p>The log directory is formatted on first use only, so starting again on the same directory keeps the topics,
 * the records, the committed offsets and the cluster id. The client listener is {@code PLAINTEXT} on
 * {@code localhost}; the controller listener gets a free port of its own on every start, which is possible because
 * the quorum is configured statically ({@code controller.quorum.voters}) and not stored in the metadata log.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of("data/kafka"), 9092)) {
 *     String bootstrapServers = kafka.bootstrapServers(); // localhost:9092
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "localhost";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, int port, int controllerPort) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker keeping its data in {@code logDir}.
     *
     * @param logDir the log directory, created and formatted if needed
     * @param port   the client port, or 0 for a free one
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        return start(logDir, port, Map.of());
    }

    /**
     * Starts a broker keeping its data in {@code logDir}, with broker settings overriding the defaults of
     * {@link #defaultSettings}.
     *
     * @param logDir    the log directory, created and formatted if needed
     * @param port      the client port, or 0 for a free one
     * @param overrides broker configuration entries, for example {@code log.retention.hours}
     */
    public static EmbeddedKafka start(Path logDir, int port, Map<String, String> overrides) {
        long started = System.nanoTime();
        Path directory = logDir.toAbsolutePath().normalize();
        createDirectories(directory);
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();

        Map<String, String> settings = defaultSettings(directory, clientPort, controllerPort);
        settings.putAll(overrides);
        formatIfNeeded(directory, settings);

        Properties properties = new Properties();
        properties.putAll(settings);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutDownQuietly(server);
            throw new IllegalStateException("Kafka did not start in " + directory, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, directory, clientPort, controllerPort);
        log.info("Kafka listening on {} (controller on port {}, data in {}), started in {} ms",
                kafka.bootstrapServers(), controllerPort, directory, (System.nanoTime() - started) / 1_000_000);
        return kafka;
    }

    /**
     * The broker settings for a single-node development broker: everything replicated once, no rebalance delay,
     * topics created on first use, small buffers, and records kept until deleted.
     */
    public static Map<String, String> defaultSettings(Path logDir, int port, int controllerPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        settings.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", logDir.toString());

        // One node: every internal topic has one replica and one in-sync replica is enough.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "5");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");

        settings.put("group.initial.rebalance.delay.ms", "0");
        // As in production, topics are created on purpose, with their partitions and retention, by the services
        // that own them: a consumer that subscribes first must not create a one-partition topic by accident.
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        // A development broker keeps what it was given; the defaults would delete records after seven days.
        settings.put("log.retention.ms", "-1");
        // After an unclean stop the controller refuses the broker's new registration until the old session has
        // expired: a short session (heartbeats stay in-process) keeps that wait at a few seconds.
        settings.put("broker.heartbeat.interval.ms", "1000");
        settings.put("broker.session.timeout.ms", "5000");
        // Exactly-once producers (transactions v2) begin the next transaction while the broker still writes the
        // markers of the one just committed. The first write of the new transaction to a partition waits on the
        // broker for those markers at most this long (default 100 ms), then fails with CONCURRENT_TRANSACTIONS: the
        // producer waits its retry back-off and the batches behind it fail with an out-of-order sequence and are
        // sent again. On a loaded machine the markers of a commit spanning many partitions take longer than
        // 100 ms, so the broker waits longer rather than have every commit retried.
        settings.put("add.partitions.to.txn.retry.backoff.max.ms", "5000");

        // Sized for a laptop or a two-core CI machine rather than a production node.
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("background.threads", "4");
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        settings.put("log.cleaner.threads", "1");
        return settings;
    }

    /** The {@code bootstrap.servers} value for clients, {@code localhost:port}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The controller port, chosen anew on every start. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The log directory. */
    public Path logDir() {
        return logDir;
    }

    /** Shuts the broker down cleanly (flushing logs and writing a clean-shutdown marker) and waits until it has. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
    }

    private static void formatIfNeeded(Path logDir, Map<String, String> settings) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            log.debug("Kafka log directory {} is already formatted", logDir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        Path config = null;
        try {
            // The storage tool reads the broker configuration from a file only.
            config = Files.createTempFile("embedded-kafka-", ".properties");
            Properties properties = new Properties();
            properties.putAll(settings);
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "Embedded Kafka broker, written for formatting its storage");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {
                        "format", "--config", config.toString(), "--cluster-id", clusterId, "--ignore-formatted"
                }, printStream);
            }
            String message = output.toString(StandardCharsets.UTF_8).trim();
            if (exitCode != 0) {
                throw new IllegalStateException("Formatting Kafka storage in " + logDir + " failed (exit code "
                        + exitCode + "): " + message);
            }
            log.info("Formatted Kafka storage in {} for cluster {}", logDir, clusterId);
            log.debug("Storage tool output: {}", message);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker configuration for formatting " + logDir, e);
        } finally {
            if (config != null) {
                try {
                    Files.deleteIfExists(config);
                } catch (IOException e) {
                    log.debug("Could not delete {}", config, e);
                }
            }
        }
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka did not shut down cleanly after a failed start", e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
