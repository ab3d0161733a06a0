package dev.salespipeline.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot service in {@link ServiceProcessTest}: answers {@code /actuator/health} with status UP
 * on {@code SERVER_PORT}, or exits at once with code 3 when {@code FAIL_ON_START} is set. It is copied alone into a
 * jar, so it uses nothing but the JDK and has no nested classes.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        if (System.getenv("FAIL_ON_START") != null) {
            System.err.println("Application run failed: " + System.getenv("FAIL_ON_START"));
            System.exit(3);
        }
        HttpServer server = HttpServer.create(
                new InetSocketAddress("localhost", Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graceful shutdown");
            server.stop(0);
        }));
        System.out.println("Started FakeService");
    }
}
