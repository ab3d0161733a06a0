package dev.salespipeline.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM {@link Infrastructure}: the mode is resolved once, each server is started on first use, and all of
 * them are stopped by a shutdown hook.
 *
 * <p>The servers are stopped at JVM exit rather than when the JUnit run ends, because Spring's test framework keeps
 * application contexts cached until JVM exit: stopping Kafka before them would leave their consumers polling a
 * broker that is gone. The hook therefore waits for the shutdown hooks of Spring first, when Spring is there.
 */
final class SharedInfrastructure implements Infrastructure, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    /** The threads of Spring Boot's and Spring's shutdown hooks, which close the cached application contexts. */
    private static final Set<String> SPRING_SHUTDOWN_HOOK_THREADS =
            Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");
    private static final Duration SPRING_SHUTDOWN_WAIT = Duration.ofSeconds(60);
    private static final Duration SPRING_HOOK_APPEARANCE = Duration.ofMillis(200);

    private static SharedInfrastructure instance;

    private final InfrastructureMode mode;
    private final Lazy<Servers.KafkaServer> kafka;
    private final Lazy<Servers.PostgresServer> postgres;
    private final Lazy<Servers.MongoServer> mongo;

    SharedInfrastructure(InfrastructureMode mode, Servers servers) {
        this.mode = mode;
        this.kafka = new Lazy<>("Kafka", servers, Servers::startKafka);
        this.postgres = new Lazy<>("PostgreSQL", servers, Servers::startPostgres);
        this.mongo = new Lazy<>("MongoDB", servers, Servers::startMongo);
    }

    static synchronized SharedInfrastructure instance() {
        if (instance == null) {
            InfrastructureMode requested = InfrastructureMode.fromSystemProperties();
            InfrastructureMode mode = resolve(requested);
            Servers servers = servers(mode);
            log.info("Test infrastructure: {} ({})", servers.description(), reason(requested, mode));
            instance = new SharedInfrastructure(mode, servers);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::closeAfterSpring, "test-infrastructure-shutdown"));
        }
        return instance;
    }

    @Override
    public InfrastructureMode mode() {
        return mode;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.get().bootstrapServers();
    }

    @Override
    public String postgresJdbcUrl(String database) {
        return postgres.get().jdbcUrl(database);
    }

    @Override
    public String createPostgresDatabase(String name) {
        return postgres.get().createDatabase(name);
    }

    @Override
    public String postgresUsername() {
        return postgres.get().username();
    }

    @Override
    public String postgresPassword() {
        return postgres.get().password();
    }

    @Override
    public String mongoUri(String database) {
        return mongo.get().uri(database);
    }

    /** Stops the servers started so far; a later use starts them again. */
    @Override
    public void close() {
        mongo.close();
        postgres.close();
        kafka.close();
    }

    private void closeAfterSpring() {
        if (isSpringPresent()) {
            awaitSpringShutdownHooks();
        }
        close();
    }

    private static boolean isSpringPresent() {
        try {
            Class.forName("org.springframework.context.ConfigurableApplicationContext", false,
                    SharedInfrastructure.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Waits for the shutdown hooks of Spring Boot and Spring to finish closing the application contexts. All hooks
     * are started together, so theirs may not be running yet when this one looks: it looks for a moment.
     */
    private static void awaitSpringShutdownHooks() {
        long deadline = System.nanoTime() + SPRING_SHUTDOWN_WAIT.toNanos();
        long lookUntil = System.nanoTime() + SPRING_HOOK_APPEARANCE.toNanos();
        try {
            List<Thread> hooks = springShutdownHooks();
            while (hooks.isEmpty() && System.nanoTime() < lookUntil) {
                Thread.sleep(10);
                hooks = springShutdownHooks();
            }
            for (Thread hook : hooks) {
                hook.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Thread> springShutdownHooks() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> SPRING_SHUTDOWN_HOOK_THREADS.contains(thread.getName()))
                .toList();
    }

    private static InfrastructureMode resolve(InfrastructureMode requested) {
        if (requested != InfrastructureMode.AUTO) {
            return requested;
        }
        return dockerAvailable() ? InfrastructureMode.CONTAINERS : InfrastructureMode.EMBEDDED;
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.debug("Testcontainers could not look for Docker", e);
            return false;
        }
    }

    private static Servers servers(InfrastructureMode mode) {
        return switch (mode) {
            case CONTAINERS -> new ContainerServers();
            case EMBEDDED -> new EmbeddedServers();
            case EXTERNAL -> new ExternalServers();
            case AUTO -> throw new IllegalArgumentException("AUTO is resolved before servers are chosen");
        };
    }

    private static String reason(InfrastructureMode requested, InfrastructureMode mode) {
        if (requested != InfrastructureMode.AUTO) {
            return MODE_PROPERTY + "=" + requested.name().toLowerCase(Locale.ROOT);
        }
        return MODE_PROPERTY + "=auto and " + (mode == InfrastructureMode.CONTAINERS
                ? "a Docker environment is available"
                : "no Docker environment was found");
    }

    /** One server, started by the first caller, and by the next one again after {@link #close()}. */
    private static final class Lazy<T extends AutoCloseable> {

        private final String name;
        private final Servers servers;
        private final Function<Servers, T> starter;
        private T server;

        Lazy(String name, Servers servers, Function<Servers, T> starter) {
            this.name = name;
            this.servers = servers;
            this.starter = starter;
        }

        synchronized T get() {
            if (server == null) {
                long started = System.nanoTime();
                server = starter.apply(servers);
                log.info("Test infrastructure: {} ready in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            }
            return server;
        }

        synchronized void close() {
            if (server == null) {
                return;
            }
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Test infrastructure: {} did not stop cleanly", name, e);
            } finally {
                server = null;
            }
        }
    }
}
