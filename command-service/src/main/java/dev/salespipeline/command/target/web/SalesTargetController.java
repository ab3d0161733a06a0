package dev.salespipeline.command.target.web;

import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.ExpectedVersion;
import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.ChangeSalesTarget;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SetSalesTarget;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.api.target.WithdrawSalesTarget;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.command.target.command.SalesTargetAccessPolicy;
import dev.salespipeline.command.target.table.SalesTargetTable;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.RequestMetadata;
import dev.salespipeline.command.web.RequestMetadataResolver;
import dev.salespipeline.command.web.WithinYears;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * REST commands on sales targets, and the current targets of a pipeline and period. A target is
 * addressed by its pipeline, subject and period, from which its id is built; a PUT sets the target if
 * there is none yet and changes its amount otherwise. Each request becomes one Axon command carrying
 * the request's metadata. The list is read from {@link SalesTargetTable}, updated in the transaction
 * that stores each change, so a read right after a change sees it.
 *
 * <p>The pipeline id in the path addresses a pipeline that exists (an unknown one is answered 404) and
 * carries no constraint; subject and period are checked, and reported with the body's invalid fields.
 */
@RestController
@RequestMapping("/pipelines/{pipelineId}/targets")
@Tag(name = "Sales targets", description = "The amounts owners and teams are to win per pipeline, month or quarter")
class SalesTargetController {

    private static final String CORRELATION = "Correlation id shared by everything this request causes; "
            + "generated when absent";
    private static final String SUBJECT_TYPES = "owner|team";
    private static final String SUBJECT_TYPE_MESSAGE = "must be owner or team";
    private static final String PERIOD_MESSAGE = "must be a month such as 2026-11 or a quarter such as 2026-Q4";

    private final CommandGateway commands;
    private final EventStore events;
    private final SalesTargetTable table;
    private final PipelineCatalog pipelines;
    private final Clock clock;

    SalesTargetController(CommandGateway commands, EventStore events, SalesTargetTable table,
                          PipelineCatalog pipelines, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.table = table;
        this.pipelines = pipelines;
        this.clock = clock;
    }

