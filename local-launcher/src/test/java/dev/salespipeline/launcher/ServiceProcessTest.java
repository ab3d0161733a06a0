package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path directory;

    private Path jar;

    @BeforeEach
    void packageTheFakeService() throws IOException, URISyntaxException {
        jar = packageFakeService(directory.resolve("fake-service.jar"));
    }

    /** Writes a jar that runs {@link FakeService}, for tests that start it as a service. */
    static Path packageFakeService(Path jar) throws IOException, URISyntaxException {
        Files.createDirectories(jar.getParent());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(entry);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            Files.copy(compiled, out);
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void startsTheJarWithItsEnvironmentWaitsUntilUpAndStopsGracefully() {
        int port = freePort();
        Path log = directory.resolve("logs").resolve("fake-service.log");
        try (ServiceProcess service = ServiceProcess.builder("fake-service", jar)
                .jvmOptions(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"))
                .environment(Map.of("SERVER_PORT", Integer.toString(port), "KAFKA_BOOTSTRAP_SERVERS", "localhost:1234"))
                .workingDirectory(directory)
                .logFile(log)
                .start()) {
            service.awaitHealthy(port, Duration.ofSeconds(30));

            assertThat(service.isAlive()).isTrue();
            assertThat(service.pid()).isPositive();
            assertThat(service.residentMemoryBytes()).isPositive();
            assertThat(service.logTail(10)).contains("KAFKA_BOOTSTRAP_SERVERS=localhost:1234", "Started FakeService");

            service.stop(Duration.ofSeconds(10));

            assertThat(service.isAlive()).isFalse();
            assertThat(service.exitCode()).isPresent();
            assertThat(service.logTail(1)).containsExactly("graceful shutdown");
        }
    }

    @Test
    void reportsAServiceThatDiesWithTheEndOfItsLog() {
        Path log = directory.resolve("fake-service.log");
        try (ServiceProcess service = ServiceProcess.builder("fake-service", jar)
                .environment(Map.of("FAIL_ON_START", "no database"))
                .logFile(log)
                .start()) {
            assertThatThrownBy(() -> service.awaitHealthy(freePort(), Duration.ofSeconds(30)))
                    .isInstanceOf(ServiceProcess.ServiceStartException.class)
                    .hasMessageContaining("fake-service exited with code 3 before reporting UP")
                    .hasMessageContaining("Application run failed: no database");
        }
    }

    @Test
    void reportsAServiceThatDoesNotComeUpInTime() {
        try (ServiceProcess service = ServiceProcess.builder("fake-service", jar)
                .environment(Map.of("SERVER_PORT", Integer.toString(freePort())))
                .logFile(directory.resolve("fake-service.log"))
                .start()) {
            // the fake listens on SERVER_PORT, the health check asks another port
            assertThatThrownBy(() -> service.awaitHealthy(freePort(), Duration.ofSeconds(2)))
                    .isInstanceOf(ServiceProcess.ServiceStartException.class)
                    .hasMessageContaining("did not report UP")
                    .hasMessageContaining("not listening yet");
        }
    }

    @Test
    void keepsThePreviousLogAndRefusesAMissingJar() throws IOException {
        Path log = directory.resolve("fake-service.log");
        Files.writeString(log, "earlier run");
        try (ServiceProcess service = ServiceProcess.builder("fake-service", jar)
                .environment(Map.of("FAIL_ON_START", "again"))
                .logFile(log)
                .start()) {
            service.onExit().join();
        }
        assertThat(directory.resolve("fake-service.previous.log")).hasContent("earlier run");

        assertThatThrownBy(() -> ServiceProcess.builder("missing", directory.resolve("missing.jar")).start())
                .isInstanceOf(ServiceProcess.ServiceStartException.class)
                .hasMessageContaining("No jar for missing");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
