package dev.salespipeline.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to one service, with a bearer token. Safe to use from several threads: they share the connection
 * pool of one {@link HttpClient}.
 */
final class Rest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final JsonMapper json;
    private final HttpClient http;

    Rest(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
        // HTTP/1.1 straight away: the services speak nothing else in plain text, and an upgrade attempt costs a
        // round trip on each new connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Sends a request and waits for the whole answer.
     *
     * @param body     what to send as JSON (a map, a record...), or null for no body
     * @param expected the status the request must answer with
     * @return the answer; its {@link Response#receivedNanos()} is {@link System#nanoTime()} once it was read
     * @throws RestException if the answer has another status, or the service cannot be reached
     */
    Response send(Caller caller, String method, String path, Object body, int expected) {
        Response response = exchange(caller, method, path, body);
        if (response.status() != expected) {
            throw new RestException(method + " " + path + " answered " + response.status() + " instead of "
                    + expected + ": " + response.text(), null);
        }
        return response;
    }

    /** A GET whatever status it answers with; the body is read as JSON only on 200. */
    Response get(Caller caller, String path) {
        return exchange(caller, "GET", path, null);
    }

    private Response exchange(Caller caller, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + caller.token())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RestException(method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(method + " " + base.resolve(path) + " was interrupted", e);
        }
        long received = System.nanoTime();
        String text = response.body();
        boolean json200 = response.statusCode() / 100 == 2 && text != null && !text.isBlank();
        return new Response(response.statusCode(), json200 ? json.readTree(text) : null, text, received);
    }

    /**
     * @param status        the HTTP status
     * @param body          the JSON body of a successful answer, or null if there was none
     * @param text          the body as it came
     * @param receivedNanos {@link System#nanoTime()} when the answer had been read
     */
    record Response(int status, JsonNode body, String text, long receivedNanos) {
    }

    static final class RestException extends RuntimeException {

        RestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