    @PutMapping("/{subjectType}/{subjectId}/{period}")
    @Operation(summary = "Set or change a target", description = "Sets the amount an owner or a team is to win in "
            + "the pipeline in a month or quarter, or changes it if the target exists (in its currency; 422 for "
            + "another one, or for a withdrawn target). Admins set any target, a manager those of their own team: "
            + "the team's, and an owner's when naming their team in teamId. Answers the target id and version, "
            + "which is also the ETag; with If-Match, a change based on an older version is refused (412).")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<TargetAccepted> set(
            @PathVariable String pipelineId,
            @Parameter(schema = @Schema(allowableValues = {"owner", "team"}))
            @PathVariable @Pattern(regexp = SUBJECT_TYPES, message = SUBJECT_TYPE_MESSAGE) String subjectType,
            @PathVariable @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String subjectId,
            @Parameter(example = "2026-Q4")
            @PathVariable @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE) String period,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody SetTargetRequest request,
            @Parameter(hidden = true) RequestMetadata metadata) {
        SubjectType type = SubjectType.fromKey(subjectType);
        TargetPeriod targetPeriod = TargetPeriod.parse(period);
        String targetId = SalesTargetIds.of(pipelineId, type, subjectId, targetPeriod);
        Long expectedVersion = ExpectedVersion.fromIfMatch(ifMatch);
        Money amount = new Money(request.amount(), request.currency());
        Instant occurredAt = BusinessTime.of(request.occurredAt(), clock);

        if (events.lastSequenceNumberFor(targetId).isPresent()) {
            checkMaySee(targetId, metadata);
            return send(targetId, new ChangeSalesTarget(targetId, amount, expectedVersion, occurredAt), metadata);
        }
        if (ExpectedVersion.isGiven(ifMatch)) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
                    "There is no target to match yet: set it without If-Match.");
        }
        send(new SetSalesTarget(targetId, pipelineId, type, subjectId, request.teamId(), targetPeriod, amount,
                occurredAt), metadata);
        return accepted(targetId, 0);
    }

    @DeleteMapping("/{subjectType}/{subjectId}/{period}")
    @Operation(summary = "Withdraw a target", description = "The target no longer counts and takes no changes. "
            + "Withdrawing a withdrawn target changes nothing. Same access as setting it; If-Match as there.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<TargetAccepted> withdraw(
            @PathVariable String pipelineId,
            @Parameter(schema = @Schema(allowableValues = {"owner", "team"}))
            @PathVariable @Pattern(regexp = SUBJECT_TYPES, message = SUBJECT_TYPE_MESSAGE) String subjectType,
            @PathVariable @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String subjectId,
            @Parameter(example = "2026-Q4")
            @PathVariable @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE) String period,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Why the target is withdrawn")
            @RequestParam(required = false) @Size(min = 1, max = 500) String reason,
            @Parameter(description = "Business time of the withdrawal (ISO-8601); defaults to now")
            @RequestParam(required = false) @WithinYears Instant occurredAt,
            @Parameter(hidden = true) RequestMetadata metadata) {
        String targetId = SalesTargetIds.of(pipelineId, SubjectType.fromKey(subjectType), subjectId,
                TargetPeriod.parse(period));
        checkMaySee(targetId, metadata);
        return send(targetId, new WithdrawSalesTarget(targetId, reason == null ? null : reason.strip(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(occurredAt, clock)), metadata);
    }

    @GetMapping
    @Operation(summary = "The current targets of a pipeline and period", description = "Targets that are not "
            + "withdrawn, ordered by subject. Admins and viewers see all, a manager those of their team, a rep "
            + "their own. 404 for an unknown pipeline.")
    TargetList list(@PathVariable String pipelineId,
                    @Parameter(example = "2026-Q4", description = "A month such as 2026-11 or a quarter such as 2026-Q4")
                    @RequestParam @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE) String period,
                    @Parameter(hidden = true) Actor actor) {
        if (pipelines.find(pipelineId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No pipeline " + pipelineId + " here.");
        }
        TargetPeriod targetPeriod = TargetPeriod.parse(period);
        return new TargetList(pipelineId, targetPeriod.toString(), table.current(pipelineId, targetPeriod).stream()
                .filter(target -> TargetVisibility.maySee(actor, target))
                .map(TargetList.Target::of)
                .toList());
    }

    /** The If-Match version is not the target's current one (the shared answer speaks of deals). */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "The target is at version " + ex.getActualVersion() + ", not " + ex.getExpectedVersion()
                        + ": reload it and decide again.");
        problem.setTitle("Changed meanwhile");
        problem.setProperty("currentVersion", ex.getActualVersion());
        return problem;
    }

    /**
     * A caller who may not see an existing target is answered 404 before the command is sent: Axon compares an
     * If-Match version newer than the target's as it loads it, before the target could check access.
     */
    private void checkMaySee(String targetId, RequestMetadata metadata) {
        Caller caller = Caller.from(metadata.asMetaData());
        table.find(targetId).filter(target -> !SalesTargetAccessPolicy.maySee(caller, target.subjectType(),
                target.subjectId(), target.teamId())).ifPresent(target -> {
                    throw new NotVisible(targetId);
                });
    }

    private Object send(AggregateCommand command, RequestMetadata metadata) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metadata.asMetaData()));
    }

    private ResponseEntity<TargetAccepted> send(String targetId, AggregateCommand command, RequestMetadata metadata) {
        return accepted(targetId, ((Number) send(command, metadata)).longValue());
    }

    private static ResponseEntity<TargetAccepted> accepted(String targetId, long version) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(new TargetAccepted(targetId, version));
    }

    /** What a command on a target answers: the target and its version after the command. */
    record TargetAccepted(String targetId, long version) {
    }
}
