package dev.salespipeline.query.web;

/** The requested read model document does not exist (yet). Answered with 404 problem JSON. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
