package dev.salespipeline.query.pipeline.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinitions;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.events.Projection;

/**
 * Keeps {@link PipelineView} documents from the pipeline definition events. Pipelines change rarely, so
 * each event reads the document, changes it and writes it back, only if no later event was applied
 * meanwhile ({@code lastSequence} below the event's): a replayed or duplicated event changes nothing.
 * Events of one pipeline arrive in order (one key, one partition).
 */
@Component
public class PipelineProjection implements Projection {

    private final MongoTemplate mongo;

    PipelineProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof PipelineDefined defined) {
            if (!mongo.exists(Query.query(where("_id").is(defined.pipelineId())), PipelineView.class)) {
                mongo.insert(new PipelineView(defined.pipelineId(), defined.name(),
                        defined.stages().stream().map(PipelineProjection::stage).toList(), List.of(),
                        seconds(defined.idleLimit()), defined.lostReasons(), defined.occurredAt(),
                        envelope.aggregateSequence()));
            }
        } else if (envelope.payload() instanceof PipelineEvent event) {
            PipelineView current = mongo.findById(event.pipelineId(), PipelineView.class);
            if (current == null || current.lastSequence() >= envelope.aggregateSequence()) {
                return;
            }
            PipelineView changed = evolve(current, event, envelope.aggregateSequence());
            mongo.findAndReplace(Query.query(where("_id").is(event.pipelineId())
                    .and("lastSequence").is(current.lastSequence())), changed);
        }
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
