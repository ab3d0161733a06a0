package dev.salespipeline.query.events;

/**
 * A record on the event topic that does not hold a readable event. Retrying cannot help: it goes
 * to the dead-letter topic with this message as the reason.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
