package dev.salespipeline.command.activity.webhook;

import java.time.Clock;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.command.activity.command.Activity.Recorded;
import dev.salespipeline.command.activity.ingest.ActivityIngest;
import dev.salespipeline.command.activity.ingest.ActivityReports;
import dev.salespipeline.command.activity.ingest.RejectedReport;
import dev.salespipeline.command.web.RequestMetadataResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The activity webhook: the same report as on the ingest topic, for systems that call out over HTTP.
 * Authenticated by its signature ({@link WebhookSignature}), not by a bearer token.
 */
@RestController
@EnableConfigurationProperties(WebhookProperties.class)
@Tag(name = "Activity ingest", description = "Calls and emails reported by telephony and email systems")
class ActivityWebhookController {

    static final String PATH = "/webhooks/activities";

    private final WebhookSignature signature;
    private final ActivityReports reports;
    private final ActivityIngest ingest;

    ActivityWebhookController(WebhookProperties properties, Clock clock, ActivityReports reports,
                              ActivityIngest ingest) {
        this.signature = new WebhookSignature(properties, clock);
        this.reports = reports;
        this.ingest = ingest;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report a call or an email",
            description = "Body: an ActivityReport (see the ingest topic's schema). Headers: Webhook-Source, "
                    + "Webhook-Timestamp (Unix seconds) and Webhook-Signature (sha256=<hex HMAC-SHA256 of "
                    + "'<timestamp>.<body>' keyed with the source's secret). Answers 202 with the activity id, the "
                    + "deal it was matched to, if any, and whether the report had been recorded before; 401 when "
                    + "the signature is wrong or older than the tolerance, and nothing is recorded then; 413 when the "
                    + "body is larger than pipeline.http.max-transcript-body-bytes (640 KiB by default), checked "
                    + "before the signature.")
    ResponseEntity<Accepted> report(@RequestHeader(name = WebhookSignature.SOURCE_HEADER, required = false) String source,
                                    @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false)
                                    String timestamp,
                                    @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false)
                                    String signatureHeader,
                                    @RequestHeader(name = RequestMetadataResolver.CORRELATION_HEADER, required = false)
                                    String correlationId,
                                    @RequestBody byte[] body) {
        // A body over pipeline.http.max-transcript-body-bytes never gets here: BodyLimitFilter answered 413
        // before it was read, and so before its signature was computed.
        signature.verify(source, timestamp, signatureHeader, body);
        ActivityReport report = reports.read(body);
        if (!report.sourceSystem().equals(source)) {
            throw new SourceMismatchException("a request signed by '" + source + "' may not report activities of '"
                    + report.sourceSystem() + "'");
        }
        String correlation = correlationId == null || correlationId.isBlank() || correlationId.length() > 200
                ? UUID.randomUUID().toString() : correlationId.strip();
        Recorded recorded = ingest.record(report, correlation);
        return ResponseEntity.accepted()
                .body(new Accepted(recorded.activityId(), recorded.match().name(), recorded.dealId(),
                        recorded.duplicate()));
    }

    /** What the webhook answers: the activity's id, how it was matched, its deal, and whether it was a repeat. */
    record Accepted(String activityId, String match, String dealId, boolean duplicate) {
    }

    @ExceptionHandler(WebhookSignature.InvalidSignatureException.class)
    ResponseEntity<ProblemDetail> invalidSignature(WebhookSignature.InvalidSignatureException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
        problem.setTitle("Invalid webhook signature");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "HMAC-SHA256 realm=\"activity-webhook\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(SourceMismatchException.class)
    ProblemDetail sourceMismatch(SourceMismatchException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler(RejectedReport.class)
    ProblemDetail rejected(RejectedReport ex) {
        HttpStatus status = switch (ex.reason()) {
            case RejectedReport.FUTURE_TIMESTAMP, RejectedReport.UNKNOWN_DEAL -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle("Report rejected");
        problem.setProperty("reason", ex.reason());
        return problem;
    }

    static class SourceMismatchException extends RuntimeException {

        SourceMismatchException(String message) {
            super(message);
        }
    }
}
