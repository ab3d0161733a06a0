package dev.salespipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    @Test
    void isAutoUnlessNamed() {
        assertThat(InfrastructureMode.parse(null)).isEqualTo(InfrastructureMode.AUTO);
        assertThat(InfrastructureMode.parse(" ")).isEqualTo(InfrastructureMode.AUTO);
    }

    @Test
    void readsTheNameCaseInsensitively() {
        assertThat(InfrastructureMode.parse("Embedded")).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(InfrastructureMode.parse("containers")).isEqualTo(InfrastructureMode.CONTAINERS);
        assertThat(InfrastructureMode.parse("EXTERNAL ")).isEqualTo(InfrastructureMode.EXTERNAL);
    }

    @Test
    void namesThePropertyAndTheChoicesForAnUnknownMode() {
        assertThatThrownBy(() -> InfrastructureMode.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipeline.test.infrastructure=docker is not one of auto, containers, embedded, external");
    }
}
