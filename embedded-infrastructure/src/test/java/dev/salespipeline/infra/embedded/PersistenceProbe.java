package dev.salespipeline.infra.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * Writes and reads back a Kafka record, a PostgreSQL row and a MongoDB document through the official clients, for
 * tests that check what a server keeps across a restart. Shared with other modules through this module's test jar.
 */
public final class PersistenceProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private PersistenceProbe() {
    }

    /** Sends a record and waits until the broker has acknowledged it on all in-sync replicas. */
    public static void produce(String bootstrapServers, String topic, String key, String value) {
        createTopic(bootstrapServers, topic);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /** Creates {@code topic} with one partition unless it exists: the brokers do not create topics on demand. */
    private static void createTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not create " + topic, e);
        }
    }

    /** Reads {@code topic} from the beginning, as a new consumer group, until {@code expected} records came. */
    public static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Inserts {@code value} into a one-column table, creating the table if needed. */
    public static void insertRow(String jdbcUrl, String username, String password, String table, String value) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists " + table + " (value text not null)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?)")) {
                insert.setString(1, value);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not insert into " + table, e);
        }
    }

    /** The values of a table written by {@link #insertRow}, in insertion order. */
    public static List<String> readRows(String jdbcUrl, String username, String password, String table) {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery("select value from " + table + " order by ctid")) {
            while (resultSet.next()) {
                values.add(resultSet.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + table, e);
        }
        return values;
    }

    /** Stores {@code {_id: id, value: value}} in a collection of the database named by the connection string. */
    public static void insertDocument(String connectionString, String collection, String id, String value) {
        try (MongoClient client = MongoClients.create(connectionString)) {
            collection(client, connectionString, collection).insertOne(new Document("_id", id).append("value", value));
        }
    }

    /** The value of the document written by {@link #insertDocument}, if it is there. */
    public static Optional<String> readDocument(String connectionString, String collection, String id) {
        try (MongoClient client = MongoClients.create(connectionString)) {
            Document document = collection(client, connectionString, collection).find(Filters.eq("_id", id)).first();
            return Optional.ofNullable(document).map(found -> found.getString("value"));
        }
    }

    private static MongoCollection<Document> collection(MongoClient client, String connectionString, String name) {
        String database = new com.mongodb.ConnectionString(connectionString).getDatabase();
        return client.getDatabase(database).getCollection(name);
    }
}
