package dev.salespipeline.command.deal.web;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.ChangeDealAmount;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.RequestMetadata;
import dev.salespipeline.command.web.RequestMetadataResolver;
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

    private final CommandGateway commands;
    private final Clock clock;

    DealCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Open a deal", description = "Opens a deal in a stage of a pipeline. Answers 201 with the deal id; "
            + "the deal's version (0) is in the ETag.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER,
            description = "Correlation id shared by everything this request causes; generated when absent")
    ResponseEntity<DealAccepted> open(@Valid @RequestBody OpenDealRequest request,
                                      @Parameter(hidden = true) RequestMetadata metadata) {
        String dealId = request.dealId() != null ? request.dealId() : UUID.randomUUID().toString();
        Money amount = request.amount() == null ? null : new Money(request.amount(), request.currency());
        String teamId = request.teamId() != null ? request.teamId() : metadata.team();
        OpenDeal command = new OpenDeal(dealId, request.pipelineId(), request.stageId(), request.title().strip(),
                request.ownerId(), teamId, amount, BusinessTime.of(request.occurredAt(), clock));

        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata.asMetaData()));

        return ResponseEntity.created(URI.create("/deals/" + dealId))
                .eTag("\"0\"")
                .body(new DealAccepted(dealId, 0));
    }

    @PutMapping("/{dealId}/amount")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a deal's amount", description = "Sets the amount and currency. Setting the amount "
            + "it already has changes nothing.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER,
            description = "Correlation id shared by everything this request causes; generated when absent")
    void changeAmount(@PathVariable @jakarta.validation.constraints.Pattern(regexp = Identifiers.PATTERN,
                              message = Identifiers.MESSAGE) String dealId,
                      @Valid @RequestBody ChangeAmountRequest request,
                      @Parameter(hidden = true) RequestMetadata metadata) {
        ChangeDealAmount command = new ChangeDealAmount(dealId, new Money(request.amount(), request.currency()),
                BusinessTime.of(request.occurredAt(), clock));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata.asMetaData()));
    }

    /** What a command on a deal answers: the deal and its version after the command. */
    record DealAccepted(String dealId, long version) {
    }
}
