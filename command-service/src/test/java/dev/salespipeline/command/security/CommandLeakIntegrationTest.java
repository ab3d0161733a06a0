package dev.salespipeline.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.salespipeline.command.CommandServiceTestBase;
import dev.salespipeline.testsupport.LeakProbe;

/**
 * No GET answer of the command service shows team south's data to team north's rep or manager: every GET
 * operation of the service's own OpenAPI document is called with north's and south's ids, so an endpoint added
 * later is probed too. The same probe as an admin must see every marker, so the test cannot pass by reaching
 * nothing.
 */
class CommandLeakIntegrationTest extends CommandServiceTestBase {

    @Test
    void northSeesNothingOfSouth() throws Exception {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36).toUpperCase();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String southTitle = "SOUTH-TITLE-" + tag;
        String southAmount = "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + ".37";
        String southPhone = "+49 89 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String callPhone = "+49 89 " + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String taskTitle = "SOUTH-TASK-" + tag;
        String targetAmount = "9" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + ".11";
        String handedTitle = "HANDED-TITLE-" + tag;
        String handedAmount = "8" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + ".53";
        // Never used as a candidate id, so that only a leak, not an echo of the request, can show it.
        String hiddenDeal = "deal-hidden-" + UUID.randomUUID();

        String northDeal = annasDeal();
        String southDeal = "deal-" + UUID.randomUUID();
        open(southDeal, southTitle, "sam", southAmount, SAM, at);
        open(hiddenDeal, "Hidden " + tag, "sam", null, NINA, at);
        assertThat(put("/deals/" + southDeal + "/details", Map.of("title", southTitle,
                "client", Map.of("company", "Süd GmbH", "phone", southPhone), "occurredAt", at.toString()),
                bearer(SAM)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/deals/" + southDeal + "/tasks", Map.of("title", taskTitle,
                "dueAt", at.plus(3, ChronoUnit.DAYS).toString(), "occurredAt", at.toString()), bearer(SAM))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/deals/" + southDeal + "/calls", Map.of("direction", "OUTBOUND", "startedAt", at.toString(),
                "durationSeconds", 30, "answered", true, "phoneNumber", callPhone), bearer(NINA)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String period = "2026-Q4";
        assertThat(put("/pipelines/" + PIPELINE + "/targets/team/south/" + period,
                Map.of("amount", targetAmount, "currency", "EUR", "occurredAt", at.toString()), bearer(NINA))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        // anna's deal handed over to sam in team south: what sam does with it afterwards is south's.
        String handedDeal = annasDeal();
        assertThat(put("/deals/" + handedDeal + "/owner", Map.of("ownerId", "sam", "teamId", "south",
                "occurredAt", at.toString()), bearer(ADA)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + handedDeal + "/details", Map.of("title", handedTitle, "occurredAt", at.toString()),
                bearer(SAM)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/deals/" + handedDeal + "/amount", Map.of("amount", handedAmount, "currency", "EUR",
                "occurredAt", at.toString()), bearer(SAM)).getStatusCode()).isEqualTo(HttpStatus.OK);

        List<String> markers = List.of(southTitle, southAmount, southPhone, callPhone, taskTitle, targetAmount,
                handedTitle, handedAmount, hiddenDeal);

        LeakProbe north = probe(northDeal, southDeal, handedDeal, period, at)
                .caller("rep anna", ANNA)
                .caller("manager max", MAX)
                .markers(markers.toArray(String[]::new));
        north.verify();
        assertThat(north.probed()).as("every GET operation is reached")
                .anyMatch(request -> request.contains("/deals/" + northDeal + "/history -> 200"))
                .anyMatch(request -> request.contains("/history?actor=") && request.endsWith("-> 200"))
                .anyMatch(request -> request.contains("/pipelines/" + PIPELINE + "/targets?") && request.endsWith("200"))
                .anyMatch(request -> request.contains("GET /pipelines/" + PIPELINE + " -> 200"));

        assertThat(probe(northDeal, southDeal, handedDeal, period, at).caller("admin ada", ADA)
                .markers(markers.toArray(String[]::new)).seen())
                .as("an admin sees every marker, so the probe reaches the data")
                .containsExactlyInAnyOrderElementsOf(markers);
    }

    private LeakProbe probe(String northDeal, String southDeal, String handedDeal, String period, Instant at) {
        return LeakProbe.of("http://localhost:" + port)
                .values("dealId", northDeal, southDeal, handedDeal)
                .values("pipelineId", PIPELINE)
                .values("actor", "sam", "nina", "ada", "anna", "max")
                .values("from", at.minus(1, ChronoUnit.DAYS).toString())
                .values("to", at.plus(2, ChronoUnit.HOURS).toString())
                .values("period", period)
                .values("size", "1000");
    }

    private void open(String dealId, String title, String owner, String amount, String token, Instant at) {
        Map<String, Object> body = new HashMap<>(Map.of("dealId", dealId, "pipelineId", PIPELINE, "stageId", "lead",
                "title", title, "ownerId", owner, "teamId", "south", "occurredAt", at.toString()));
        if (amount != null) {
            body.put("amount", amount);
            body.put("currency", "EUR");
        }
        assertThat(post("/deals", body, bearer(token)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
}
