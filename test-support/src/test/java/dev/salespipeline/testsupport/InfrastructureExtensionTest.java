package dev.salespipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

@WithInfrastructure
class InfrastructureExtensionTest {

    private final Infrastructure infrastructure;

    InfrastructureExtensionTest(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Test
    void injectsTheSharedInfrastructureWithAResolvedMode(Infrastructure parameter) {
        assertThat(parameter).isSameAs(infrastructure).isSameAs(Infrastructure.shared());
        assertThat(parameter.mode()).isNotEqualTo(InfrastructureMode.AUTO);
    }

    @Test
    void kafkaDeliversWhatWasProducedToANewConsumerGroup()
            throws InterruptedException, ExecutionException, TimeoutException {
        String bootstrapServers = infrastructure.kafkaBootstrapServers();
        String topic = "extension-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "deal-" + i, "created")).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "extension-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("deal-1", "deal-2", "deal-3");
        assertThat(records).extracting(ConsumerRecord::value).containsOnly("created");
    }

    @Test
    void postgresKeepsWhatWasInsertedInADatabaseOfTheTestsOwn() throws SQLException {
        String url = infrastructure.createPostgresDatabase("extension_test");
        assertThat(infrastructure.createPostgresDatabase("extension_test")).isEqualTo(url);
        assertThat(infrastructure.postgresJdbcUrl("extension_test")).isEqualTo(url);

        try (Connection connection = DriverManager.getConnection(url, infrastructure.postgresUsername(),
                infrastructure.postgresPassword())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists deal (id text primary key, title text not null)");
                statement.execute("delete from deal");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into deal values (?, ?)")) {
                insert.setString(1, "deal-1");
                insert.setString(2, "Forty laptops");
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet resultSet = statement.executeQuery("select id, title from deal")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString("id")).isEqualTo("deal-1");
                assertThat(resultSet.getString("title")).isEqualTo("Forty laptops");
                assertThat(resultSet.next()).isFalse();
            }
        }
    }

    @Test
    void mongoRejectsADuplicateOfAUniqueIndex() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri("extension_test"))) {
            MongoCollection<Document> deals = client.getDatabase("extension_test")
                    .getCollection("deals_" + UUID.randomUUID().toString().replace("-", ""));
            deals.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true));
            deals.insertOne(new Document("_id", "deal-1").append("externalId", "crm-42"));

            assertThatThrownBy(() -> deals.insertOne(new Document("_id", "deal-2").append("externalId", "crm-42")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(11000);
                        assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                    });
            assertThat(deals.countDocuments()).isEqualTo(1);
        }
    }
}
