package dev.salespipeline.command.spend.web;

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
import dev.salespipeline.api.spend.ChangeMarketingSpend;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.SetMarketingSpend;
import dev.salespipeline.api.spend.WithdrawMarketingSpend;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.command.spend.table.MarketingSpendTable;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.ExpectedVersion;
import dev.salespipeline.command.web.RequestMetadata;
import dev.salespipeline.command.web.RequestMetadataResolver;
import dev.salespipeline.command.web.WithinYears;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * REST commands on marketing spend, and the current spend of a pipeline, built as the sales targets are: a spend
 * is addressed by its pipeline, source channel and period, from which its id is built; a PUT sets the spend if
 * there is none yet and changes its amount otherwise. Each request becomes one Axon command carrying the request's
 * metadata. The list is read from {@link MarketingSpendTable}, updated in the transaction that stores each change.
 * Who may call which of these is in {@code CommandEndpointRules} and {@code MarketingSpendAccessPolicy}: admins and
 * managers set spend, viewers besides list it, reps do neither.
 */
@RestController
@RequestMapping("/pipelines/{pipelineId}/marketing-spend")
@Tag(name = "Marketing spend", description = "What each source channel cost a pipeline per month or quarter, "
        + "which the acquisition-cost metrics divide by the deals opened and won")
class MarketingSpendController {

    private static final String CORRELATION = "Correlation id shared by everything this request causes; "
            + "generated when absent";
    private static final String CHANNEL_MESSAGE = "must be 1-100 characters, not starting with a space, without '/' "
            + "or '|', and not '-'";
    private static final String PERIOD_MESSAGE = "must be a month such as 2026-11 or a quarter such as 2026-Q4";

    private final CommandGateway commands;
    private final EventStore events;
    private final MarketingSpendTable table;
    private final PipelineCatalog pipelines;
    private final Clock clock;

    MarketingSpendController(CommandGateway commands, EventStore events, MarketingSpendTable table,
                             PipelineCatalog pipelines, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.table = table;
        this.pipelines = pipelines;
        this.clock = clock;
    }

    @PutMapping("/{channel}/{period}")
    @Operation(summary = "Set or change the spend of a channel", description = "Sets what the source channel (as "
            + "deals name it in their details) cost the pipeline in a month or quarter, or changes it if it is set (in "
            + "its currency; 422 for another one, or for a withdrawn spend). A quarter's spend adds to that of its "
            + "months. Admins and managers. Answers the spend id and version, which is also the ETag; with If-Match, "
            + "a change based on an older version is refused (412).")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<SpendAccepted> set(
            @PathVariable String pipelineId,
            @Parameter(example = "referral")
            @PathVariable @Pattern(regexp = MarketingSpendIds.CHANNEL_PATTERN, message = CHANNEL_MESSAGE)
            String channel,
            @Parameter(example = "2026-Q4")
            @PathVariable @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE) String period,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody SetSpendRequest request,
            @Parameter(hidden = true) RequestMetadata metadata) {
        TargetPeriod spendPeriod = TargetPeriod.parse(period);
        String spendId = MarketingSpendIds.of(pipelineId, channel, spendPeriod);
        Long expectedVersion = ExpectedVersion.fromIfMatch(ifMatch);
        Money amount = new Money(request.amount(), request.currency());
        Instant occurredAt = BusinessTime.of(request.occurredAt(), clock);

        if (events.lastSequenceNumberFor(spendId).isPresent()) {
            return send(spendId, new ChangeMarketingSpend(spendId, amount, expectedVersion, occurredAt), metadata);
        }
        if (ExpectedVersion.isGiven(ifMatch)) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
                    "There is no spend to match yet: set it without If-Match.");
        }
        send(new SetMarketingSpend(spendId, pipelineId, channel, spendPeriod, amount, occurredAt), metadata);
        return accepted(spendId, 0);
    }

    @DeleteMapping("/{channel}/{period}")
    @Operation(summary = "Withdraw the spend of a channel", description = "The spend no longer counts and takes no "
            + "changes. Withdrawing a withdrawn spend changes nothing. Same access as setting it; If-Match as there.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<SpendAccepted> withdraw(
            @PathVariable String pipelineId,
            @Parameter(example = "referral")
            @PathVariable @Pattern(regexp = MarketingSpendIds.CHANNEL_PATTERN, message = CHANNEL_MESSAGE)
            String channel,
            @Parameter(example = "2026-Q4")
            @PathVariable @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE) String period,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Why the spend is withdrawn")
            @RequestParam(required = false) @Size(min = 1, max = 500) String reason,
            @Parameter(description = "Business time of the withdrawal (ISO-8601); defaults to now")
            @RequestParam(required = false) @WithinYears Instant occurredAt,
            @Parameter(hidden = true) RequestMetadata metadata) {
        String spendId = MarketingSpendIds.of(pipelineId, channel, TargetPeriod.parse(period));
        return send(spendId, new WithdrawMarketingSpend(spendId, reason == null ? null : reason.strip(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(occurredAt, clock)), metadata);
    }

    @GetMapping
    @Operation(summary = "The current marketing spend of a pipeline", description = "Spend that is not withdrawn, "
            + "ordered by period and channel, of one period if given. Admins, viewers and managers; 404 for an "
            + "unknown pipeline.")
    SpendList list(@PathVariable String pipelineId,
                   @Parameter(example = "2026-Q4", description = "A month such as 2026-11 or a quarter such as 2026-Q4")
                   @RequestParam(required = false) @Pattern(regexp = TargetPeriod.PATTERN, message = PERIOD_MESSAGE)
                   String period) {
        if (pipelines.find(pipelineId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No pipeline " + pipelineId + " here.");
        }
        TargetPeriod spendPeriod = period == null ? null : TargetPeriod.parse(period);
        return new SpendList(pipelineId, period, table.current(pipelineId, spendPeriod).stream()
                .map(SpendList.Spend::of)
                .toList());
    }

    /** The If-Match version is not the spend's current one (the shared answer speaks of deals). */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "The spend is at version " + ex.getActualVersion() + ", not " + ex.getExpectedVersion()
                        + ": reload it and decide again.");
        problem.setTitle("Changed meanwhile");
        problem.setProperty("currentVersion", ex.getActualVersion());
        return problem;
    }

    private Object send(AggregateCommand command, RequestMetadata metadata) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metadata.asMetaData()));
    }

    private ResponseEntity<SpendAccepted> send(String spendId, AggregateCommand command, RequestMetadata metadata) {
        return accepted(spendId, ((Number) send(command, metadata)).longValue());
    }

    private static ResponseEntity<SpendAccepted> accepted(String spendId, long version) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(new SpendAccepted(spendId, version));
    }

    /** What a command on a spend answers: the spend and its version after the command. */
    record SpendAccepted(String spendId, long version) {
    }
}
