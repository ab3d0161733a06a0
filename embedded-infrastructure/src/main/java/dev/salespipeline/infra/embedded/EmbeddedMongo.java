package dev.salespipeline.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.salespipeline.infra.embedded.mongo.IndexedH2Backend;
import dev.salespipeline.infra.embedded.mongo.IndexedMemoryBackend;

/**
 * A server speaking the MongoDB wire protocol ({@code de.bwaldvogel:mongo-java-server}), so that the real MongoDB
 * driver talks to it as to a MongoDB.
 *
 * <p>Without a file it keeps everything in memory; with a file it stores the databases in an H2 MVStore there, and
 * starting again on the same file finds them again. It implements a subset of MongoDB: no transactions, sessions or
 * change streams, and some aggregation stages are missing. Queries on {@code _id} and on the leading fields of a
 * declared index find their documents through an index, and a sort on the index's further fields reads them in the
 * index's order (see {@link IndexedH2Backend}); other queries read the whole collection.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private static final String HOST = "localhost";

    private final MongoServer server;
    private final Path file;
    private final int port;
    private boolean closed;

    private EmbeddedMongo(MongoServer server, Path file, int port) {
        this.server = server;
        this.file = file;
        this.port = port;
    }

    /**
     * Starts a server.
     *
     * @param fileOrNull the H2 MVStore file to keep the data in (created with its directory if absent), or
     *                   {@code null} to keep it in memory
     * @param port       the port, or 0 for a free one
     */
    public static EmbeddedMongo start(Path fileOrNull, int port) {
        long started = System.nanoTime();
        Path file = fileOrNull == null ? null : fileOrNull.toAbsolutePath().normalize();
        MongoBackend backend = file == null ? new IndexedMemoryBackend()
                : new IndexedH2Backend(openable(file).toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(HOST, port);
        } catch (RuntimeException e) {
            // a failed bind() has already shut the server down, closing the backend and its store file
            throw new IllegalStateException("MongoDB server could not listen on port " + port, e);
        }
        InetSocketAddress address = server.getLocalAddress();
        EmbeddedMongo mongo = new EmbeddedMongo(server, file, address.getPort());
        log.info("MongoDB wire protocol server listening on {}:{} ({}), started in {} ms", HOST, mongo.port,
                file == null ? "in memory" : "data in " + file, (System.nanoTime() - started) / 1_000_000);
        return mongo;
    }

    /** The connection string of {@code database}: {@code mongodb://localhost:port/database}. */
    public String connectionString(String database) {
        if (database == null || database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException("Not a database name: " + database);
        }
        return "mongodb://" + HOST + ":" + port + "/" + database;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Whether the data is kept in a file and survives a restart. */
    public boolean isPersistent() {
        return file != null;
    }

    /**
     * Stops accepting clients, closes the connected ones and closes the backend, which commits and closes the H2
     * store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdownNow();
        log.info("MongoDB wire protocol server on port {} stopped in {} ms", port,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Path openable(Path file) {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the directory of " + file, e);
        }
    }
}
