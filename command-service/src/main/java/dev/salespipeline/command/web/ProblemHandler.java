package dev.salespipeline.command.web;

import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.salespipeline.command.deal.command.DealAccessDeniedException;

/**
 * Turns every error into RFC 9457 problem JSON. Validation failures list each field with its message;
 * broken domain rules carry the rule's name in {@code rule}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setTitle("Invalid request");
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof org.springframework.validation.FieldError field
                                ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    @ExceptionHandler(BusinessTime.OccurredInTheFutureException.class)
    ProblemDetail occurredInTheFuture(BusinessTime.OccurredInTheFutureException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle("Business time in the future");
        problem.setProperty("rule", "BusinessTimeNotInFuture");
        return problem;
    }

    @ExceptionHandler(DealAccessDeniedException.class)
    ProblemDetail accessDenied(DealAccessDeniedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Forbidden");
        problem.setProperty("rule", "DealAccessPolicy");
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + ex.getAggregateIdentifier() + " here.");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail alreadyExists(AggregateStreamCreationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "An aggregate with this id exists already.");
        problem.setTitle("Already exists");
        return problem;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail conflict(ConcurrencyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The aggregate was changed by another command meanwhile.");
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof IllegalArgumentException illegal) {
            return badInput(illegal);
        }
        if (cause instanceof DealAccessDeniedException denied) {
            return accessDenied(denied);
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return notFound(missing);
        }
        if (cause instanceof AggregateStreamCreationException exists) {
            return alreadyExists(exists);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return conflict(concurrency);
        }
        throw ex;
    }
}
