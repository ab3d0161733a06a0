package dev.salespipeline.command.activity.web;

import java.time.Clock;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.activity.AttachActivity;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Commands on reported activities: attaching an unmatched one to its deal. */
@RestController
@Tag(name = "Activity ingest", description = "Calls and emails reported by telephony and email systems")
class ActivityCommandController {

    private final CommandGateway commands;
    private final Clock clock;

    ActivityCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PutMapping("/activities/{activityId}/deal")
    @Operation(summary = "Attach an unmatched activity to a deal",
            description = "The activity then appears on the deal's timeline and counts for the deal's owner unless "
                    + "the report named an owner. Takes the right to change the deal; an activity already on a deal "
                    + "cannot be moved (422).")
    ResponseEntity<Attached> attach(@PathVariable String activityId, @Valid @RequestBody AttachActivityRequest request,
                                    @Parameter(hidden = true) RequestMetadata metadata) {
        AttachActivity command = new AttachActivity(activityId, request.dealId().strip(),
                BusinessTime.of(request.occurredAt(), clock));
        Number version = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(metadata.asMetaData()));
        return ResponseEntity.ok().eTag("\"" + version + "\"")
                .body(new Attached(activityId, command.dealId(), version.longValue()));
    }

    record Attached(String activityId, String dealId, long version) {
    }
}
