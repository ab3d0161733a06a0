package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.ExpectedVersion;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.ChangeDealAmount;
import dev.salespipeline.api.deal.ChangeExpectedCloseDate;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.EditDealDetails;
import dev.salespipeline.api.deal.LoseDeal;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.MoveDealToStage;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.api.deal.OverrideProbability;
import dev.salespipeline.api.deal.ReopenDeal;
import dev.salespipeline.api.deal.WinDeal;
import dev.salespipeline.command.deal.web.DealCommands.DealAccepted;
import dev.salespipeline.command.rules.AggregateIds;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.RequestMetadata;
import dev.salespipeline.command.web.RequestMetadataResolver;
import dev.salespipeline.command.web.WithinYears;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * REST commands on deals. Each request becomes one Axon command carrying the request's metadata.
 */
@RestController
@RequestMapping("/deals")
@Tag(name = "Deals", description = "Commands on deals")
class DealCommandController {

    /** A DELETE has no body: its business time comes as a query parameter. */
    private static final String OCCURRED_AT = "Business time (ISO-8601): when it happened, defaults to now. "
            + "The past is fine; more than " + BusinessTime.ALLOWED_CLOCK_SKEW_SECONDS
            + " s ahead of the server's clock is refused (422).";
    private static final String OCCURRED_AT_EXAMPLE = "2026-11-16T09:00:00Z";

    private final CommandGateway commands;
    private final DealCommands dealCommands;
    private final Clock clock;

    DealCommandController(CommandGateway commands, DealCommands dealCommands, Clock clock) {
        this.commands = commands;
        this.dealCommands = dealCommands;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Open a deal", description = "Opens a deal in a stage of a pipeline. Answers 201 with the deal id; "
            + "the deal's version (0) is in the ETag.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER,
            description = "Correlation id shared by everything this request causes; generated when absent")
    ResponseEntity<DealAccepted> open(@Valid @RequestBody OpenDealRequest request,
                                      @Parameter(hidden = true) RequestMetadata metadata) {
        String dealId = request.dealId() != null ? request.dealId() : AggregateIds.DEAL_PREFIX + UUID.randomUUID();
        Money amount = request.amount() == null ? null : new Money(request.amount(), request.currency());
        String teamId = request.teamId() != null ? request.teamId() : metadata.team();
        OpenDeal command = new OpenDeal(dealId, request.pipelineId(), request.stageId(), request.title().strip(),
                request.ownerId(), teamId, amount, BusinessTime.of(request.occurredAt(), clock));

        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata.asMetaData()));

        return ResponseEntity.created(URI.create("/deals/" + dealId))
                .eTag("\"0\"")
                .body(new DealAccepted(dealId, 0, null));
    }

    @PutMapping("/{dealId}/amount")
    @Operation(summary = "Change a deal's amount")
    ResponseEntity<DealAccepted> changeAmount(@PathVariable @DealIdentifier String dealId,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Valid @RequestBody DealRequests.ChangeAmount request,
                                              @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new ChangeDealAmount(dealId, new Money(request.amount(), request.currency()),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/{dealId}/details")
    @Operation(summary = "Edit a deal's title, client, source channel and product",
            description = "Replaces all of them; the history keeps the previous values.")
    ResponseEntity<DealAccepted> editDetails(@PathVariable @DealIdentifier String dealId,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch,
                                             @Valid @RequestBody DealRequests.EditDetails request,
                                             @Parameter(hidden = true) RequestMetadata metadata) {
        DealRequests.Client client = request.client();
        ClientInfo clientInfo = client == null ? ClientInfo.NONE : new ClientInfo(client.company(),
                client.contactPerson(), client.decisionMaker(), client.phone(), client.email(), client.industry());
        DealDetails details = new DealDetails(request.title().strip(), clientInfo, request.sourceChannel(),
                request.product());
        return send(dealId, new EditDealDetails(dealId, details, ExpectedVersion.fromIfMatch(ifMatch),
                BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/{dealId}/expected-close-date")
    @Operation(summary = "Set or clear (null) the expected close date")
    ResponseEntity<DealAccepted> changeExpectedCloseDate(@PathVariable @DealIdentifier String dealId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                         String ifMatch,
                                                         @Valid @RequestBody DealRequests.ChangeExpectedCloseDate request,
                                                         @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new ChangeExpectedCloseDate(dealId, request.expectedCloseDate(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/{dealId}/probability")
    @Operation(summary = "Override the stage's default win probability for this deal")
    ResponseEntity<DealAccepted> overrideProbability(@PathVariable @DealIdentifier String dealId,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                     String ifMatch,
                                                     @Valid @RequestBody DealRequests.OverrideProbability request,
                                                     @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new OverrideProbability(dealId, request.probability(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @DeleteMapping("/{dealId}/probability")
    @Operation(summary = "Return to the stage's default win probability",
            description = "The business time is the query parameter occurredAt, as for every DELETE.")
    ResponseEntity<DealAccepted> clearProbability(@PathVariable @DealIdentifier String dealId,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Parameter(description = OCCURRED_AT, example = OCCURRED_AT_EXAMPLE)
                                                  @RequestParam(required = false) @WithinYears Instant occurredAt,
                                                  @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new OverrideProbability(dealId, null, ExpectedVersion.fromIfMatch(ifMatch),
                BusinessTime.of(occurredAt, clock)), metadata);
    }

    @PutMapping("/{dealId}/stage")
    @Operation(summary = "Move a deal to a stage of its pipeline",
            description = "Forward, back or skipping stages. The stage being left must have its required fields "
                    + "filled. A move to the current stage changes nothing.")
    ResponseEntity<DealAccepted> move(@PathVariable @DealIdentifier String dealId,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @Valid @RequestBody DealRequests.Move request,
                                      @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new MoveDealToStage(dealId, request.stageId(), ExpectedVersion.fromIfMatch(ifMatch),
                BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/{dealId}/outcome")
    @Operation(summary = "Win or lose a deal", description = "A loss needs one of the pipeline's lost reasons.")
    ResponseEntity<DealAccepted> close(@PathVariable @DealIdentifier String dealId,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @Valid @RequestBody DealRequests.Close request,
                                       @Parameter(hidden = true) RequestMetadata metadata) {
        Long expectedVersion = ExpectedVersion.fromIfMatch(ifMatch);
        Instant occurredAt = BusinessTime.of(request.occurredAt(), clock);
        Object command = request.outcome() == DealRequests.Outcome.WON
                ? new WinDeal(dealId, expectedVersion, occurredAt)
                : new LoseDeal(dealId, request.reason().strip(), request.comment(), expectedVersion, occurredAt);
        return send(dealId, command, metadata);
    }

    @DeleteMapping("/{dealId}/outcome")
    @Operation(summary = "Reopen a won or lost deal", description = "It goes back to the stage it was closed from. "
            + "The business time is the query parameter occurredAt, as for every DELETE: a reopen recorded late "
            + "counts when it happened.")
    ResponseEntity<DealAccepted> reopen(@PathVariable @DealIdentifier String dealId,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @Parameter(description = OCCURRED_AT, example = OCCURRED_AT_EXAMPLE)
                                        @RequestParam(required = false) @WithinYears Instant occurredAt,
                                        @Parameter(hidden = true) RequestMetadata metadata) {
        return send(dealId, new ReopenDeal(dealId, ExpectedVersion.fromIfMatch(ifMatch),
                BusinessTime.of(occurredAt, clock)), metadata);
    }

    private ResponseEntity<DealAccepted> send(String dealId, Object command, RequestMetadata metadata) {
        return dealCommands.send(dealId, command, metadata);
    }
}
