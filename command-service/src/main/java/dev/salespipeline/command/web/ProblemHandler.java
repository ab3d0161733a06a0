package dev.salespipeline.command.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.salespipeline.command.deal.command.UnknownPipelineException;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.command.rules.RuleViolation;

/**
 * Turns every error into RFC 9457 problem JSON. Validation failures list each field with its message;
 * broken rules and refusing access policies carry their name in {@code rule}. An exception that
 * arrives wrapped (in Axon's {@code CommandExecutionException}, say) is matched by its cause.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        addErrors(ex.getBindingResult().getAllErrors(), errors);
        return invalid(errors);
    }

    /** Raised instead of the above when a path parameter is validated too: same answer. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                addErrors(parameterErrors.getAllErrors(), errors);
            } else {
                String parameter = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.add(Map.of(
                        "field", String.valueOf(parameter), "message", String.valueOf(error.getDefaultMessage()))));
            }
        }
        return invalid(errors);
    }

    private static void addErrors(List<? extends ObjectError> bindingErrors, List<Map<String, String>> errors) {
        for (ObjectError error : bindingErrors) {
            errors.add(Map.of(
                    "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                    "message", String.valueOf(error.getDefaultMessage())));
        }
    }

    private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setTitle("Invalid request");
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

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleBroken(RuleViolation ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle("Rule broken");
        problem.setProperty("rule", ex.rule());
        ex.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(AccessDenied.class)
    ProblemDetail accessDenied(AccessDenied ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Forbidden");
        problem.setProperty("rule", ex.policy());
        return problem;
    }

    /** Worded as {@link #notFound}, so that an aggregate the caller may not see looks like one that is not there. */
    @ExceptionHandler(NotVisible.class)
    ProblemDetail notVisible(NotVisible ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + ex.aggregateId() + " here.");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(UnknownPipelineException.class)
    ProblemDetail unknownPipeline(UnknownPipelineException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    /** The If-Match version is not the aggregate's current one: someone changed it meanwhile. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "'" + ex.getAggregateIdentifier() + "' is at version " + ex.getActualVersion() + ", not " + ex.getExpectedVersion()
                        + ": reload it and decide again.");
        problem.setTitle("Changed meanwhile");
        problem.setProperty("currentVersion", ex.getActualVersion());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + ex.getAggregateIdentifier() + " here.");
        problem.setTitle("Not found");
        return problem;
    }

    /**
     * The id names another kind of aggregate (a command on a deal sent with a pipeline's id, say), which Axon
     * refuses as it loads it: to the caller there is nothing of this kind under that id.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail otherKind(IncompatibleAggregateException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Nothing of this kind here under that id.");
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

}
