package dev.salespipeline.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * The raw components under the system, measured the way the system uses them, so that each system figure can
 * be printed next to the speed of what it is built on:
 * <ul>
 *   <li>PostgreSQL: single-row inserts over JDBC, each its own transaction, into a table shaped like the event
 *       store's, with a payload and metadata of an event's size, from as many connections as there are
 *       clients: what appending one event per command costs without anything else.</li>
 *   <li>Kafka: a plain producer ({@code acks=all}, idempotent) sending records of an envelope's size one at a
 *       time and a plain consumer reading them: the lag from send to receipt, and the rate.</li>
 *   <li>MongoDB: replacing documents of a read model's size by id (upsert), one after the other: what one
 *       projection write costs.</li>
 * </ul>
 * Each leaves nothing behind: its table, topic or collection is dropped afterwards (the topic is deleted).
 */
final class Baselines {

    /** One baseline: how many operations, how fast, and how long each took. */
    record Result(String name, int clients, int operations, double seconds, double perSecond, Stats latencyMicros) {
    }

    private Baselines() {
    }

    /**
     * Single-row inserts of {@code rows} rows, spread over {@code clients} connections.
     *
     * @param payloadBytes  the size of each row's payload, as an event's serialized payload
     * @param metadataBytes the size of each row's metadata
     */
    static Result jdbcInserts(String url, String user, String password, int clients, int rows, int payloadBytes,
                              int metadataBytes) throws InterruptedException {
        String table = "baseline_events_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement create = admin.createStatement()) {
            create.execute("create table " + table + " (global_index bigserial primary key, "
                    + "event_identifier varchar(255) not null unique, aggregate_identifier varchar(255) not null, "
                    + "sequence_number bigint not null, type varchar(255), time_stamp varchar(255) not null, "
                    + "payload_type varchar(255) not null, payload_revision varchar(255), payload bytea not null, "
                    + "meta_data bytea, unique (aggregate_identifier, sequence_number))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline table: " + e.getMessage(), e);
        }
        byte[] payload = filler(payloadBytes);
        byte[] metadata = filler(metadataBytes);
        String sql = "insert into " + table + " (event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        runClients(clients, client -> {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 PreparedStatement insert = connection.prepareStatement(sql)) {
                connection.setAutoCommit(true);
                String aggregate = "baseline-" + client;
                long sequence = 0;
                while (next.getAndIncrement() < rows) {
                    long begun = System.nanoTime();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, aggregate);
                    insert.setLong(3, sequence++);
                    insert.setString(4, "Deal");
                    insert.setString(5, Instant.now().toString());
                    insert.setString(6, "dev.salespipeline.api.deal.DealMovedToStage");
                    insert.setString(7, "1");
                    insert.setBytes(8, payload);
                    insert.setBytes(9, metadata);
                    insert.executeUpdate();
                    latencies.add((System.nanoTime() - begun) / 1_000);
                }
            }
            return null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement drop = admin.createStatement()) {
            drop.execute("drop table " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the baseline table " + table + ": " + e.getMessage(), e);
        }
        return new Result("PostgreSQL single-row inserts (JDBC, one transaction each)", clients, rows, seconds,
                rows / seconds, Stats.of(latencies));
    }

    /**
     * {@code records} records of {@code recordBytes} each, sent one at a time (each send awaited, as the
     * publisher awaits its batch) by a plain producer to a topic of its own, and read by a plain consumer.
     * The latency is from before the send to the record's receipt.
     */
    static Result kafkaRoundTrips(String bootstrapServers, int records, int recordBytes)
            throws InterruptedException {
        String topic = "baseline." + UUID.randomUUID();
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the baseline topic: " + e.getMessage(), e);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        byte[] value = filler(recordBytes);
        long[] sentAt = new long[records];
        long[] latencies = new long[records];
        int received = 0;
        long started;
        long finished;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition);
            started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), value)).get();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ZERO)) {
                    int index = Integer.parseInt(record.key());
                    latencies[index] = (System.nanoTime() - sentAt[index]) / 1_000;
                    received++;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    int index = Integer.parseInt(record.key());
                    latencies[index] = (System.nanoTime() - sentAt[index]) / 1_000;
                    received++;
                }
            }
            finished = System.nanoTime();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a baseline record: " + e.getCause().getMessage(), e);
        } finally {
            try (Admin admin = Admin.create(adminConfig)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println("Could not delete the baseline topic " + topic + ": " + e.getMessage());
            }
        }
        if (received < records) {
            throw new IllegalStateException("only " + received + " of " + records + " baseline records came back");
        }
        double seconds = (finished - started) / 1e9;
        return new Result("Kafka plain producer (acks=all, each send awaited) to plain consumer", 1, records,
                seconds, records / seconds, Stats.of(latencies));
    }

    /**
     * {@code documents} upserts by id of documents of about {@code documentBytes}, sent as unordered bulk writes of
     * {@code perCall} each (a batched projection's write), or, with {@code insertsOnly}, inserts of new documents (a
     * rebuild's write into empty collections).
     */
    static Result mongoBulkWrites(String uri, int documents, int documentBytes, int perCall, boolean insertsOnly) {
        String collectionName = "baseline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Random random = new Random(documents);
        int calls = (documents + perCall - 1) / perCall;
        long[] latencies = new long[calls];
        long started;
        long finished;
        try (MongoClient client = MongoClients.create(uri)) {
            String database = new com.mongodb.ConnectionString(uri).getDatabase();
            MongoCollection<Document> collection = client.getDatabase(database == null ? "pipeline" : database)
                    .getCollection(collectionName);
            String text = new String(filler(documentBytes), java.nio.charset.StandardCharsets.US_ASCII);
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
            started = System.nanoTime();
            for (int call = 0; call < calls; call++) {
                List<WriteModel<Document>> writes = new ArrayList<>(perCall);
                for (int i = call * perCall; i < Math.min(documents, (call + 1) * perCall); i++) {
                    String id = insertsOnly ? "deal-" + i : "deal-" + random.nextInt(Math.max(1, documents / 2));
                    Document document = new Document("_id", id).append("version", i)
                            .append("updatedAt", Instant.now().toString()).append("body", text);
                    writes.add(insertsOnly ? new InsertOneModel<>(document)
                            : new ReplaceOneModel<>(Filters.eq("_id", id), document, upsert));
                }
                long begun = System.nanoTime();
                collection.bulkWrite(writes, unordered);
                latencies[call] = (System.nanoTime() - begun) / 1_000;
            }
            finished = System.nanoTime();
            collection.drop();
        }
        double seconds = (finished - started) / 1e9;
        return new Result(insertsOnly ? "MongoDB bulk inserts (unordered, " + perCall + " per call)"
                : "MongoDB bulk upserts by id (unordered, " + perCall + " per call)", 1, documents, seconds,
                documents / seconds, Stats.of(latencies));
    }

    /** {@code documents} upserts by id of documents of about {@code documentBytes}, one after the other. */
    static Result mongoUpserts(String uri, int documents, int documentBytes) {
        String collectionName = "baseline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Random random = new Random(documents);
        long[] latencies = new long[documents];
        long started;
        long finished;
        try (MongoClient client = MongoClients.create(uri)) {
            String database = new com.mongodb.ConnectionString(uri).getDatabase();
            MongoCollection<Document> collection = client.getDatabase(database == null ? "pipeline" : database)
                    .getCollection(collectionName);
            String text = new String(filler(documentBytes), java.nio.charset.StandardCharsets.US_ASCII);
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            started = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                long begun = System.nanoTime();
                String id = "deal-" + random.nextInt(Math.max(1, documents / 2));
                collection.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("version", i)
                        .append("updatedAt", Instant.now().toString())
                        .append("body", text), upsert);
                latencies[i] = (System.nanoTime() - begun) / 1_000;
            }
            finished = System.nanoTime();
            collection.drop();
        }
        double seconds = (finished - started) / 1e9;
        return new Result("MongoDB upserts by id (one after the other)", 1, documents, seconds, documents / seconds,
                Stats.of(latencies));
    }

    /** Printable ASCII bytes, as JSON text is. */
    private static byte[] filler(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    interface ClientWork {
        Void run(int client) throws SQLException;
    }

    private static void runClients(int clients, ClientWork work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int number = client;
                done.add(pool.submit(() -> work.run(number)));
            }
            for (Future<Void> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a baseline client failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
