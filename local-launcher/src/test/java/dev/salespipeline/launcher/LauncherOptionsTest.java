package dev.salespipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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
        assertThat(options.identityPort()).isEqualTo(8084);
        assertThat(options.webTokenLifetime()).isEqualTo(Duration.ofHours(8));
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
    void readsTheIdentityProvidersPortAndTheDashboardsTokenLifetime() {
        LauncherOptions options = LauncherOptions.parse(new String[] {"--identity-port=0", "--web-token-lifetime=PT2M"},
                new Properties());

        assertThat(options.identityPort()).isZero();
        assertThat(options.webTokenLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(LauncherOptions.parse(new String[] {"--identity-port=18084"}, new Properties()).identityPort())
                .isEqualTo(18084);
    }

    @Test
    void readsASubsetOfServicesInStartOrderOrNone() {
        assertThat(LauncherOptions.parse(new String[] {"--services=analytics,command"}, new Properties()).serviceList())
                .containsExactly(Service.COMMAND, Service.ANALYTICS);
        assertThat(LauncherOptions.parse(new String[] {"--services=none"}, new Properties()).serviceList()).isEmpty();
    }

    @Test
    void runsOneInstanceOfEachServiceUnlessToldOtherwise() {
        LauncherOptions single = LauncherOptions.parse(new String[0], new Properties());
        assertThat(single.instanceList()).extracting(ServiceInstance::name)
                .containsExactly("command-service", "query-service", "streams-analytics");

        LauncherOptions several = LauncherOptions.parse(new String[] {"--instances=query=3,command=2"}, new Properties());
        assertThat(several.instances(Service.COMMAND)).isEqualTo(2);
        assertThat(several.instances(Service.ANALYTICS)).isEqualTo(1);
        assertThat(several.instanceList()).extracting(ServiceInstance::name, several::port).containsExactly(
                tuple("command-service", 8081), tuple("command-service-2", 8091),
                tuple("query-service", 8082), tuple("query-service-2", 8092), tuple("query-service-3", 8102),
                tuple("streams-analytics", 8083));
        // instances of services left out are not started
        assertThat(LauncherOptions.parse(new String[] {"--instances=analytics=2", "--services=command"},
                new Properties()).instanceList()).extracting(ServiceInstance::name).containsExactly("command-service");
    }

    @Test
    void refusesInstanceCountsOutOfBoundsAndInstancesSharingAPort() {
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=query=0"}, new Properties()))
                .hasMessage("--instances: query must have 1 to 4 instances, got 0");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=query=5"}, new Properties()))
                .hasMessage("--instances: query must have 1 to 4 instances, got 5");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=query"}, new Properties()))
                .hasMessageContaining("service=count pairs");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=billing=2"}, new Properties()))
                .hasMessageContaining("Unknown service billing");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=command=two"}, new Properties()))
                .hasMessage("--instances: the count of command must be a number, got two");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=command=2", "--query-port=8091"},
                new Properties()))
                .hasMessageStartingWith("query-service and command-service-2 would both listen on port 8091");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--instances=command=3", "--command-port=65521"},
                new Properties()))
                .hasMessage("command-service-3 would listen on port 65541, which does not exist");
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--services=billing"}, new Properties()))
                .hasMessageContaining("Unknown service billing");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--kafka-prot=1"}, new Properties()))
                .hasMessage("Unknown option --kafka-prot");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--query-port=0"}, new Properties()))
                .hasMessageContaining("--query-port must be a port number");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--identity-port=65536"}, new Properties()))
                .hasMessageContaining("--identity-port must be a port number or 0");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--identity-port=idp"}, new Properties()))
                .hasMessageContaining("--identity-port must be a number");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--web-token-lifetime=8h"}, new Properties()))
                .hasMessageContaining("--web-token-lifetime must be an ISO-8601 duration");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--web-token-lifetime=PT0S"}, new Properties()))
                .hasMessageContaining("--web-token-lifetime must be at least a second");
        assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"data"}, new Properties()))
                .hasMessage("Expected --name=value, got: data");
    }

    @Test
    void helpListsEveryOption() {
        assertThat(LauncherOptions.parse(new String[] {"--help"}, new Properties()).help()).isTrue();
        assertThat(LauncherOptions.usage()).contains("--data-dir", "--repo-root", "--services", "--kafka-port",
                "--postgres-port", "--mongo-port", "--command-port", "--query-port", "--analytics-port",
                "--identity-port", "--web-token-lifetime", "--service-jvm-options", "--startup-timeout", "pipeline.launcher.", "token <user>");
    }
}
