package dev.salespipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The comparison of two snapshots finds a value that differs and a key only one of them has, and nothing else. */
class InstanceAgreementTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aChangedValueAndAMissingKeyAreDifferencesAndEqualSnapshotsHaveNone() {
        JsonNode first = JSON.readTree("""
                {"cards":{"deal-1":{"stageId":"lead","version":2}},
                 "metrics":{"pipeline.metrics.win-rate.v1":{"p|*|*|DAY|2026-11-02":{"won":1},
                                                           "p|*|*|DAY|2026-11-03":{"won":2}}}}""");
        JsonNode second = JSON.readTree("""
                {"cards":{"deal-1":{"stageId":"qualified","version":2}},
                 "metrics":{"pipeline.metrics.win-rate.v1":{"p|*|*|DAY|2026-11-02":{"won":1}}}}""");

        assertThat(InstanceAgreement.differences(first, first)).isEmpty();
        assertThat(InstanceAgreement.differences(first, second)).containsExactly(
                "card deal-1: {\"stageId\":\"lead\",\"version\":2} against {\"stageId\":\"qualified\",\"version\":2}",
                "pipeline.metrics.win-rate.v1 p|*|*|DAY|2026-11-03 only with the first instances");
    }
}
