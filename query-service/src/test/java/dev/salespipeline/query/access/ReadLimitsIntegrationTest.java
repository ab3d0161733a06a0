package dev.salespipeline.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.live.SseClient;
import dev.salespipeline.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The limits against a caller who asks for too much: the change report's span and pages, the as-of board's pages,
 * how far behind a stream may resume, and how many streams one user may hold open.
 */
class ReadLimitsIntegrationTest extends VisibilityTestBase {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));


    @Value("${pipeline.live.max-replay}")
    long maxReplay;

    @Value("${pipeline.live.max-connections-per-user}")
    int maxStreamsPerUser;

    private String pipelineWithDeals(int deals) throws Exception {
        String pipeline = "limits-" + UUID.randomUUID();
        event(new PipelineDefined(pipeline, "Limits", List.of(new StageDefinition("lead", "Lead", 10, null, null)),
                Duration.ofDays(30), List.of("Price"), AT), 0);
        for (int i = 0; i < deals; i++) {
            event(new DealOpened(pipeline + "-deal-" + i, pipeline, "lead", "Deal " + i, "anna", "north",
                    Money.of("100.00", "EUR"), AT.plusSeconds(i)), 0);
        }
        awaitAllConsumed();
        return pipeline;
    }

    private static void assertProblem(ResponseEntity<JsonNode> answer, int status, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().get("detail").asString()).contains(detail);
    }

    @Test
    void theChangeReportSpansAtMostItsLimitAndIsPagedByDeal() throws Exception {
        String pipeline = pipelineWithDeals(3);
        String changes = "/pipelines/" + pipeline + "/changes?from=" + AT.minusSeconds(60) + "&to=" + Instant.now();

        JsonNode all = get(changes).getBody();
        assertThat(all.get("opened")).hasSize(3);
        assertThat(all.get("totalDeals").asLong()).isEqualTo(3);

        JsonNode first = get(changes + "&size=2").getBody();
        JsonNode second = get(changes + "&size=2&page=1").getBody();
        assertThat(first.get("opened")).extracting(deal -> deal.get("dealId").asString())
                .containsExactly(pipeline + "-deal-0", pipeline + "-deal-1");
        assertThat(second.get("opened")).extracting(deal -> deal.get("dealId").asString())
                .containsExactly(pipeline + "-deal-2");
        assertThat(second.get("totalDeals").asLong()).isEqualTo(3);
        assertThat(get(changes + "&size=2&page=2").getBody().get("opened")).isEmpty();
        assertThat(get(changes, SAM).getBody().get("totalDeals").asLong()).as("sam sees none of anna's").isZero();

        assertProblem(get("/pipelines/" + pipeline + "/changes?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z"),
                400, "spans more than 92 days");
        assertThat(get(changes + "&size=501").getStatusCode().value()).isEqualTo(400);
        assertThat(get(changes + "&size=0").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theBoardAsOfIsPagedLikeTheBoard() throws Exception {
        String pipeline = pipelineWithDeals(3);
        String board = "/pipelines/" + pipeline + "/board/as-of?at=" + Instant.now();
        JsonNode page = get(board + "&size=2&page=1").getBody();
        JsonNode lead = page.get("columns").get(0);
        assertThat(lead.get("dealCount").asLong()).isEqualTo(3);
        assertThat(lead.get("cards")).hasSize(1);
        assertThat(get(board + "&size=201").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aStreamFurtherBehindThanTheReplayLimitIsToldToReloadAndResync() throws Exception {
        String position = VisibilityFixture.positionNow(Topics.METRICS_TOPICS);
        String pipeline = "limits-" + UUID.randomUUID();
        for (long i = 0; i <= maxReplay; i++) {
            fixture.publish(Topics.METRICS_OPENED_DEALS, pipeline + "-" + i,
                    JSON.writeValueAsString(new OpenedDeals(pipeline + "-" + i, i)));
        }
        // How far behind counts up to what the live streams have read: wait until they have read these records.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (SseClient probe = SseClient.connect(url("/live/metrics"), ADA, position)) {
                return probe.status() == 409;
            }
        });
        try (SseClient behind = SseClient.connect(url("/live/metrics"), ADA, position)) {
            assertThat(behind.status()).isEqualTo(409);
            assertThat(behind.contentType()).isEqualTo("application/problem+json");
            JsonNode problem = JSON.readTree(behind.body());
            assertThat(problem.get("detail").asString()).contains("without Last-Event-ID");
            assertThat(problem.get("maxReplay").asLong()).isEqualTo(maxReplay);
            assertThat(problem.get("behind").asLong()).isGreaterThan(maxReplay);
        }
        try (SseClient resynced = SseClient.connect(url("/live/metrics"), ADA, null)) {
            assertThat(resynced.status()).isEqualTo(200);
        }
    }

    @Test
    void aUserHoldsAtMostTheirShareOfStreams() throws Exception {
        String user = "streams-" + UUID.randomUUID();
        String token = TestTokens.user(user).roles("rep").team("north").token();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < maxStreamsPerUser; i++) {
                SseClient stream = SseClient.connect(url("/live/metrics"), token, null);
                open.add(stream);
                assertThat(stream.status()).isEqualTo(200);
            }
            try (SseClient tooMany = SseClient.connect(url("/live/pipelines/sales"), token, null);
                 SseClient someoneElse = SseClient.connect(url("/live/metrics"), BEN, null)) {
                assertThat(tooMany.status()).isEqualTo(429);
                assertThat(tooMany.contentType()).isEqualTo("application/problem+json");
                assertThat(JSON.readTree(tooMany.body()).get("detail").asString())
                        .contains("as many as one user may (" + maxStreamsPerUser + ")");
                assertThat(someoneElse.status()).as("another user is not held up").isEqualTo(200);
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }
}
