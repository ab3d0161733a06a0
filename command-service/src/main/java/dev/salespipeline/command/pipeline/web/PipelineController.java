package dev.salespipeline.command.pipeline.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.pipeline.AddStage;
import dev.salespipeline.api.pipeline.ChangeIdleLimit;
import dev.salespipeline.api.pipeline.ChangeLostReasons;
import dev.salespipeline.api.pipeline.ChangeStageSettings;
import dev.salespipeline.api.pipeline.DefinePipeline;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.RemoveStage;
import dev.salespipeline.api.pipeline.RenameStage;
import dev.salespipeline.api.pipeline.ReorderStages;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
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
 * REST commands on pipeline definitions, for admins, and the current definition for everyone who
 * works with deals. Each change becomes one Axon command carrying the request's metadata; the
 * definition is read from the pipeline catalog, which is updated in the transaction that stores the
 * change, so a read right after a change sees it.
 *
 * <p>Ids in the path only address pipelines and stages that exist (an unknown one is answered 404 or
 * 400), so they carry no constraint: one on a path variable would turn every invalid body into a
 * method validation failure without the list of fields.
 */
@RestController
@RequestMapping("/pipelines")
@Tag(name = "Pipelines", description = "Pipeline definitions: stages, their settings, idle limit and lost reasons")
class PipelineController {

    private static final String CORRELATION = "Correlation id shared by everything this request causes; "
            + "generated when absent";

    private final CommandGateway commands;
    private final PipelineCatalog catalog;
    private final Clock clock;

    PipelineController(CommandGateway commands, PipelineCatalog catalog, Clock clock) {
        this.commands = commands;
        this.catalog = catalog;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Define a pipeline", description = "Defines a pipeline with its stages in order, its idle "
            + "limit and its lost reasons. Answers 201 with the pipeline id; 409 if the id is taken.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<PipelineAccepted> define(@Valid @RequestBody DefinePipelineRequest request,
                                            @Parameter(hidden = true) RequestMetadata metadata) {
        String pipelineId = request.pipelineId() != null ? request.pipelineId() : UUID.randomUUID().toString();
        send(new DefinePipeline(pipelineId, request.name().strip(),
                request.stages().stream().map(PipelineStage::toDefinition).toList(), request.idleLimit(),
                stripped(request.lostReasons()), businessTime(request.occurredAt())), metadata);
        return created(pipelineId);
    }

    @PostMapping("/template")
    @Operation(summary = "Define the default sales pipeline", description = "Defines a pipeline from the default "
            + "template: Lead, Qualified, Proposal sent, Negotiation, Contract sent (win probabilities 10, 25, 50, 65 "
            + "and 70 %); idle limit 14 days; lost reasons "
            + "Price, Competitor, No budget, No decision, Timing. The body may be left out. Answers 201 with the "
            + "pipeline id; 409 if the id is taken.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    ResponseEntity<PipelineAccepted> defineFromTemplate(
            @Valid @RequestBody(required = false) DefineFromTemplateRequest body,
            @Parameter(hidden = true) RequestMetadata metadata) {
        DefineFromTemplateRequest request = body != null ? body : DefineFromTemplateRequest.DEFAULTS;
        String pipelineId = request.pipelineId() != null ? request.pipelineId() : UUID.randomUUID().toString();
        String name = request.name() != null ? request.name().strip() : PipelineTemplates.DEFAULT_NAME;
        send(PipelineTemplates.defaultPipeline(pipelineId, name, businessTime(request.occurredAt())), metadata);
        return created(pipelineId);
    }

    @GetMapping("/{pipelineId}")
    @Operation(summary = "A pipeline's current definition", description = "Stages in order with their settings, "
            + "idle limit and lost reasons. 404 for an unknown pipeline.")
    PipelineResponse get(@PathVariable String pipelineId) {
        return catalog.find(pipelineId).map(PipelineResponse::of).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No pipeline " + pipelineId + " here."));
    }

