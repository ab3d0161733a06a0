package dev.salespipeline.query.pipeline.projection;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinitions;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Keeps {@link PipelineView} documents from the pipeline definition events: each event changes the pipeline's
 * document as the batch has it, which is written once, only over a document that has not seen a later event
 * ({@code lastSequence} below the last event's): a replayed or duplicated event changes nothing.
 * Events of one pipeline arrive in order (one key, one partition).
 */
@Component
public class PipelineProjection implements Projection {

    private static Documents<PipelineView> pipelines(ProjectionBatch batch) {
        return batch.documents(PipelineView.class, PipelineView::pipelineId, "lastSequence",
                PipelineView::lastSequence);
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        pipelines(batch).load(events.stream().filter(envelope -> envelope.payload() instanceof PipelineEvent)
                .map(envelope -> ((PipelineEvent) envelope.payload()).pipelineId()).toList());
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (!(envelope.payload() instanceof PipelineEvent event)) {
            return;
        }
        Documents<PipelineView> pipelines = pipelines(batch);
        PipelineView current = pipelines.get(event.pipelineId());
        if (event instanceof PipelineDefined defined) {
            if (current == null) {
                pipelines.put(new PipelineView(defined.pipelineId(), defined.name(),
                        defined.stages().stream().map(PipelineProjection::stage).toList(), List.of(),
                        seconds(defined.idleLimit()), defined.lostReasons(), defined.occurredAt(),
                        envelope.aggregateSequence()));
            }
            return;
        }
        if (current == null || current.lastSequence() >= envelope.aggregateSequence()) {
            return;
        }
        pipelines.put(evolve(current, event, envelope.aggregateSequence()));
    }

    /** The view after the event, as {@link PipelineDefinitions#evolve} defines it for every service. */
    static PipelineView evolve(PipelineView view, PipelineEvent event, long sequence) {
        if (event instanceof PipelineDefined) {
            // A pipeline is defined once; a second definition event (a duplicate) changes nothing.
            return view;
        }
        PipelineDefinition before = new PipelineDefinition(view.pipelineId(), view.name(),
                view.stages().stream().map(PipelineProjection::definition).toList(),
                view.idleLimitSeconds() == null ? null : Duration.ofSeconds(view.idleLimitSeconds()),
                view.lostReasons(), view.removedStages().stream().map(PipelineProjection::definition).toList());
        PipelineDefinition after = PipelineDefinitions.evolve(before, event);
        return new PipelineView(after.pipelineId(), after.name(),
                after.stages().stream().map(PipelineProjection::stage).toList(),
                after.removedStages().stream().map(PipelineProjection::stage).toList(), seconds(after.idleLimit()),
                after.lostReasons(), event.occurredAt(), sequence);
    }

    private static StageDefinition definition(PipelineView.Stage stage) {
        return new StageDefinition(stage.stageId(), stage.name(), stage.probability(),
                stage.timeLimitSeconds() == null ? null : Duration.ofSeconds(stage.timeLimitSeconds()),
                stage.exitRequirements());
    }

    private static PipelineView.Stage stage(StageDefinition definition) {
        return new PipelineView.Stage(definition.stageId(), definition.name(), definition.probability(),
                seconds(definition.timeLimit()), definition.exitRequirements());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
