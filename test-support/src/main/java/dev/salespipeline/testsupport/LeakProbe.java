package dev.salespipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls every GET operation of a service's OpenAPI document as each caller, with every path variable filled from
 * every candidate value (those the caller may see and those it may not) and every known query parameter tried with
 * each of its candidates (required ones always given, with their first candidate unless tried with another), reads
 * every event stream for a while, and fails if any answer holds a marker: a value that only data the callers may
 * not see contains. {@link #seen()} probes the same way without failing, so that a test can show that a caller
 * who may see everything does see the markers, and the probe therefore reaches the data. Operations come from the service's own document, so a new endpoint or
 * stream is probed without editing the test that uses this.
 *
 * <pre>{@code
 * LeakProbe.of("http://localhost:" + port)
 *         .caller("rep anna", annaToken)
 *         .values("dealId", northDeal, southDeal)
 *         .values("ownerId", "anna", "sam")
 *         .markers("SOUTH-TITLE-4711", "+49 89 4711")
 *         .verify();
 * }</pre>
 */
public final class LeakProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final int MAX_REQUESTS_PER_OPERATION = 64;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> callers = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> markers = new LinkedHashSet<>();
    private Duration streamReading = Duration.ofSeconds(3);
    private final List<String> probed = new ArrayList<>();

    private LeakProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static LeakProbe of(String baseUrl) {
        return new LeakProbe(baseUrl);
    }

    /** A caller by name, with its bearer token. */
    public LeakProbe caller(String name, String token) {
        callers.put(name, token);
        return this;
    }

    /** Candidate values of a path variable or query parameter of that name, wherever an operation has one. */
    public LeakProbe values(String parameter, String... candidates) {
        values.computeIfAbsent(parameter, name -> new ArrayList<>()).addAll(List.of(candidates));
        return this;
    }

    /** Values that no answer to these callers may contain. */
    public LeakProbe markers(String... leaked) {
        markers.addAll(List.of(leaked));
        return this;
    }

    /** How long each event stream is read. */
    public LeakProbe readStreamsFor(Duration duration) {
        this.streamReading = duration;
        return this;
    }

    /** The requests made by the last {@link #verify()}, as {@code caller: GET path -> status}. */
    public List<String> probed() {
        return List.copyOf(probed);
    }

    /** Probes every GET operation as every caller; reports every leak at once. */
    public void verify() throws IOException, InterruptedException {
        List<String> leaks = probe(new LinkedHashSet<>());
        if (!leaks.isEmpty()) {
            throw new AssertionError("Answers of " + baseUrl + " show what their callers may not see:\n  "
                    + String.join("\n  ", leaks));
        }
    }

    /** Probes as {@link #verify()} does, without failing; answers the markers that some answer showed. */
    public Set<String> seen() throws IOException, InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        probe(seen);
        return seen;
    }

    private List<String> probe(Set<String> seen) throws IOException, InterruptedException {
        if (markers.isEmpty() || callers.isEmpty()) {
            throw new IllegalStateException("a leak probe needs callers and markers");
        }
        probed.clear();
        List<String> leaks = new ArrayList<>();
        JsonNode paths = document().get("paths");
        for (String template : new TreeSet<>(paths.propertyNames())) {
            JsonNode get = paths.get(template).get("get");
            if (get == null) {
                continue;
            }
            boolean stream = producesEventStream(get);
            for (String path : requests(template, queryParameters(paths.get(template), get))) {
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    Answer answer = stream ? readStream(path, caller.getValue()) : read(path, caller.getValue());
                    probed.add(caller.getKey() + ": GET " + path + " -> " + answer.status());
                    for (String marker : markers) {
                        if (answer.body().contains(marker)) {
                            seen.add(marker);
                            leaks.add(caller.getKey() + ": GET " + path + " (" + answer.status() + ") shows " + marker);
                        }
                    }
                }
            }
        }
        return leaks;
    }

    private JsonNode document() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("no OpenAPI document at " + baseUrl + "/v3/api-docs: " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static boolean producesEventStream(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (response.path("content").has(EVENT_STREAM)) {
                return true;
            }
        }
        return false;
    }

    private static List<QueryParameter> queryParameters(JsonNode pathItem, JsonNode operation) {
        List<QueryParameter> found = new ArrayList<>();
        for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.path("in").asString())) {
                    found.add(new QueryParameter(parameter.path("name").asString(),
                            parameter.path("required").asBoolean(false)));
                }
            }
        }
        return found;
    }

    private record QueryParameter(String name, boolean required) {
    }

    /**
     * The paths to call for one operation: every combination of the path variables' candidates, first with no query
     * parameters, then with each known query parameter set to each of its candidates in turn, the required ones
     * given their first candidate where they are not the one tried (the optional ones left out).
     */
    private List<String> requests(String template, List<QueryParameter> queryParameters) {
        List<String> paths = List.of(template);
        Matcher variables = PATH_VARIABLE.matcher(template);
        while (variables.find()) {
            String name = variables.group(1);
            List<String> candidates = values.getOrDefault(name, List.of("unknown-" + name));
            List<String> filled = new ArrayList<>();
            for (String path : paths) {
                for (String candidate : candidates) {
                    filled.add(path.replace("{" + name + "}", encode(candidate)));
                }
            }
            paths = filled;
        }
        List<String> requests = new ArrayList<>(paths);
        for (String path : paths) {
            for (QueryParameter tried : queryParameters) {
                for (String candidate : values.getOrDefault(tried.name(), List.of())) {
                    StringBuilder query = new StringBuilder();
                    for (QueryParameter parameter : queryParameters) {
                        String value = parameter == tried ? candidate : parameter.required()
                                ? values.getOrDefault(parameter.name(), List.of()).stream().findFirst().orElse(null)
                                : null;
                        if (value != null) {
                            query.append(query.isEmpty() ? "?" : "&").append(encode(parameter.name())).append('=')
                                    .append(encode(value));
                        }
                    }
                    requests.add(path + query);
                }
            }
        }
        return requests.size() > MAX_REQUESTS_PER_OPERATION ? requests.subList(0, MAX_REQUESTS_PER_OPERATION) : requests;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.GET().build();
    }

    private Answer read(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, token), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Reads an event stream for {@link #streamReading}, then closes it. */
    private Answer readStream(String path, String token) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(path, token), HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder body = new StringBuilder();
        try (InputStream in = response.body()) {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        synchronized (body) {
                            body.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException closed) {
                    // Closed after the reading time: what was read is the answer.
                }
            });
            try {
                reading.get(streamReading.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillOpen) {
                // The usual case: a live stream does not end by itself.
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
        synchronized (body) {
            return new Answer(response.statusCode(), body.toString());
        }
    }

    private record Answer(int status, String body) {
    }
}
