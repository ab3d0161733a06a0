package dev.salespipeline.launcher;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the launcher runs: the {@link LocalInfrastructure}, the service processes, which trust the tokens of
 * the {@link DevIdentity} in the data directory, and the {@link DevIdentityProvider} where the web dashboard signs in
 * to get such tokens. {@link #close()} may be
 * called from another thread (a shutdown hook) while {@link #start()} is still under way; it then stops what has been
 * started so far, and {@code start()} gives up.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * The activity webhook's secret for the source system {@code devphone} on the local stack, for trying the
     * webhook by hand (see the README). Local use only: production sets its own per source.
     */
    public static final String DEV_WEBHOOK_SECRET = "local-development-webhook-secret";

    /** The system property on each service process's command line that names its instance. */
    public static final String INSTANCE_PROPERTY = "pipeline.instance";

    private final LauncherOptions options;
    private final Map<ServiceInstance, ServiceProcess> services = new TreeMap<>();
    private DevIdentity identity;
    private DevIdentityProvider identityProvider;
    private LocalInfrastructure infrastructure;
    private boolean closed;

    public LocalStack(LauncherOptions options) {
        this.options = options;
    }

    /**
     * Opens the development identity (generating its key pair the first time), starts its identity provider, the
     * infrastructure, then the services, and waits for the services to report UP.
     *
     * @throws ServiceProcess.ServiceStartException if a service dies or does not come up in time
     * @throws IllegalStateException                if the stack was closed meanwhile
     */
    public void start() {
        for (Service service : options.serviceList()) {
            if (!Files.isRegularFile(service.jar(options.repoRoot()))) {
                throw new ServiceProcess.ServiceStartException("No jar for " + service.module() + " at "
                        + service.jar(options.repoRoot()) + ": build the services first (mvn -DskipTests package), "
                        + "point --repo-root at the repository, or leave the service out with --services");
            }
        }
        // the services are told where its public key is, so it must exist before they start
        DevIdentity devIdentity = DevIdentity.open(options.dataDir());
        if (devIdentity.keyPairCreated()) {
            log.info("Generated the development key pair that signs the services' tokens in {}", devIdentity.directory());
        }
        DevIdentityProvider provider = DevIdentityProvider.start(devIdentity, options.identityPort(),
                dashboardOrigins(), options.webTokenLifetime());
        synchronized (this) {
            identity = devIdentity;
            identityProvider = provider;
            if (closed) {
                provider.close();
                throw new IllegalStateException("Stopped while starting");
            }
        }
        LocalInfrastructure started = LocalInfrastructure.start(options.dataDir(), options.kafkaPort(),
                options.postgresPort(), options.mongoPort());
        synchronized (this) {
            if (closed) {
                started.close();
                throw new IllegalStateException("Stopped while starting");
            }
            infrastructure = started;
        }
        for (ServiceInstance instance : options.instanceList()) {
            launch(instance);
        }
        awaitServicesHealthy(options.startupTimeout());
    }

    private ServiceProcess launch(ServiceInstance instance) {
        ServiceProcess process = ServiceProcess.builder(instance.name(), instance.service().jar(options.repoRoot()))
                .jvmOptions(options.serviceJvmOptions())
                // names the instance on its command line, for ps, kill and the fault run
                .jvmOptions(List.of("-D" + INSTANCE_PROPERTY + "=" + instance.name()))
                .environment(environment(instance))
                .workingDirectory(options.repoRoot())
                .logFile(options.logDir().resolve(instance.name() + ".log"))
                .start();
        synchronized (this) {
            if (closed) {
                process.close();
                throw new IllegalStateException("Stopped");
            }
            services.put(instance, process);
        }
        return process;
    }

    /**
     * Kills an instance at once ({@code kill -9}: no graceful shutdown, no released claims or consumer groups left
     * cleanly), as a crash would.
     */
    public void kill(ServiceInstance instance) {
        ServiceProcess process = process(instance);
        process.kill();
    }

    /** Starts an instance that was killed or stopped again, with the same settings, and waits until it is UP. */
    public ServiceProcess restart(ServiceInstance instance) {
        ServiceProcess old = process(instance);
        old.close();
        ServiceProcess process = launch(instance);
        process.awaitHealthy(options.port(instance), options.startupTimeout());
        return process;
    }

    private synchronized ServiceProcess process(ServiceInstance instance) {
        ServiceProcess process = services.get(instance);
        if (process == null) {
            throw new IllegalArgumentException("No " + instance.name() + " runs in this stack");
        }
        return process;
    }

    /** The environment variables the first instance of a service is configured with. */
    public Map<String, String> environment(Service service) {
        return environment(ServiceInstance.first(service));
    }

    /** The environment variables an instance of a service is configured with. */
    public Map<String, String> environment(ServiceInstance instance) {
        Service service = instance.service();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", Integer.toString(options.port(instance)));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka().bootstrapServers());
        environment.put("POSTGRES_URL", infrastructure.postgresUrl());
        environment.put("POSTGRES_USER", infrastructure.postgres().username());
        environment.put("POSTGRES_PASSWORD", infrastructure.postgres().password());
        environment.put("MONGODB_URI", infrastructure.mongoUri());
        environment.put("PIPELINE_INGEST_WEBHOOK_SECRETS_DEVPHONE", DEV_WEBHOOK_SECRET);
        // each instance of streams-analytics keeps the state of the tasks it runs in a directory of its own
        environment.put("STREAMS_STATE_DIR", options.dataDir().resolve(instance.number() == 1 ? "streams"
                : "streams-" + instance.number()).toString());
        environment.put(DevIdentity.PUBLIC_KEY_LOCATION_VARIABLE, identity().publicKeyLocation());
        if (service == Service.COMMAND && options.instances(Service.COMMAND) > 1) {
            // commands for one deal reach any instance: a deal cached by one would be stale after another's change
            environment.put("PIPELINE_DEALS_CACHE", "false");
        }
        if (service == Service.COMMAND || service == Service.QUERY) {
            // the web dashboard is served by query-service and calls command-service from there
            environment.put("PIPELINE_SECURITY_ALLOWED_ORIGINS", String.join(",", dashboardOrigins()));
            environment.put("PIPELINE_SECURITY_WEB_CLIENT_IDS", DevIdentityProvider.WEB_CLIENT_ID);
        }
        if (service == Service.QUERY) {
            environment.put("PIPELINE_WEB_ISSUER", identityProvider().issuer());
            environment.put("PIPELINE_WEB_CLIENT_ID", DevIdentityProvider.WEB_CLIENT_ID);
            environment.put("PIPELINE_WEB_COMMAND_SERVICE_URL", "http://localhost:" + options.port(Service.COMMAND));
        }
        return environment;
    }

    /** {@code http://localhost:<query port>}: where query-service serves the web dashboard. */
    public String dashboardOrigin() {
        return "http://localhost:" + options.port(Service.QUERY);
    }

    /** Where each query-service instance serves the web dashboard, the first instance's origin first. */
    public List<String> dashboardOrigins() {
        List<String> origins = new ArrayList<>();
        for (int number = 1; number <= options.instances(Service.QUERY); number++) {
            origins.add("http://localhost:" + options.port(new ServiceInstance(Service.QUERY, number)));
        }
        return origins;
    }

    /** {@code http://localhost:<query port>/app/}: the web dashboard. */
    public String dashboardUrl() {
        return dashboardOrigin() + "/app/";
    }

    /** The identity provider whose tokens the services accept; there once {@link #start()} has begun. */
    public synchronized DevIdentity identity() {
        return identity;
    }

    /** Where the web dashboard signs in; there once {@link #start()} has begun. */
    public synchronized DevIdentityProvider identityProvider() {
        return identityProvider;
    }

    public synchronized LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    /** The service processes started so far, in start order. */
    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** The service processes started so far by instance, in start order. */
    public synchronized Map<ServiceInstance, ServiceProcess> instances() {
        return new TreeMap<>(services);
    }

    /** Whether {@link #close()} has been called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    public LauncherOptions options() {
        return options;
    }

    /**
     * Stops the services (all at once, each gracefully first), then the identity provider, then MongoDB, PostgreSQL
     * and Kafka.
     */
    @Override
    public void close() {
        List<ServiceProcess> running;
        DevIdentityProvider provider;
        LocalInfrastructure started;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(services.values());
            provider = identityProvider;
            started = infrastructure;
        }
        CompletableFuture.allOf(running.stream()
                .map(service -> CompletableFuture.runAsync(service::close))
                .toArray(CompletableFuture[]::new)).join();
        if (provider != null) {
            provider.close();
        }
        if (started != null) {
            started.close();
        }
    }

    private void awaitServicesHealthy(Duration timeout) {
        Map<ServiceInstance, ServiceProcess> started;
        synchronized (this) {
            started = new TreeMap<>(services);
        }
        if (started.isEmpty()) {
            return;
        }
        // all at once, and the first failure ends the wait: no point waiting for the others then
        ExecutorService executor = Executors.newFixedThreadPool(started.size());
        try {
            CompletableFuture<Void> firstFailure = new CompletableFuture<>();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            started.forEach((instance, process) -> {
                CompletableFuture<Void> healthy = CompletableFuture.runAsync(
                        () -> process.awaitHealthy(options.port(instance), timeout), executor);
                healthy.whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        firstFailure.completeExceptionally(failure);
                    }
                });
                ready.add(healthy);
            });
            CompletableFuture.anyOf(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            executor.shutdownNow();
        }
    }
}
