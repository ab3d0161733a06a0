package dev.salespipeline.query.web;

/** The request's parameters do not make sense together. Answered with 400 problem JSON. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
