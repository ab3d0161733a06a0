package dev.salespipeline.query.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client as a browser's EventSource works, on the JDK's HTTP client: reads the
 * text/event-stream lines on a thread of its own and hands out the events they make up.
 */
public final class SseClient implements AutoCloseable {

    /** One event: its id, name ({@code event:}) and data. */
    public record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> unknownLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private final String body;
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            try (Stream<String> lines = response.body()) {
                this.body = lines.collect(Collectors.joining("\n"));
            }
            this.reader = null;
            return;
        }
        this.body = null;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; returns once the status and headers are in. */
    public static SseClient connect(String url, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The body of an answer other than 200. */
    public String body() {
        return body;
    }

    /** The next event, or null if none comes within {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} events, each within {@code timeout} of the one before; fewer if they stop coming. */
    public List<Event> next(int count, Duration timeout) throws InterruptedException {
        List<Event> received = new ArrayList<>();
        while (received.size() < count) {
            Event event = next(timeout);
            if (event == null) {
                break;
            }
            received.add(event);
        }
        return received;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    continue;
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> {
                            // The reconnection delay: nothing to check.
                        }
                        default -> unknownLines.add(line);
                    }
                }
            }
            ended = true;
        } catch (RuntimeException closed) {
            // Closed by this side.
        }
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** Lines that are no part of an event stream, such as an error body written into it. */
    public List<String> unknownLines() {
        return unknownLines;
    }

    /** Drops the connection, as a client that goes away. */
    @Override
    public void close() {
        if (reader != null) {
            response.body().close();
            reader.interrupt();
        }
    }
}