    @PostMapping("/{pipelineId}/stages")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a stage", description = "Adds a stage at a position: 0 puts it first, the number of "
            + "stages last. The id must be new to the pipeline, also among removed stages (422 otherwise).")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void addStage(@PathVariable String pipelineId,
                  @Valid @RequestBody AddStageRequest request,
                  @Parameter(hidden = true) RequestMetadata metadata) {
        send(new AddStage(pipelineId, request.stage().toDefinition(), request.position(),
                businessTime(request.occurredAt())), metadata);
    }

    @PutMapping("/{pipelineId}/stages/{stageId}/name")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Rename a stage", description = "Gives a stage a new name; its id, and deals' history in "
            + "it, stay. Renaming to the current name changes nothing.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void renameStage(@PathVariable String pipelineId,
                     @PathVariable String stageId,
                     @Valid @RequestBody RenameStageRequest request,
                     @Parameter(hidden = true) RequestMetadata metadata) {
        send(new RenameStage(pipelineId, stageId, request.name().strip(), businessTime(request.occurredAt())),
                metadata);
    }

    @PutMapping("/{pipelineId}/stages/order")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reorder the stages", description = "Puts the stages in the given order, which must name "
            + "every stage of the pipeline once.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void reorderStages(@PathVariable String pipelineId,
                       @Valid @RequestBody ReorderStagesRequest request,
                       @Parameter(hidden = true) RequestMetadata metadata) {
        send(new ReorderStages(pipelineId, request.stageIds(), businessTime(request.occurredAt())), metadata);
    }

    @DeleteMapping("/{pipelineId}/stages/{stageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a stage", description = "Removes a stage; deals' time in it still counts under its "
            + "id. The last stage of a pipeline cannot be removed (422).")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void removeStage(@PathVariable String pipelineId,
                     @PathVariable String stageId,
                     @Parameter(description = "Business time of the removal (ISO-8601); defaults to now")
                     @RequestParam(required = false) @WithinYears Instant occurredAt,
                     @Parameter(hidden = true) RequestMetadata metadata) {
        send(new RemoveStage(pipelineId, stageId, businessTime(occurredAt)), metadata);
    }

    @PutMapping("/{pipelineId}/stages/{stageId}/settings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a stage's settings", description = "Replaces the stage's default win probability, "
            + "time limit and exit requirements.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void changeStageSettings(@PathVariable String pipelineId,
                             @PathVariable String stageId,
                             @Valid @RequestBody StageSettingsRequest request,
                             @Parameter(hidden = true) RequestMetadata metadata) {
        send(new ChangeStageSettings(pipelineId, stageId, request.probability(), request.timeLimit(),
                request.exitRequirements(), businessTime(request.occurredAt())), metadata);
    }

    @PutMapping("/{pipelineId}/lost-reasons")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the lost reasons", description = "Replaces the reasons a deal can be lost for, in "
            + "the order offered. Deals lost earlier keep their reason.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void changeLostReasons(@PathVariable String pipelineId,
                           @Valid @RequestBody LostReasonsRequest request,
                           @Parameter(hidden = true) RequestMetadata metadata) {
        send(new ChangeLostReasons(pipelineId, stripped(request.lostReasons()), businessTime(request.occurredAt())),
                metadata);
    }

    @PutMapping("/{pipelineId}/idle-limit")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the idle limit", description = "Sets how long an open deal may go without activity "
            + "before it counts as stalled.")
    @Parameter(name = RequestMetadataResolver.CORRELATION_HEADER, in = ParameterIn.HEADER, description = CORRELATION)
    void changeIdleLimit(@PathVariable String pipelineId,
                         @Valid @RequestBody IdleLimitRequest request,
                         @Parameter(hidden = true) RequestMetadata metadata) {
        send(new ChangeIdleLimit(pipelineId, request.idleLimit(), businessTime(request.occurredAt())), metadata);
    }

    private void send(AggregateCommand command, RequestMetadata metadata) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(metadata.asMetaData()));
    }

    private Instant businessTime(Instant requested) {
        return BusinessTime.of(requested, clock);
    }

    private static List<String> stripped(List<String> texts) {
        return texts.stream().map(String::strip).toList();
    }

    private static ResponseEntity<PipelineAccepted> created(String pipelineId) {
        return ResponseEntity.created(URI.create("/pipelines/" + pipelineId)).body(new PipelineAccepted(pipelineId));
    }

    /** What defining a pipeline answers: its id. */
    record PipelineAccepted(String pipelineId) {
    }
}
