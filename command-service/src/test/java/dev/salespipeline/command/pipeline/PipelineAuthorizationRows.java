package dev.salespipeline.command.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The rows of the command side's authorization matrix for the pipeline endpoints: everyone who works
 * with deals reads a pipeline, only admins change one. Each request is one an admin may make
 * successfully, on pipelines this class defines as the admin it is given.
 *
 * <p>Kept free of test-support types (only classes named {@code ...Test} may use them, see
 * {@code ModuleBoundaries}); a test adds the rows to its {@code AuthorizationMatrix} like this:
 * <pre>{@code
 * Map<String, String> roles = Map.of("anonymous", PipelineAuthorizationRows.ANONYMOUS, "admin", "admin", ...);
 * for (PipelineAuthorizationRows.Row row : PipelineAuthorizationRows.of(baseUrl, adminToken).rows()) {
 *     matrix.endpoint(row.operation(), () -> {
 *         PipelineAuthorizationRows.Call call = row.call().get();
 *         return new AuthorizationMatrix.Request(call.method(), call.path(), call.jsonBody());
 *     }, row.expected(roles));
 * }
 * }</pre>
 */
public final class PipelineAuthorizationRows {

    /** The role to give a caller without a token. */
    public static final String ANONYMOUS = "anonymous";

    private static final Set<String> READERS = Set.of("admin", "manager", "rep", "viewer");

    /** A request to make: method, path with its ids filled in, and a JSON body or null. */
    public record Call(String method, String path, String jsonBody) {
    }

    /**
     * One row: the operation as the OpenAPI document names it, how to call it (fresh ids on each call),
     * the status of an admin's call, and whether every role that works with deals may call it.
     */
    public record Row(String operation, Supplier<Call> call, int adminStatus, boolean readableByAll) {

        /** The status each caller must get, given each caller's role ({@link #ANONYMOUS} for no token). */
        public Map<String, Integer> expected(Map<String, String> roleByCaller) {
            Map<String, Integer> expected = new HashMap<>();
            roleByCaller.forEach((caller, role) -> expected.put(caller, statusFor(role)));
            return expected;
        }

        private int statusFor(String role) {
            if (ANONYMOUS.equals(role)) {
                return 401;
            }
            if ("admin".equals(role)) {
                return adminStatus;
            }
            return readableByAll && READERS.contains(role) ? 200 : 403;
        }
    }

    private final String baseUrl;
    private final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();
    private String sharedPipeline;

    private PipelineAuthorizationRows(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
    }

    public static PipelineAuthorizationRows of(String baseUrl, String adminToken) {
        return new PipelineAuthorizationRows(baseUrl, adminToken);
    }

    public List<Row> rows() {
        return List.of(
                new Row("POST /pipelines", () -> post("/pipelines", """
                        {"pipelineId":"%s","name":"Legal","stages":[{"stageId":"review","name":"Review",\
                        "probability":80}],"idleLimit":"P7D","lostReasons":["Rejected"]}""".formatted(newId())),
                        201, false),
                new Row("POST /pipelines/template", () -> post("/pipelines/template",
                        "{\"pipelineId\":\"" + newId() + "\"}"), 201, false),
                new Row("GET /pipelines/{pipelineId}", () -> get("/pipelines/" + sharedPipeline()), 200, true),
                new Row("POST /pipelines/{pipelineId}/stages", () -> post(
                        "/pipelines/" + sharedPipeline() + "/stages", """
                        {"stage":{"stageId":"%s","name":"Demo","probability":30},"position":0}""".formatted(newId())),
                        204, false),
                new Row("PUT /pipelines/{pipelineId}/stages/{stageId}/name", () -> put(
                        "/pipelines/" + sharedPipeline() + "/stages/lead/name",
                        "{\"name\":\"Lead " + newId() + "\"}"), 204, false),
                new Row("PUT /pipelines/{pipelineId}/stages/order", () -> put(
                        "/pipelines/" + newPipeline() + "/stages/order", """
                        {"stageIds":["contract-sent","negotiation","proposal-sent","qualified","lead"]}"""),
                        204, false),
                new Row("DELETE /pipelines/{pipelineId}/stages/{stageId}", () -> new Call("DELETE",
                        "/pipelines/" + newPipeline() + "/stages/negotiation", null), 204, false),
                new Row("PUT /pipelines/{pipelineId}/stages/{stageId}/settings", () -> put(
                        "/pipelines/" + sharedPipeline() + "/stages/lead/settings",
                        "{\"probability\":" + ThreadLocalRandom.current().nextInt(101) + ",\"timeLimit\":\"P3D\"}"),
                        204, false),
                new Row("PUT /pipelines/{pipelineId}/lost-reasons", () -> put(
                        "/pipelines/" + sharedPipeline() + "/lost-reasons",
                        "{\"lostReasons\":[\"Price\",\"Reason " + newId() + "\"]}"), 204, false),
                new Row("PUT /pipelines/{pipelineId}/idle-limit", () -> put(
                        "/pipelines/" + sharedPipeline() + "/idle-limit",
                        "{\"idleLimit\":\"P" + (1 + ThreadLocalRandom.current().nextInt(60)) + "D\"}"), 204, false));
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static Call post(String path, String jsonBody) {
        return new Call("POST", path, jsonBody);
    }

    private static Call put(String path, String jsonBody) {
        return new Call("PUT", path, jsonBody);
    }

    private static String newId() {
        return "p-" + UUID.randomUUID();
    }

    /** A default pipeline for the rows whose admin request may be repeated on it. */
    private String sharedPipeline() {
        if (sharedPipeline == null) {
            sharedPipeline = newPipeline();
        }
        return sharedPipeline;
    }

    /** A new default pipeline, defined as the admin. */
    private String newPipeline() {
        String pipelineId = newId();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/pipelines/template"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipelineId\":\"" + pipelineId + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not define pipeline " + pipelineId + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not define pipeline " + pipelineId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while defining pipeline " + pipelineId, e);
        }
        return pipelineId;
    }
}
