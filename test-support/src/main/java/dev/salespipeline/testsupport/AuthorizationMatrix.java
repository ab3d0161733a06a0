package dev.salespipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls every endpoint of a service as every kind of caller and checks each answer's status against
 * the expected one. The endpoints come from the service's own OpenAPI document, so an endpoint that
 * has no row here fails the check instead of going unnoticed.
 *
 * <pre>{@code
 * AuthorizationMatrix.of("http://localhost:" + port)
 *         .caller("anonymous", null)
 *         .caller("rep", TestTokens.user("anna").roles("rep").team("north").token())
 *         .endpoint("GET /deals/{dealId}", () -> Request.get("/deals/" + dealId),
 *                 Map.of("anonymous", 401, "rep", 200))
 *         .verify();
 * }</pre>
 */
public final class AuthorizationMatrix {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> callers = new LinkedHashMap<>();
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private AuthorizationMatrix(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static AuthorizationMatrix of(String baseUrl) {
        return new AuthorizationMatrix(baseUrl);
    }

    /** A column: a caller by name, with its bearer token, or null for no Authorization header. */
    public AuthorizationMatrix caller(String name, String token) {
        callers.put(name, token);
        return this;
    }

    /**
     * A row: the operation as the OpenAPI document names it ({@code "POST /deals/{dealId}/amount"}),
     * how to make a request to it (called once per caller, so that each may use fresh ids), and the
     * status each caller must get.
     */
    public AuthorizationMatrix endpoint(String operation, Supplier<Request> request, Map<String, Integer> expected) {
        rows.put(operation, new Row(request, Map.copyOf(expected)));
        return this;
    }

    /** A request to make: method, path with its parameters filled in, and an optional JSON body. */
    public record Request(String method, String path, String jsonBody) {

        public static Request get(String path) {
            return new Request("GET", path, null);
        }

        public static Request post(String path, String jsonBody) {
            return new Request("POST", path, jsonBody);
        }

        public static Request put(String path, String jsonBody) {
            return new Request("PUT", path, jsonBody);
        }

        public static Request delete(String path) {
            return new Request("DELETE", path, null);
        }
    }

    private record Row(Supplier<Request> request, Map<String, Integer> expected) {
    }

    /**
     * Checks that the rows name exactly the documented operations and that every caller gets its
     * expected status everywhere; reports every mismatch at once.
     */
    public void verify() throws IOException, InterruptedException {
        Set<String> documented = documentedOperations();
        List<String> problems = new ArrayList<>();
        Set<String> undocumented = new TreeSet<>(rows.keySet());
        undocumented.removeAll(documented);
        Set<String> withoutRow = new TreeSet<>(documented);
        withoutRow.removeAll(rows.keySet());
        if (!withoutRow.isEmpty()) {
            problems.add("endpoints without an authorization row: " + withoutRow);
        }
        if (!undocumented.isEmpty()) {
            problems.add("rows for endpoints the OpenAPI document does not list: " + undocumented);
        }
        rows.forEach((operation, row) -> {
            if (!row.expected().keySet().equals(callers.keySet())) {
                problems.add(operation + ": expected statuses for " + row.expected().keySet() + " but the callers are "
                        + callers.keySet());
            }
        });
        if (problems.isEmpty()) {
            for (Map.Entry<String, Row> row : rows.entrySet()) {
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    Request request = row.getValue().request().get();
                    int status = send(request, caller.getValue());
                    int expected = row.getValue().expected().get(caller.getKey());
                    if (status != expected) {
                        problems.add(row.getKey() + " as " + caller.getKey() + ": expected " + expected + ", got "
                                + status + " (" + request.method() + " " + request.path() + ")");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Authorization matrix of " + baseUrl + " does not hold:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private Set<String> documentedOperations() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("no OpenAPI document at " + baseUrl + "/v3/api-docs: " + response.statusCode());
        }
        Set<String> operations = new TreeSet<>();
        JsonNode paths = JSON.readTree(response.body()).get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    private int send(Request request, String token) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (request.jsonBody() != null) {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.jsonBody()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            // An event stream does not end: its status is all that is needed, and closing it ends it.
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
        return response.statusCode();
    }
}
