package dev.salespipeline.command.deal.web;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
@Validated
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
    @Parameter(name = RequestMetadataResolver.ACTOR_HEADER, in = ParameterIn.HEADER, required = true,
            description = "Who sends the command")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER,
            description = "Correlation id shared by everything this request causes; generated when absent")
    ResponseEntity<DealAccepted> open(@Valid @RequestBody OpenDealRequest request,
                                      @Parameter(hidden = true) RequestMetadata metadata) {
        String dealId = request.dealId() != null ? request.dealId() : UUID.randomUUID().toString();
        Money amount = request.amount() == null ? null : new Money(request.amount(), request.currency());
        OpenDeal command = new OpenDeal(dealId, request.pipelineId(), request.stageId(), request.title().strip(),
                request.ownerId(), amount, BusinessTime.of(request.occurredAt(), clock));

        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata.asMetaData()));

        return ResponseEntity.created(URI.create("/deals/" + dealId))
                .eTag("\"0\"")
                .body(new DealAccepted(dealId, 0));
    }

    /** What a command on a deal answers: the deal and its version after the command. */
    record DealAccepted(String dealId, long version) {
    }
}
