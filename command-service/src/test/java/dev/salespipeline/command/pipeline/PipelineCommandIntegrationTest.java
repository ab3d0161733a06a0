package dev.salespipeline.command.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.salespipeline.command.pipeline.catalog.JdbcPipelineCatalog;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.command.CommandServiceTestBase;
import tools.jackson.databind.JsonNode;

/**
 * Pipeline definitions against real servers: REST in, events stored by Axon in PostgreSQL, the
 * catalog updated in the same transaction, events published to Kafka; and who may do what.
 */
class PipelineCommandIntegrationTest extends CommandServiceTestBase {

    @Autowired
    PipelineCatalog catalog;

    private ResponseEntity<JsonNode> send(String method, String path, Object body, String token) {
        RestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                });
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String text ? text
                    : JSON.writeValueAsString(body));
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    private ResponseEntity<JsonNode> put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return send("GET", path, null, token);
    }

    private static String newPipelineId() {
        return "pipeline-" + UUID.randomUUID();
    }

    private String templatePipeline() {
        String pipelineId = newPipelineId();
        assertThat(post("/pipelines/template", Map.of("pipelineId", pipelineId), ADA).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return pipelineId;
    }

    private Long catalogSequence(String pipelineId) {
        return jdbc.query("select last_sequence from pipeline_catalog where pipeline_id = ?",
                (row, number) -> row.getLong(1), pipelineId).stream().findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(field == null ? element.asString() : element.get(field).asString()));
        return texts;
    }

    private static Map<String, Object> legalPipeline(String pipelineId) {
        return Map.of("pipelineId", pipelineId, "name", "Legal",
                "stages", List.of(
                        Map.of("stageId", "review", "name", "Review", "probability", 60, "timeLimit", "P5D"),
                        Map.of("stageId", "signed", "name", "Signed", "probability", 90,
                                "exitRequirements", List.of("AMOUNT", "DECISION_MAKER"))),
                "idleLimit", "P7D",
                "lostReasons", List.of(" Rejected ", "Withdrawn"),
                "occurredAt", "2026-11-16T09:00:00Z");
    }

    @Test
    void anAdminDefinesTheDefaultTemplateAndEveryoneReadsItBack() {
        String pipelineId = newPipelineId();

        ResponseEntity<JsonNode> created = post("/pipelines/template", Map.of("pipelineId", pipelineId), ADA);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/pipelines/" + pipelineId);
        assertThat(created.getBody().get("pipelineId").asString()).isEqualTo(pipelineId);

        for (String reader : List.of(ADA, MAX, ANNA, VERA)) {
            ResponseEntity<JsonNode> read = get("/pipelines/" + pipelineId, reader);

            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode pipeline = read.getBody();
            assertThat(pipeline.get("pipelineId").asString()).isEqualTo(pipelineId);
            assertThat(pipeline.get("name").asString()).isEqualTo("Sales");
            assertThat(texts(pipeline.get("stages"), "stageId"))
                    .containsExactly("lead", "qualified", "proposal-sent", "negotiation", "contract-sent");
            assertThat(texts(pipeline.get("stages"), "name"))
                    .containsExactly("Lead", "Qualified", "Proposal sent", "Negotiation", "Contract sent");
            JsonNode contractSent = pipeline.get("stages").get(4);
            assertThat(contractSent.get("probability").asInt()).isEqualTo(70);
            assertThat(Duration.parse(contractSent.get("timeLimit").asString())).isEqualTo(Duration.ofDays(14));
            assertThat(texts(contractSent.get("exitRequirements"), null))
                    .containsExactlyInAnyOrder("AMOUNT", "EXPECTED_CLOSE_DATE");
            assertThat(Duration.parse(pipeline.get("idleLimit").asString())).isEqualTo(Duration.ofDays(14));
            assertThat(texts(pipeline.get("lostReasons"), null))
                    .containsExactly("Price", "Competitor", "No budget", "No decision", "Timing");
        }

        Map<String, Object> row = jdbc.queryForMap("select payloadtype, payloadrevision, type, "
                + "convert_from(metadata, 'UTF8') as metadata from domainevententry where aggregateidentifier = ?",
                pipelineId);
        assertThat(row).containsEntry("payloadtype", "dev.salespipeline.api.pipeline.PipelineDefined")
                .containsEntry("payloadrevision", "1")
                .containsEntry("type", "Pipeline");
        JsonNode metadata = JSON.readTree((String) row.get("metadata"));
        assertThat(metadata.get("actor").asString()).isEqualTo("ada");
        assertThat(metadata.get("roles").asString()).isEqualTo("admin");
        assertThat(catalogSequence(pipelineId)).isZero();
    }

    @Test
    void theCatalogIsKeptByASubscribingProcessorInTheCommandsTransaction(
            @Autowired org.axonframework.config.EventProcessingConfiguration processing) {
        assertThat(processing.eventProcessor(JdbcPipelineCatalog.PROCESSING_GROUP))
                .hasValueSatisfying(processor -> assertThat(processor).isInstanceOf(SubscribingEventProcessor.class));
    }

    @Test
    void aChangeTheCatalogCannotTakeIsNotStoredEither() {
        String pipelineId = templatePipeline();
        jdbc.update("delete from pipeline_catalog where pipeline_id = ?", pipelineId);

        ResponseEntity<JsonNode> renamed = put("/pipelines/" + pipelineId + "/stages/lead/name",
                Map.of("name", "Prospect"), ADA);

        assertThat(renamed.getStatusCode().is5xxServerError()).isTrue();
        assertThat(storedEvents(pipelineId)).isEqualTo(1);
    }

    @Test
    void theTemplateTakesItsBodyAsOptional() {
        ResponseEntity<JsonNode> created = client().post().uri("/pipelines/template")
                .header("Authorization", "Bearer " + ADA)
                .retrieve().toEntity(JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String pipelineId = created.getBody().get("pipelineId").asString();
        assertThat(catalog.find(pipelineId)).hasValueSatisfying(pipeline ->
                assertThat(pipeline.stages()).hasSize(5));
    }

    @Test
    void aRenamedStageIsInTheCatalogAsSoonAsTheCommandIsAnswered() {
        String pipelineId = templatePipeline();

        ResponseEntity<JsonNode> renamed = put("/pipelines/" + pipelineId + "/stages/proposal-sent/name",
                Map.of("name", " Offer sent "), ADA);

        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode stages = get("/pipelines/" + pipelineId, ANNA).getBody().get("stages");
        assertThat(texts(stages, "name")).containsExactly("Lead", "Qualified", "Offer sent", "Negotiation",
                "Contract sent");
        assertThat(texts(stages, "stageId")).contains("proposal-sent");
        assertThat(storedEvents(pipelineId)).isEqualTo(2);
        assertThat(catalogSequence(pipelineId)).isEqualTo(1);

        assertThat(put("/pipelines/" + pipelineId + "/stages/proposal-sent/name", Map.of("name", "Offer sent"), ADA)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(storedEvents(pipelineId)).isEqualTo(2);
    }

    @Test
    void anAdminDefinesAPipelineAndChangesEachPartOfIt() {
        String pipelineId = newPipelineId();
        String path = "/pipelines/" + pipelineId;

        assertThat(post("/pipelines", legalPipeline(pipelineId), ADA).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(path + "/stages", Map.of("stage", Map.of("stageId", "draft", "name", "Draft",
                "probability", 30, "timeLimit", "PT12H"), "position", 0), ADA).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(put(path + "/stages/order", Map.of("stageIds", List.of("review", "draft", "signed")), ADA)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(put(path + "/stages/review/settings", Map.of("probability", 55,
                "exitRequirements", List.of("CONTACT_PERSON")), ADA).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(put(path + "/lost-reasons", Map.of("lostReasons", List.of("Withdrawn", "Too risky")), ADA)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(put(path + "/idle-limit", Map.of("idleLimit", "P3D"), ADA).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(send("DELETE", path + "/stages/signed?occurredAt=2026-11-17T10:00:00Z", null, ADA)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode pipeline = get(path, VERA).getBody();
        assertThat(texts(pipeline.get("stages"), "stageId")).containsExactly("review", "draft");
        JsonNode review = pipeline.get("stages").get(0);
        assertThat(review.get("probability").asInt()).isEqualTo(55);
        assertThat(review.get("timeLimit").isNull()).isTrue();
        assertThat(texts(review.get("exitRequirements"), null)).containsExactly("CONTACT_PERSON");
        assertThat(Duration.parse(pipeline.get("stages").get(1).get("timeLimit").asString()))
                .isEqualTo(Duration.ofHours(12));
        assertThat(texts(pipeline.get("lostReasons"), null)).containsExactly("Withdrawn", "Too risky");
        assertThat(Duration.parse(pipeline.get("idleLimit").asString())).isEqualTo(Duration.ofDays(3));
        assertThat(storedEvents(pipelineId)).isEqualTo(7);
        assertThat(catalogSequence(pipelineId)).isEqualTo(6);
        String removal = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ? and sequencenumber = 6", String.class, pipelineId);
        assertThat(JSON.readTree(removal).get("occurredAt").asString()).isEqualTo("2026-11-17T10:00:00Z");
    }

    @Test
    void lostReasonsAreStoredWithoutSurroundingBlanks() {
        String pipelineId = newPipelineId();

        post("/pipelines", legalPipeline(pipelineId), ADA);

        assertThat(catalog.find(pipelineId).orElseThrow().lostReasons()).containsExactly("Rejected", "Withdrawn");
    }

    @Test
    void aRepCannotDefineOrChangeAPipelineAndNothingIsStored() {
        String pipelineId = newPipelineId();

        ResponseEntity<JsonNode> defined = post("/pipelines/template", Map.of("pipelineId", pipelineId), ANNA);

        assertThat(defined.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(defined.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(storedEvents(pipelineId)).isZero();
        assertThat(catalog.find(pipelineId)).isEmpty();

        String existing = templatePipeline();
        ResponseEntity<JsonNode> renamed = put("/pipelines/" + existing + "/stages/lead/name",
                Map.of("name", "Prospect"), ANNA);

        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(renamed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(storedEvents(existing)).isEqualTo(1);
        assertThat(catalog.find(existing).orElseThrow().stage("lead").orElseThrow().name()).isEqualTo("Lead");
    }

    @Test
    void anInvalidBodyIsAProblemListingEachFieldAndStoresNothing() {
        String pipelineId = newPipelineId();
        Map<String, Object> body = Map.of("pipelineId", pipelineId, "name", " ",
                "stages", List.of(Map.of("stageId", "lead stage", "name", "Lead", "probability", 120,
                        "timeLimit", "PT0S")),
                "idleLimit", "PT0S",
                "lostReasons", List.of(""));

        ResponseEntity<JsonNode> response = post("/pipelines", body, ADA);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(texts(response.getBody().get("errors"), "field")).contains("name", "stages[0].stageId",
                "stages[0].probability", "stages[0].timeLimit", "idleLimit", "lostReasons[0]");
        assertThat(storedEvents(pipelineId)).isZero();
    }

    @Test
    void everyChangeValidatesItsBody() {
        String path = "/pipelines/" + templatePipeline();
        Map<String, Map<String, Object>> invalid = new HashMap<>();
        invalid.put("POST " + path + "/stages", Map.of("stage", Map.of("stageId", "demo", "name", ""),
                "position", -1));
        invalid.put("PUT " + path + "/stages/lead/name", Map.of("name", ""));
        invalid.put("PUT " + path + "/stages/order", Map.of("stageIds", List.of()));
        invalid.put("PUT " + path + "/stages/lead/settings", Map.of("probability", -1));
        invalid.put("PUT " + path + "/lost-reasons", Map.of("lostReasons", List.of(" ")));
        invalid.put("PUT " + path + "/idle-limit", Map.of("occurredAt", "2026-11-16T09:00:00Z"));

        invalid.forEach((request, body) -> {
            String[] methodAndPath = request.split(" ");
            ResponseEntity<JsonNode> response = send(methodAndPath[0], methodAndPath[1], body, ADA);

            assertThat(response.getStatusCode()).as(request).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).as(request)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().path("errors").isEmpty()).as(request + ": " + response.getBody()).isFalse();
        });
        assertThat(storedEvents(path.substring("/pipelines/".length()))).isEqualTo(1);
    }

    @Test
    void aDurationThatIsNotIso8601IsABadRequest() {
        ResponseEntity<JsonNode> response = put("/pipelines/" + templatePipeline() + "/idle-limit",
                "{\"idleLimit\":\"two weeks\"}", ADA);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void brokenRulesAreAnsweredWithTheirNames() {
        String pipelineId = newPipelineId();
        String path = "/pipelines/" + pipelineId;
        post("/pipelines", legalPipeline(pipelineId), ADA);

        ResponseEntity<JsonNode> takenId = post(path + "/stages",
                Map.of("stage", Map.of("stageId", "review", "name", "Second review", "probability", 70),
                        "position", 1), ADA);
        assertThat(takenId.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(takenId.getBody().get("rule").asString()).isEqualTo("StageIdsUnique");

        ResponseEntity<JsonNode> notAPermutation = put(path + "/stages/order",
                Map.of("stageIds", List.of("signed", "signed")), ADA);
        assertThat(notAPermutation.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notAPermutation.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<JsonNode> unknownStage = put(path + "/stages/draft/name", Map.of("name", "Draft"), ADA);
        assertThat(unknownStage.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<JsonNode> positionOutside = post(path + "/stages",
                Map.of("stage", Map.of("stageId", "draft", "name", "Draft", "probability", 20), "position", 3), ADA);
        assertThat(positionOutside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(send("DELETE", path + "/stages/review", null, ADA).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> lastStage = send("DELETE", path + "/stages/signed", null, ADA);
        assertThat(lastStage.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(lastStage.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(lastStage.getBody().get("rule").asString()).isEqualTo("PipelineKeepsAStage");

        assertThat(storedEvents(pipelineId)).isEqualTo(2);
        assertThat(catalog.find(pipelineId).orElseThrow().stages()).extracting(stage -> stage.stageId())
                .containsExactly("signed");
    }

    @Test
    void definingTheSamePipelineTwiceIsAConflictAndStoresNothingMore() {
        String pipelineId = templatePipeline();

        ResponseEntity<JsonNode> again = post("/pipelines", legalPipeline(pipelineId), ADA);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(storedEvents(pipelineId)).isEqualTo(1);
        assertThat(catalog.find(pipelineId).orElseThrow().name()).isEqualTo("Sales");
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        ResponseEntity<JsonNode> read = get("/pipelines/no-such-pipeline", ANNA);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<JsonNode> change = put("/pipelines/no-such-pipeline/idle-limit", Map.of("idleLimit", "P1D"),
                ADA);
        assertThat(change.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(change.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void pipelineEventsArePublishedWithDurationsAsIsoText() {
        String pipelineId = templatePipeline();

        JsonNode envelope = awaitPublished(pipelineId);

        assertThat(envelope.get("type").asString()).isEqualTo("PipelineDefined");
        assertThat(envelope.get("version").asInt()).isEqualTo(1);
        assertThat(envelope.get("aggregateId").asString()).isEqualTo(pipelineId);
        assertThat(envelope.get("actor").asString()).isEqualTo("ada");
        JsonNode payload = envelope.get("payload");
        assertThat(payload.get("idleLimit").asString()).isEqualTo("PT336H");
        assertThat(payload.get("stages").get(0).get("timeLimit").asString()).isEqualTo("PT336H");
    }

    @Test
    void theOpenApiDocumentDescribesDurationsAsText() {
        JsonNode api = get("/v3/api-docs", null).getBody();

        JsonNode idleLimit = api.get("components").get("schemas").get("DefinePipelineRequest").get("properties")
                .get("idleLimit");
        assertThat(idleLimit.toString()).contains("string").contains("duration").contains("P14D");
        assertThat(api.get("paths").get("/pipelines/{pipelineId}").has("get")).isTrue();
    }
}
