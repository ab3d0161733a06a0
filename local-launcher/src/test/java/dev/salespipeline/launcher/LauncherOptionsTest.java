package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void defaultsToEverythingOnTheUsualPorts() {
        LauncherOptions options = LauncherOptions.parse(new String[0], new Properties());

        assertThat(options.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(options.repoRoot()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.mongoPort()).isEqualTo(27017);
        assertThat(options.port(Service.COMMAND)).isEqualTo(8081);
        assertThat(options.port(Service.QUERY)).isEqualTo(8082);
        assertThat(options.port(Service.ANALYTICS)).isEqualTo(8083);
        assertThat(options.serviceList()).containsExactly(Service.COMMAND, Service.QUERY, Service.ANALYTICS);
        assertThat(options.serviceJvmOptions()).contains("-Xmx384m", "-XX:+UseSerialGC");
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(options.help()).isFalse();
    }

    @Test
    void argumentsWinOverSystemProperties() {
        Properties properties = new Properties();
        properties.setProperty("pipeline.launcher.kafka-port", "19092");
        properties.setProperty("pipeline.launcher.mongo-port", "37017");

        LauncherOptions options = LauncherOptions.parse(new String[] {"--kafka-port=29092"}, properties);

        assertThat(options.kafkaPort()).isEqualTo(29092);
        assertThat(options.mongoPort()).isEqualTo(37017);
    }

    @Test
    void readsASubsetOfServicesInStartOrderOrNone() {
        assertThat(LauncherOptions.parse(new String[] {"--services=analytics,command"}, new Properties()).serviceList())
                .containsExactly(Service.COMMAND, Service.ANALYTICS);
        assertThat(LauncherOptions.parse(new String[] {"--services=none"}, new Properties()).serviceList()).isEmpty();
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--services=billing"}, new Properties()))
                .hasMessageContaining("Unknown service billing");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--kafka-prot=1"}, new Properties()))
                .hasMessage("Unknown option --kafka-prot");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--query-port=0"}, new Properties()))
                .hasMessageContaining("--query-port must be a port number");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"data"}, new Properties()))
                .hasMessage("Expected --name=value, got: data");
    }

    @Test
    void helpListsEveryOption() {
        assertThat(LauncherOptions.parse(new String[] {"--help"}, new Properties()).help()).isTrue();
        assertThat(LauncherOptions.usage()).contains("--data-dir", "--repo-root", "--services", "--kafka-port",
                "--postgres-port", "--mongo-port", "--command-port", "--query-port", "--analytics-port",
                "--service-jvm-options", "--startup-timeout", "pipeline.launcher.", "token <user>");
    }
}
