package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.salespipeline.testsupport.Infrastructure;
import dev.salespipeline.testsupport.WithInfrastructure;

/** A short run of each baseline against real servers: it measures every operation and leaves nothing behind. */
@WithInfrastructure
class BaselinesTest {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void jdbcInsertsAreMeasuredFromEveryClientAndTheTableIsDropped() throws Exception {
        String url = infrastructure.createPostgresDatabase("baselines");
        String user = infrastructure.postgresUsername();
        String password = infrastructure.postgresPassword();

        Baselines.Result result = Baselines.jdbcInserts(url, user, password, 3, 90, 600, 200);

        assertThat(result.clients()).isEqualTo(3);
        assertThat(result.operations()).isEqualTo(90);
        assertThat(result.latencyMicros().count()).as("one latency per insert").isEqualTo(90);
        assertThat(result.perSecond()).isPositive();
        assertThat(result.latencyMicros().min()).isPositive();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             ResultSet tables = connection.getMetaData().getTables(null, null, "baseline_events_%", null)) {
            assertThat(tables.next()).as("the baseline table is dropped").isFalse();
        }
    }

    @Test
    void kafkaRoundTripsAreMeasuredPerRecordAndTheTopicIsDeleted() throws Exception {
        String servers = infrastructure.kafkaBootstrapServers();

        Baselines.Result result = Baselines.kafkaRoundTrips(servers, 50, 900);

        assertThat(result.operations()).isEqualTo(50);
        assertThat(result.latencyMicros().count()).isEqualTo(50);
        assertThat(result.latencyMicros().min()).as("every record came back").isPositive();
        assertThat(result.perSecond()).isPositive();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).noneMatch(topic -> topic.startsWith("baseline."));
        }
    }

    @Test
    void mongoUpsertsAreMeasuredAndTheCollectionIsDropped() {
        String uri = infrastructure.mongoUri("baselines");

        Baselines.Result result = Baselines.mongoUpserts(uri, 40, 2_000);

        assertThat(result.operations()).isEqualTo(40);
        assertThat(result.latencyMicros().count()).isEqualTo(40);
        assertThat(result.perSecond()).isPositive();
        try (MongoClient client = MongoClients.create(uri)) {
            List<String> collections = client.getDatabase("baselines").listCollectionNames().into(new ArrayList<>());
            assertThat(collections).noneMatch(name -> name.startsWith("baseline_"));
        }
    }
}
