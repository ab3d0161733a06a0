package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefinitions;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;

/** What each pipeline event does to a definition, as both the aggregate and the catalog apply it. */
class PipelineDefinitionsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");

    private final PipelineDefinition template = PipelineDefinitions.defined(new PipelineDefined("sales", "Sales",
            PipelineTemplates.DEFAULT_STAGES, PipelineTemplates.DEFAULT_IDLE_LIMIT,
            PipelineTemplates.DEFAULT_LOST_REASONS, MONDAY));

    private static List<String> ids(PipelineDefinition definition) {
        return definition.stages().stream().map(StageDefinition::stageId).toList();
    }

    @Test
    void theTemplateRunsFromLeadToContractSent() {
        assertThat(ids(template)).containsExactly("lead", "qualified", "proposal-sent", "negotiation", "contract-sent");
        assertThat(template.stages()).extracting(StageDefinition::name)
                .containsExactly("Lead", "Qualified", "Proposal sent", "Negotiation", "Contract sent");
        assertThat(template.stages()).extracting(StageDefinition::probability).isSorted();
        assertThat(template.stage("contract-sent").orElseThrow().exitRequirements())
                .containsExactlyInAnyOrder(DealField.AMOUNT, DealField.EXPECTED_CLOSE_DATE);
        assertThat(template.idleLimit()).isEqualTo(Duration.ofDays(14));
        assertThat(template.lostReasons()).contains("Price", "Competitor");
    }

    @Test
    void aStageIsAddedAtItsPosition() {
        StageDefinition demo = new StageDefinition("demo", "Demo", 30, null, Set.of());

        assertThat(ids(PipelineDefinitions.evolve(template, new StageAdded("sales", demo, 2, MONDAY))))
                .containsExactly("lead", "qualified", "demo", "proposal-sent", "negotiation", "contract-sent");
        assertThat(ids(PipelineDefinitions.evolve(template, new StageAdded("sales", demo, 5, MONDAY))))
                .endsWith("contract-sent", "demo");
    }

    @Test
    void aRenameKeepsTheStagesPlaceAndSettings() {
        PipelineDefinition renamed = PipelineDefinitions.evolve(template,
                new StageRenamed("sales", "qualified", "Qualified", "Discovery done", MONDAY));

        assertThat(ids(renamed)).isEqualTo(ids(template));
        assertThat(renamed.stage("qualified").orElseThrow())
                .isEqualTo(new StageDefinition("qualified", "Discovery done", 25, Duration.ofDays(14),
                        Set.of(DealField.AMOUNT)));
    }

    @Test
    void reorderRemoveSettingsLostReasonsAndIdleLimit() {
        PipelineDefinition changed = template;
        changed = PipelineDefinitions.evolve(changed, new StageRemoved("sales", "negotiation", MONDAY));
        changed = PipelineDefinitions.evolve(changed, new StagesReordered("sales",
                List.of("contract-sent", "proposal-sent", "qualified", "lead"), MONDAY));
        changed = PipelineDefinitions.evolve(changed, new StageSettingsChanged("sales", "lead", 5, null, null, MONDAY));
        changed = PipelineDefinitions.evolve(changed, new LostReasonsChanged("sales", List.of("Timing"), MONDAY));
        changed = PipelineDefinitions.evolve(changed, new IdleLimitChanged("sales", Duration.ofDays(3), MONDAY));

        assertThat(ids(changed)).containsExactly("contract-sent", "proposal-sent", "qualified", "lead");
        assertThat(changed.stage("lead").orElseThrow())
                .isEqualTo(new StageDefinition("lead", "Lead", 5, null, Set.of()));
        assertThat(changed.lostReasons()).containsExactly("Timing");
        assertThat(changed.idleLimit()).isEqualTo(Duration.ofDays(3));
        assertThat(changed.name()).isEqualTo("Sales");
        assertThat(changed.stage("negotiation")).isEmpty();
        assertThat(changed.position("negotiation")).isEqualTo(-1);
        assertThat(changed.position("qualified")).isEqualTo(2);
        assertThat(changed.removedStages()).extracting(StageDefinition::stageId).containsExactly("negotiation");
        assertThat(changed.stageEverDefined("negotiation").orElseThrow().name())
                .as("a removed stage keeps its name for the histories that name it").isEqualTo("Negotiation");
    }
}
