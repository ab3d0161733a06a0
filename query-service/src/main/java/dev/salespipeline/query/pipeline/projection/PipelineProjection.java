package dev.salespipeline.query.pipeline.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineEvent;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;
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

    static PipelineView evolve(PipelineView view, PipelineEvent event, long sequence) {
        List<PipelineView.Stage> stages = view.mutableStages();
        List<PipelineView.Stage> removed = new ArrayList<>(view.removedStages());
        Long idleLimit = view.idleLimitSeconds();
        List<String> lostReasons = view.lostReasons();
        if (event instanceof StageAdded added) {
            stages.add(Math.min(Math.max(added.position(), 0), stages.size()), stage(added.stage()));
        } else if (event instanceof StageRenamed renamed) {
            stages.replaceAll(stage -> stage.stageId().equals(renamed.stageId())
                    ? new PipelineView.Stage(stage.stageId(), renamed.name(), stage.probability(),
                    stage.timeLimitSeconds(), stage.exitRequirements())
                    : stage);
        } else if (event instanceof StagesReordered reordered) {
            Map<String, PipelineView.Stage> byId = stages.stream()
                    .collect(Collectors.toMap(PipelineView.Stage::stageId, Function.identity()));
            stages = reordered.stageIds().stream().map(byId::get).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(ArrayList::new));
        } else if (event instanceof StageRemoved gone) {
            stages.stream().filter(stage -> stage.stageId().equals(gone.stageId())).findFirst().ifPresent(removed::add);
            stages.removeIf(stage -> stage.stageId().equals(gone.stageId()));
        } else if (event instanceof StageSettingsChanged settings) {
            stages.replaceAll(stage -> stage.stageId().equals(settings.stageId())
                    ? new PipelineView.Stage(stage.stageId(), stage.name(), settings.probability(),
                    seconds(settings.timeLimit()), settings.exitRequirements())
                    : stage);
        } else if (event instanceof LostReasonsChanged reasons) {
            lostReasons = reasons.lostReasons();
        } else if (event instanceof IdleLimitChanged idle) {
            idleLimit = seconds(idle.idleLimit());
        } else {
            return view;
        }
        return new PipelineView(view.pipelineId(), view.name(), stages, removed, idleLimit, lostReasons,
                event.occurredAt(), sequence);
    }

    private static PipelineView.Stage stage(StageDefinition definition) {
        return new PipelineView.Stage(definition.stageId(), definition.name(), definition.probability(),
                seconds(definition.timeLimit()), definition.exitRequirements());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
