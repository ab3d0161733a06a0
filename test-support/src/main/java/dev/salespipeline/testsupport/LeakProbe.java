package dev.salespipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls every GET operation of a service's OpenAPI document as each caller, with every path variable filled from
 * every candidate value (those the caller may see and those it may not) and every known query or header parameter
 * (such as {@code Last-Event-ID}, to make a stream replay) tried with each of its candidates, reads every event stream
 * for a while (a few at a time), and fails if any answer holds a marker: a value that only data the callers may not
 * see contains. {@link #reveals()} runs the same probe and says which markers each caller saw, so that a test can show
 * that the probe reaches the data at all (a caller who may see everything sees every marker). Operations come from the service's own document, so a new endpoint or
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
    private static final String REQUIRED = "required:";

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> callers = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> markers = new LinkedHashSet<>();
    private Duration streamReading = Duration.ofSeconds(3);
    private int streamsAtOnce = 4;
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

    /** How many event streams are read at the same time (1 reads them one after the other). */
    public LeakProbe readStreamsAtOnce(int streams) {
        if (streams < 1) {
            throw new IllegalArgumentException("at least one stream at a time: " + streams);
        }
        this.streamsAtOnce = streams;
        return this;
    }

    /** The requests made by the last {@link #verify()} or {@link #reveals()}, as {@code caller: GET path -> status}. */
    public List<String> probed() {
        synchronized (probed) {
            return List.copyOf(probed);
        }
    }

    /** Probes every GET operation as every caller; reports every leak at once. */
    public void verify() throws IOException, InterruptedException {
        List<String> leaks = probe();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Answers of " + baseUrl + " show what their callers may not see:\n  "
                    + String.join("\n  ", leaks));
        }
    }

    /**
     * Probes as {@link #verify()} does, without failing: which markers each caller saw anywhere, by caller name
     * (every caller is named, with an empty set if it saw none).
     */
    public Map<String, Set<String>> reveals() throws IOException, InterruptedException {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        callers.keySet().forEach(caller -> seen.put(caller, new TreeSet<>()));
        for (String leak : probe()) {
            String caller = leak.substring(0, leak.indexOf(": GET "));
            seen.get(caller).add(leak.substring(leak.lastIndexOf(" shows ") + " shows ".length()));
        }
        return seen;
    }

    /** Probes as {@link #verify()} does, without failing: the markers that any caller saw anywhere. */
    public Set<String> seen() throws IOException, InterruptedException {
        Set<String> seen = new TreeSet<>();
        reveals().values().forEach(seen::addAll);
        return seen;
    }

    /** Every request as every caller; the answers that show a marker, as {@code caller: GET path (status) shows marker}. */
    private List<String> probe() throws IOException, InterruptedException {
        if (markers.isEmpty() || callers.isEmpty()) {
            throw new IllegalStateException("a leak probe needs callers and markers");
        }
        synchronized (probed) {
            probed.clear();
        }
        List<String> leaks = new ArrayList<>();
        List<Callable<Void>> streams = new ArrayList<>();
        JsonNode paths = document().get("paths");
        for (String template : new TreeSet<>(paths.propertyNames())) {
            JsonNode get = paths.get(template).get("get");
            if (get == null) {
                continue;
            }
            boolean stream = producesEventStream(get);
            for (Request request : requests(template, parameters(paths.get(template), get, "query"),
                    parameters(paths.get(template), get, "header"))) {
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    if (stream) {
                        streams.add(() -> {
                            check(caller.getKey(), request, readStream(request, caller.getValue()), leaks);
                            return null;
                        });
                    } else {
                        check(caller.getKey(), request, read(request, caller.getValue()), leaks);
                    }
                }
            }
        }
        ExecutorService readers = Executors.newFixedThreadPool(streamsAtOnce);
        try {
            for (Future<Void> reading : readers.invokeAll(streams)) {
                try {
                    reading.get();
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
        } finally {
            readers.shutdownNow();
        }
        synchronized (leaks) {
            return List.copyOf(leaks);
        }
    }

    private void check(String caller, Request request, Answer answer, List<String> leaks) {
        synchronized (probed) {
            probed.add(caller + ": GET " + request + " -> " + answer.status());
        }
        String asked = URLDecoder.decode(request.toString(), StandardCharsets.UTF_8);
        for (String marker : markers) {
            // A value the request itself names (a deal id in the path, say) may come back in the answer: not a leak.
            if (answer.body().contains(marker) && !asked.contains(marker)) {
                synchronized (leaks) {
                    leaks.add(caller + ": GET " + request + " (" + answer.status() + ") shows " + marker);
                }
            }
        }
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

    /** The names of the operation's parameters in {@code in} (query, header); required ones first. */
    private static List<String> parameters(JsonNode pathItem, JsonNode operation, String in) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                if (in.equals(parameter.path("in").asString()) && parameter.path("required").asBoolean(false)) {
                    names.add(REQUIRED + parameter.path("name").asString());
                }
            }
        }
        for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : parameters) {
                if (in.equals(parameter.path("in").asString()) && !parameter.path("required").asBoolean(false)) {
                    names.add(parameter.path("name").asString());
                }
            }
        }
        return names;
    }

    /** One request: a path with its query, and headers. */
    private record Request(String path, Map<String, String> headers) {

        @Override
        public String toString() {
            return headers.isEmpty() ? path : path + " " + headers;
        }
    }

    /**
     * The requests for one operation: every combination of the path variables' candidates, first with only the
     * required query parameters (each set to its first candidate, then each in turn to each of its other candidates),
     * then with each other known query parameter set to
     * each of its candidates in turn (the others left out), then with each known header set to each of its candidates
     * in turn.
     */
    private List<Request> requests(String template, List<String> queryParameters, List<String> headers) {
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
        List<String> requiredNames = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (String parameter : queryParameters) {
            if (parameter.startsWith(REQUIRED)) {
                String name = parameter.substring(REQUIRED.length());
                if (!values.getOrDefault(name, List.of()).isEmpty()) {
                    requiredNames.add(name);
                }
            } else {
                optional.add(parameter);
            }
        }
        // Every required parameter is given: its first candidate, or in turn each of its others (the rest at their
        // first), so that a required parameter such as an actor is tried with every value too.
        List<String> requiredQueries = new ArrayList<>();
        requiredQueries.add(requiredQuery(requiredNames, null, null));
        for (String tried : requiredNames) {
            List<String> candidates = values.get(tried);
            for (String candidate : candidates.subList(1, candidates.size())) {
                requiredQueries.add(requiredQuery(requiredNames, tried, candidate));
            }
        }
        List<String> bases = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (String path : paths) {
            for (int i = 0; i < requiredQueries.size(); i++) {
                String query = requiredQueries.get(i);
                String request = query.isEmpty() ? path : path + "?" + query;
                requests.add(new Request(request, Map.of()));
                if (i == 0) {
                    bases.add(request);
                }
            }
        }
        for (String path : bases) {
            String separator = path.contains("?") ? "&" : "?";
            for (String parameter : optional) {
                for (String candidate : values.getOrDefault(parameter, List.of())) {
                    requests.add(new Request(path + separator + encode(parameter) + "=" + encode(candidate),
                            Map.of()));
                }
            }
            for (String header : headers) {
                String name = header.startsWith(REQUIRED) ? header.substring(REQUIRED.length()) : header;
                for (String candidate : values.getOrDefault(name, List.of())) {
                    requests.add(new Request(path, Map.of(name, candidate)));
                }
            }
        }
        return requests.size() > MAX_REQUESTS_PER_OPERATION ? requests.subList(0, MAX_REQUESTS_PER_OPERATION) : requests;
    }

    private String requiredQuery(List<String> names, String tried, String candidate) {
        List<String> pairs = new ArrayList<>();
        for (String name : names) {
            String value = name.equals(tried) ? candidate : values.get(name).get(0);
            pairs.add(encode(name) + "=" + encode(value));
        }
        return String.join("&", pairs);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest request(Request request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        request.headers().forEach(builder::header);
        return builder.GET().build();
    }

    private Answer read(Request request, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(request, token), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Reads an event stream for {@link #streamReading}, then closes it. */
    private Answer readStream(Request request, String token) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(request, token),
                HttpResponse.BodyHandlers.ofInputStream());
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
            }, LeakProbe::onOwnThread);
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

    /** Each stream is read on a thread of its own: a shared pool may be too small to read several at once. */
    private static void onOwnThread(Runnable reading) {
        Thread thread = new Thread(reading, "leak-probe-stream");
        thread.setDaemon(true);
        thread.start();
    }

    private record Answer(int status, String body) {
    }
}
