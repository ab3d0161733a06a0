package dev.salespipeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.app.AnalyticsStreams;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.testsupport.LeakProbe;

/**
 * Nothing of team south reaches a rep or a manager of team north through the analytics port, on any GET of its
 * OpenAPI document, with the ids of both teams' deals: the state stores and dead letters are not theirs to read at all.
 * The same probe as an admin finds team south's data, so the probe does reach it.
 */
class StreamsAnalyticsLeakTest extends StreamsAnalyticsTestBase {

    @Test
    void repsAndManagersOfTeamNorthSeeNothingOfTeamSouthWhichAnAdminDoesSee() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String pipelineId = "pipeline-" + run;
        String northDeal = "north-" + run;
        String southDeal = "south-" + run;
        String southOwner = "sam-" + run;
        String southTitle = "Southern expansion " + run;
        Money amount = Money.of("1000.00", "EUR");
        DealOpened southOpened = new DealOpened(southDeal, pipelineId, "lead", southTitle, southOwner, "south", amount,
                MONDAY_MORNING);
        publish(List.of(
                asPublished(0, new PipelineDefined(pipelineId, "Leaks", PipelineTemplates.DEFAULT_STAGES,
                        PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS,
                        MONDAY_MORNING.minusSeconds(3600)), "ada"),
                asPublished(0, new DealOpened(northDeal, pipelineId, "lead", "Northern seats " + run, "anna", "north",
                        amount, MONDAY_MORNING), "anna"),
                asPublished(1, new CallLogged(northDeal, "call-north", Direction.OUTBOUND,
                        MONDAY_MORNING.plusSeconds(600), 45, true, "+49301234567", null, null, null), "anna"),
                asPublished(0, southOpened, southOwner),
                asPublished(1, new CallLogged(southDeal, "call-south", Direction.OUTBOUND,
                        MONDAY_MORNING.plusSeconds(900), 50, true, "+49891234567", null, null, null), southOwner)));
        // One of team south's records that the application cannot use: its dead letter holds the deal as it came.
        String deadLetter = JSON.writeValueAsString(asPublished(2, southOpened, southOwner))
                .replace("\"type\":\"DealOpened\"", "\"type\":\"DealTeleported\"");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, southDeal, deadLetter)).get();
        }
        String deadLetters = "/admin/dead-letters/" + AnalyticsStreams.DEAD_LETTER_TOPIC;
        for (String dealId : List.of(northDeal, southDeal)) {
            awaitOk(ADA, "/state/stalled-deals/" + dealId);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> http(ADA).get().uri(deadLetters).retrieve()
                .body(String.class), answer -> answer.contains(southTitle));

        LeakProbe north = probe(pipelineId, northDeal, southDeal, southOwner, southTitle)
                .caller("rep anna (north)", ANNA)
                .caller("manager max (north)", MAX);
        north.verify();
        assertThat(north.probed())
                .anySatisfy(call -> assertThat(call).contains("GET /state/stalled-deals/" + southDeal))
                .anySatisfy(call -> assertThat(call).contains("GET /state/stage-age/" + pipelineId + "?ownerId="
                        + southOwner))
                .anySatisfy(call -> assertThat(call).contains("GET " + deadLetters))
                .allSatisfy(call -> assertThat(call).as("the state and the dead letters are not theirs to read")
                        .endsWith("-> 403"));

        LeakProbe admin = probe(pipelineId, northDeal, southDeal, southOwner, southTitle).caller("admin", ADA);
        assertThatThrownBy(admin::verify).isInstanceOf(AssertionError.class)
                .hasMessageContaining("admin: GET /state/stalled-deals/" + southDeal + " (200) shows " + southOwner)
                .hasMessageContaining("admin: GET " + deadLetters + " (200) shows " + southTitle);
    }

    /** Every id of both teams that has state, and what only team south's data contains. */
    private LeakProbe probe(String pipelineId, String northDeal, String southDeal, String southOwner,
                            String southTitle) {
        return LeakProbe.of(baseUrl())
                .values("pipelineId", pipelineId)
                .values("dealId", northDeal, southDeal)
                .values("topic", AnalyticsStreams.DEAD_LETTER_TOPIC)
                .values("ownerId", "anna", southOwner)
                .values("personId", "anna", southOwner)
                .markers(southTitle, southOwner);
    }
}
