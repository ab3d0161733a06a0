package dev.salespipeline.command.pipeline.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.pipeline.AddStage;
import dev.salespipeline.api.pipeline.ChangeIdleLimit;
import dev.salespipeline.api.pipeline.ChangeLostReasons;
import dev.salespipeline.api.pipeline.ChangeStageSettings;
import dev.salespipeline.api.pipeline.DefinePipeline;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.api.pipeline.RemoveStage;
import dev.salespipeline.api.pipeline.RenameStage;
import dev.salespipeline.api.pipeline.ReorderStages;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.Caller;
import dev.salespipeline.command.rules.AggregateIds;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinitions;

/**
 * A pipeline definition: its ordered stages with their settings, its idle limit and its lost reasons.
 * Only admins define and change pipelines ({@link PipelineAccessPolicy}); the rules are in
 * {@link PipelineRules}. A command that would change nothing (a rename to the current name, the current
 * order, the current settings) is accepted and records no event.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class Pipeline {

    @AggregateIdentifier
    private String pipelineId;
    private PipelineDefinition definition;
    /** Ids of the current stages and of every removed one. */
    private final Set<String> stageIdsEverUsed = new HashSet<>();

    protected Pipeline() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public Pipeline(DefinePipeline command, MetaData metaData) {
        PipelineAccessPolicy.checkMayChange(Caller.from(metaData), command.pipelineId());
        AggregateIds.checkPipelineId(command.pipelineId());
        PipelineRules.checkName(command.name(), "a pipeline");
        PipelineRules.checkStages(command.stages());
        PipelineRules.checkIdleLimit(command.idleLimit());
        PipelineRules.checkLostReasons(command.lostReasons());
        apply(new PipelineDefined(command.pipelineId(), command.name(), command.stages(), command.idleLimit(),
                command.lostReasons(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AddStage command, MetaData metaData) {
        checkMayChange(metaData);
        PipelineRules.checkStage(command.stage());
        PipelineRules.checkStageIdUnused(stageIdsEverUsed, pipelineId, command.stage().stageId());
        PipelineRules.checkPosition(command.position(), definition.stages().size());
        apply(new StageAdded(pipelineId, command.stage(), command.position(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RenameStage command, MetaData metaData) {
        checkMayChange(metaData);
        StageDefinition stage = PipelineRules.checkKnownStage(definition, command.stageId());
        PipelineRules.checkName(command.name(), "stage " + command.stageId());
        if (stage.name().equals(command.name())) {
            return;
        }
        apply(new StageRenamed(pipelineId, stage.stageId(), stage.name(), command.name(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ReorderStages command, MetaData metaData) {
        checkMayChange(metaData);
        List<String> currentOrder = definition.stages().stream().map(StageDefinition::stageId).toList();
        PipelineRules.checkPermutation(currentOrder, command.stageIds());
        if (currentOrder.equals(command.stageIds())) {
            return;
        }
        apply(new StagesReordered(pipelineId, command.stageIds(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RemoveStage command, MetaData metaData) {
        checkMayChange(metaData);
        PipelineRules.checkKnownStage(definition, command.stageId());
        PipelineRules.checkNotLastStage(definition, command.stageId());
        apply(new StageRemoved(pipelineId, command.stageId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeStageSettings command, MetaData metaData) {
        checkMayChange(metaData);
        StageDefinition stage = PipelineRules.checkKnownStage(definition, command.stageId());
        // The stage record checks the probability range and the time limit.
        StageDefinition changed = new StageDefinition(stage.stageId(), stage.name(), command.probability(),
                command.timeLimit(), command.exitRequirements());
        if (changed.equals(stage)) {
            return;
        }
        apply(new StageSettingsChanged(pipelineId, stage.stageId(), changed.probability(), changed.timeLimit(),
                changed.exitRequirements(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeLostReasons command, MetaData metaData) {
        checkMayChange(metaData);
        PipelineRules.checkLostReasons(command.lostReasons());
        if (definition.lostReasons().equals(command.lostReasons())) {
            return;
        }
        apply(new LostReasonsChanged(pipelineId, command.lostReasons(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeIdleLimit command, MetaData metaData) {
        checkMayChange(metaData);
        PipelineRules.checkIdleLimit(command.idleLimit());
        if (definition.idleLimit().equals(command.idleLimit())) {
            return;
        }
        apply(new IdleLimitChanged(pipelineId, command.idleLimit(), command.occurredAt()));
    }

    private void checkMayChange(MetaData metaData) {
        PipelineAccessPolicy.checkMayChange(Caller.from(metaData), pipelineId);
    }

    @EventSourcingHandler
    void on(PipelineDefined event) {
        this.pipelineId = event.pipelineId();
        this.definition = PipelineDefinitions.defined(event);
        event.stages().forEach(stage -> stageIdsEverUsed.add(stage.stageId()));
    }

    @EventSourcingHandler
    void on(StageAdded event) {
        this.definition = PipelineDefinitions.evolve(definition, event);
        stageIdsEverUsed.add(event.stage().stageId());
    }

    /** Every other change: the definition evolves exactly as the catalog's does. */
    @EventSourcingHandler
    void on(PipelineEvent event) {
        this.definition = PipelineDefinitions.evolve(definition, event);
    }
}
