package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.salespipeline.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three services' real jars in their own processes on the shared infrastructure, configured as the launcher
 * configures them for the dashboard (CORS for query-service's origin, the dashboard's issuer and command-service's
 * address), with the launcher's development identity provider to sign in at. Also the demo users' tokens for
 * seeding data and reading what the API answers them.
 */
final class DashboardStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private final Map<String, String> tokens = new HashMap<>();
    private final DevIdentity identity;
    private final DevIdentityProvider provider;
    private final Path workDir;

    private DashboardStack(Path workDir) throws IOException {
        this.workDir = workDir;
        Infrastructure infrastructure = Infrastructure.shared();
        identity = DevIdentity.open(workDir);
        for (Service service : Service.values()) {
            ports.put(service, freePort());
        }
        provider = DevIdentityProvider.start(identity, freePort(), List.of(queryUrl()), Duration.ofHours(1));
        String name = "dashboard_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>();
        environment.put(DevIdentity.PUBLIC_KEY_LOCATION_VARIABLE, identity.publicKeyLocation());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("POSTGRES_URL", infrastructure.createPostgresDatabase(name));
        environment.put("POSTGRES_USER", infrastructure.postgresUsername());
        environment.put("POSTGRES_PASSWORD", infrastructure.postgresPassword());
        environment.put("MONGODB_URI", infrastructure.mongoUri(name));
        environment.put("QUERY_CONSUMER_GROUP", name + "-query");
        environment.put("STREAMS_APPLICATION_ID", name + "-analytics");
        environment.put("STREAMS_STATE_DIR", workDir.resolve("streams").toString());
        environment.put("PIPELINE_SECURITY_ALLOWED_ORIGINS", queryUrl());
        environment.put("PIPELINE_SECURITY_WEB_CLIENT_IDS", DevIdentityProvider.WEB_CLIENT_ID);
        environment.put("PIPELINE_WEB_ISSUER", provider.issuer());
        environment.put("PIPELINE_WEB_CLIENT_ID", DevIdentityProvider.WEB_CLIENT_ID);
        environment.put("PIPELINE_WEB_COMMAND_SERVICE_URL", url(Service.COMMAND));
        try {
            for (Service service : Service.values()) {
                processes.put(service, start(service, environment));
            }
            processes.forEach((service, process) -> process.awaitHealthy(ports.get(service), START_TIMEOUT));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static DashboardStack start() throws IOException {
        return new DashboardStack(Files.createTempDirectory("dashboard"));
    }

    private ServiceProcess start(Service service, Map<String, String> environment) {
        return startJar(service, ports.get(service), environment, workDir);
    }

    /** A service's jar, built by the reactor, in a process of its own on a port, logging under the work directory. */
    static ServiceProcess startJar(Service service, int port, Map<String, String> environment, Path workDir) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        Path jar = service.jar(REPO_ROOT);
        assertThat(jar).as("built by the reactor before this module's tests").isRegularFile();
        return ServiceProcess.builder(service.module(), jar)
                .jvmOptions(Arrays.asList(LauncherOptions.DEFAULT_JVM_OPTIONS.split(" ")))
                .environment(env)
                .logFile(workDir.resolve("logs").resolve(service.module() + ".log"))
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The dashboard's address. */
    String appUrl() {
        return queryUrl() + "/app/";
    }

    String queryUrl() {
        return url(Service.QUERY);
    }

    String url(Service service) {
        return "http://localhost:" + ports.get(service);
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, id -> identity.issueToken(id, Duration.ofHours(1)));
    }

    /** A request of a demo user to a service. */
    HttpResponse<String> send(String user, Service service, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("Authorization", "Bearer " + token(user));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A command that must be accepted; its answer. */
    JsonNode command(String user, String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(user, Service.COMMAND, method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** A read from query-service that must succeed. */
    JsonNode query(String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(user, Service.QUERY, "GET", path, null);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A pipeline of the default template under a new id. */
    String definePipeline() throws IOException, InterruptedException {
        String pipelineId = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        command("ada", "POST", "/pipelines/template", Map.of("pipelineId", pipelineId));
        return pipelineId;
    }

    /** Opens a deal in the first stage; returns its id. */
    String openDeal(String user, String pipelineId, String title, String owner, String amount)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("pipelineId", pipelineId, "stageId", "lead", "title", title,
                "ownerId", owner));
        if (amount != null) {
            body.put("amount", amount);
            body.put("currency", "EUR");
        }
        return command(user, "POST", "/deals", body).get("dealId").asString();
    }

    /** The size of what query-service serves at a path under the dashboard's address. */
    long appAssetBytes(String path) throws IOException, InterruptedException {
        return appAssetBytesAt(appUrl() + path);
    }

    /** The size of what query-service serves at an address, as the browser would download it the first time. */
    long appAssetBytesAt(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body().length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::close);
        provider.close();
    }
}
