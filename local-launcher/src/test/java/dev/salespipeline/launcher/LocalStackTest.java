package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import dev.salespipeline.infra.embedded.PersistenceProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void infrastructureRestartedOnTheSameDataDirectoryKeepsAllData() {
        LauncherOptions options = infrastructureOnly();

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();
            PersistenceProbe.produce(infrastructure.kafka().bootstrapServers(), "deal-events", "deal-1", "created");
            PersistenceProbe.insertRow(infrastructure.postgresUrl(), "pipeline", "pipeline", "probe", "kept");
            PersistenceProbe.insertDocument(infrastructure.mongoUri(), "deals", "deal-1", "kept");
        }

        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("mongo").resolve("pipeline.mv")).exists();
        assertThat(dataDir.resolve("logs").resolve("postgres.log")).exists();

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();
            assertThat(PersistenceProbe.consume(infrastructure.kafka().bootstrapServers(), "deal-events", 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("deal-1", "created"));
            assertThat(PersistenceProbe.readRows(infrastructure.postgresUrl(), "pipeline", "pipeline", "probe"))
                    .containsExactly("kept");
            assertThat(PersistenceProbe.readDocument(infrastructure.mongoUri(), "deals", "deal-1")).contains("kept");
        }
    }

    @Test
    void eachServerRestartedWhileTheStackRunsComesBackOnItsPortWithItsData() {
        try (LocalStack stack = new LocalStack(infrastructureOnly())) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();
            String kafka = infrastructure.kafka().bootstrapServers();
            String postgres = infrastructure.postgresUrl();
            String mongo = infrastructure.mongoUri();
            PersistenceProbe.produce(kafka, "deal-events", "deal-1", "before");
            PersistenceProbe.insertRow(postgres, "pipeline", "pipeline", "probe", "before");
            PersistenceProbe.insertDocument(mongo, "deals", "deal-1", "before");

            assertThat(InfrastructureCommands.answer(stack, "restart kafka 1")).matches("Restarted kafka in \\d+ ms");
            assertThat(InfrastructureCommands.answer(stack, "restart postgres"))
                    .matches("Restarted postgres in \\d+ ms \\(pid \\d+\\)");
            assertThat(InfrastructureCommands.answer(stack, "restart mongo")).matches("Restarted mongo in \\d+ ms");

            assertThat(infrastructure.kafka().bootstrapServers()).isEqualTo(kafka);
            assertThat(infrastructure.postgresUrl()).isEqualTo(postgres);
            assertThat(infrastructure.mongoUri()).isEqualTo(mongo);
            PersistenceProbe.produce(kafka, "deal-events", "deal-2", "after");
            assertThat(PersistenceProbe.consume(kafka, "deal-events", 2))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(tuple("deal-1", "before"), tuple("deal-2", "after"));
            PersistenceProbe.insertRow(postgres, "pipeline", "pipeline", "probe", "after");
            assertThat(PersistenceProbe.readRows(postgres, "pipeline", "pipeline", "probe"))
                    .containsExactly("before", "after");
            assertThat(PersistenceProbe.readDocument(mongo, "deals", "deal-1")).contains("before");
        }
    }

    @Test
    void aCommandItDoesNotKnowIsAnsweredWithWhatItTakes() {
        try (LocalStack stack = new LocalStack(infrastructureOnly())) {
            stack.start();
            assertThat(InfrastructureCommands.answer(stack, "reboot")).startsWith("Commands: restart kafka|postgres|mongo");
            assertThat(InfrastructureCommands.answer(stack, "restart redis"))
                    .startsWith("Could not restart redis: not a part of the infrastructure");
            assertThat(InfrastructureCommands.answer(stack, "restart mongo 100000"))
                    .isEqualTo("Could not restart mongo: seconds down must be 0 to 600");
        }
    }

    @Test
    void givesEachServiceItsPortAndTheAddressesOfTheInfrastructure() {
        try (LocalStack stack = new LocalStack(infrastructureOnly())) {
            stack.start();
            LocalInfrastructure infrastructure = stack.infrastructure();

            assertThat(stack.environment(Service.QUERY))
                    .containsEntry("SERVER_PORT", "8082")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + infrastructure.kafka().port())
                    .containsEntry("POSTGRES_URL", "jdbc:postgresql://localhost:" + infrastructure.postgres().port()
                            + "/pipeline")
                    .containsEntry("POSTGRES_USER", "pipeline")
                    .containsEntry("POSTGRES_PASSWORD", "pipeline")
                    .containsEntry("MONGODB_URI", "mongodb://localhost:" + infrastructure.mongo().port() + "/pipeline")
                    .containsEntry("STREAMS_STATE_DIR", dataDir.resolve("streams").toString())
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                            "file:" + dataDir.resolve("dev-identity").resolve("public.pem"));
            assertThat(dataDir.resolve("dev-identity").resolve("public.pem")).content()
                    .startsWith("-----BEGIN PUBLIC KEY-----");
            // every service trusts the same development issuer, streams-analytics as much as the other two
            assertThat(Service.values()).allSatisfy(service -> assertThat(stack.environment(service))
                    .containsEntry(DevIdentity.PUBLIC_KEY_LOCATION_VARIABLE, stack.identity().publicKeyLocation()));
            assertThat(stack.services()).isEmpty();
        }
    }

    @Test
    void tellsTheServicesAboutTheDashboardAndItsIdentityProvider() throws Exception {
        try (LocalStack stack = new LocalStack(infrastructureOnly())) {
            stack.start();
            String issuer = stack.identityProvider().issuer();

            assertThat(issuer).isEqualTo("http://localhost:" + stack.identityProvider().port());
            assertThat(stack.environment(Service.QUERY))
                    .containsEntry("PIPELINE_SECURITY_ALLOWED_ORIGINS", "http://localhost:8082")
                    .containsEntry("PIPELINE_SECURITY_WEB_CLIENT_IDS", "sales-pipeline-web")
                    .containsEntry("PIPELINE_WEB_ISSUER", issuer)
                    .containsEntry("PIPELINE_WEB_CLIENT_ID", "sales-pipeline-web")
                    .containsEntry("PIPELINE_WEB_COMMAND_SERVICE_URL", "http://localhost:8081");
            assertThat(stack.environment(Service.COMMAND))
                    .containsEntry("PIPELINE_SECURITY_ALLOWED_ORIGINS", "http://localhost:8082")
                    .containsEntry("PIPELINE_SECURITY_WEB_CLIENT_IDS", "sales-pipeline-web")
                    .doesNotContainKeys("PIPELINE_WEB_ISSUER", "PIPELINE_WEB_CLIENT_ID");
            assertThat(stack.environment(Service.ANALYTICS)).doesNotContainKeys("PIPELINE_SECURITY_ALLOWED_ORIGINS",
                    "PIPELINE_SECURITY_WEB_CLIENT_IDS", "PIPELINE_WEB_ISSUER");
            // the services keep verifying with the public key, not by discovery at the provider
            assertThat(stack.environment(Service.QUERY)).doesNotContainKeys(
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");

            HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(issuer + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.body()).contains("\"issuer\":\"" + issuer + "\"");
            assertThat(stack.identityProvider().redirectUris())
                    .containsExactly("http://localhost:8082/app/", "http://localhost:8082/app/index.html");

            // without query-service there is no dashboard to point at
            List<String> lines = summary(stack);
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("identity provider", issuer));
            assertThat(lines).noneMatch(line -> line.startsWith("Dashboard:"));
        }
    }

    @Test
    void theSummaryListsTheIdentityProviderAndEndsWithTheDashboard() throws Exception {
        // query-service played by the fake service, which answers its health check
        Path repoRoot = dataDir.resolve("repo");
        ServiceProcessTest.packageFakeService(Service.QUERY.jar(repoRoot));
        int queryPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            queryPort = socket.getLocalPort();
        }
        LauncherOptions options = LauncherOptions.parse(new String[] {
                "--data-dir=" + dataDir, "--repo-root=" + repoRoot, "--services=query", "--query-port=" + queryPort,
                "--kafka-port=0", "--postgres-port=0", "--mongo-port=0", "--identity-port=0",
                "--service-jvm-options=-Xmx32m -XX:TieredStopAtLevel=1", "--startup-timeout=60"
        }, new Properties());

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();
            List<String> lines = summary(stack);

            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains("identity provider", stack.identityProvider().issuer(), "sales-pipeline-web"));
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains("query-service", "http://localhost:" + queryPort));
            assertThat(lines.get(lines.size() - 3)).startsWith("Started in 1.2 s");
            assertThat(lines.get(lines.size() - 2)).isEqualTo("Dashboard: http://localhost:" + queryPort + "/app/");
            assertThat(lines.get(lines.size() - 1)).startsWith("Press Ctrl-C");
        }
    }

    @Test
    void runsSeveralInstancesOfAServiceEachOnItsPortAndRestartsOneThatWasKilled() throws Exception {
        Path repoRoot = dataDir.resolve("repo");
        ServiceProcessTest.packageFakeService(Service.QUERY.jar(repoRoot));
        ServiceProcessTest.packageFakeService(Service.ANALYTICS.jar(repoRoot));
        ServiceProcessTest.packageFakeService(Service.COMMAND.jar(repoRoot));
        int basePort = TestPorts.freeRunForTwoInstances();
        LauncherOptions options = LauncherOptions.parse(new String[] {
                "--data-dir=" + dataDir, "--repo-root=" + repoRoot, "--services=command,query,analytics",
                "--instances=command=2,query=2,analytics=2", "--command-port=" + basePort,
                "--query-port=" + (basePort + 1), "--analytics-port=" + (basePort + 2),
                "--kafka-port=0", "--postgres-port=0", "--mongo-port=0", "--identity-port=0",
                "--service-jvm-options=-Xmx32m -XX:TieredStopAtLevel=1", "--startup-timeout=60"
        }, new Properties());
        ServiceInstance secondQuery = new ServiceInstance(Service.QUERY, 2);

        try (LocalStack stack = new LocalStack(options)) {
            stack.start();

            assertThat(stack.instances().keySet()).extracting(ServiceInstance::name).containsExactly(
                    "command-service", "command-service-2", "query-service", "query-service-2",
                    "streams-analytics", "streams-analytics-2");
            assertThat(stack.environment(secondQuery)).containsEntry("SERVER_PORT", Integer.toString(basePort + 11));
            assertThat(stack.environment(new ServiceInstance(Service.ANALYTICS, 2)))
                    .containsEntry("STREAMS_STATE_DIR", dataDir.resolve("streams-2").toString());
            assertThat(stack.environment(Service.ANALYTICS))
                    .containsEntry("STREAMS_STATE_DIR", dataDir.resolve("streams").toString());
            // a deal may be changed through either command-service: neither may keep a copy of it
            assertThat(stack.environment(new ServiceInstance(Service.COMMAND, 2)))
                    .containsEntry("PIPELINE_DEALS_CACHE", "false");
            // the dashboard is served by each query-service, and signs in and sends commands from each
            String origins = "http://localhost:" + (basePort + 1) + ",http://localhost:" + (basePort + 11);
            assertThat(stack.environment(Service.COMMAND)).containsEntry("PIPELINE_SECURITY_ALLOWED_ORIGINS", origins);
            assertThat(stack.environment(secondQuery)).containsEntry("PIPELINE_SECURITY_ALLOWED_ORIGINS", origins);
            assertThat(stack.identityProvider().redirectUris()).contains(
                    "http://localhost:" + (basePort + 11) + "/app/");
            assertThat(summary(stack)).anySatisfy(line -> assertThat(line)
                    .contains("query-service-2", "http://localhost:" + (basePort + 11), "log logs/query-service-2.log"));
            assertThat(dataDir.resolve("logs").resolve("streams-analytics-2.log")).exists();

            ServiceProcess killed = stack.instances().get(secondQuery);
            stack.kill(secondQuery);
            assertThat(killed.isAlive()).isFalse();
            assertThat(killed.logTail(5)).noneMatch(line -> line.contains("graceful shutdown"));
            assertThat(stack.instances().get(ServiceInstance.first(Service.QUERY)).isAlive()).isTrue();

            ServiceProcess restarted = stack.restart(secondQuery);
            assertThat(restarted.pid()).isNotEqualTo(killed.pid());
            assertThat(stack.instances().get(secondQuery)).isSameAs(restarted);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + (basePort + 11) + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }


    @Test
    void closingTwiceIsHarmlessAndLeavesNothingListening() {
        LocalStack stack = new LocalStack(infrastructureOnly());
        stack.start();
        LocalInfrastructure infrastructure = stack.infrastructure();
        List<Integer> ports = List.of(infrastructure.kafka().port(), infrastructure.postgres().port(),
                infrastructure.mongo().port(), stack.identityProvider().port());

        stack.close();
        stack.close();

        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        assertThat(ports).allSatisfy(port -> assertThatThrownBy(() -> new Socket("localhost", port).close())
                .isInstanceOf(ConnectException.class));
    }

    /** The launcher's summary, its lines without the blank one at the end. */
    private static List<String> summary(LocalStack stack) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalLauncher.printSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8), stack, 1234);
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing().lines().toList();
    }

    private LauncherOptions infrastructureOnly() {
        return LauncherOptions.parse(new String[] {
                "--data-dir=" + dataDir, "--services=none", "--kafka-port=0", "--postgres-port=0", "--mongo-port=0",
                "--identity-port=0"
        }, new Properties());
    }
}
