package dev.salespipeline.query.pipeline.projection;

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
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;

/** How each pipeline event changes the query side's view of a pipeline. */
class PipelineProjectionTest {

    private static final Instant DEFINED_AT = Instant.parse("2026-11-02T08:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-09T08:00:00Z");

    /** The default template as the projection stores it when the pipeline is defined. */
    private static PipelineView defaultPipeline() {
        List<PipelineView.Stage> stages = PipelineTemplates.DEFAULT_STAGES.stream()
                .map(stage -> new PipelineView.Stage(stage.stageId(), stage.name(), stage.probability(),
                        stage.timeLimit().toSeconds(), stage.exitRequirements()))
                .toList();
        return new PipelineView("sales", "Sales", stages, List.of(), Duration.ofDays(14).toSeconds(),
                PipelineTemplates.DEFAULT_LOST_REASONS, DEFINED_AT, 0);
    }

    private static List<String> stageIds(PipelineView view) {
        return view.stages().stream().map(PipelineView.Stage::stageId).toList();
    }

    @Test
    void aStageAddedGoesInAtItsPositionAndAnOutOfRangePositionIsClampedToTheEnds() {
        StageDefinition demo = new StageDefinition("demo", "Demo", 40, null, Set.of());
        PipelineView view = PipelineProjection.evolve(defaultPipeline(), new StageAdded("sales", demo, 2, LATER), 1);

        assertThat(stageIds(view)).containsExactly("lead", "qualified", "demo", "proposal-sent", "negotiation",
                "contract-sent");
        PipelineView.Stage added = view.stage("demo").orElseThrow();
        assertThat(added.probability()).isEqualTo(40);
        assertThat(added.timeLimitSeconds()).isNull();
        assertThat(view.lastSequence()).isEqualTo(1);
        assertThat(view.updatedAt()).isEqualTo(LATER);

        StageDefinition first = new StageDefinition("first", "First", 5, null, Set.of());
        StageDefinition last = new StageDefinition("last", "Last", 95, null, Set.of());
        PipelineView clamped = PipelineProjection.evolve(
                PipelineProjection.evolve(view, new StageAdded("sales", first, -3, LATER), 2),
                new StageAdded("sales", last, 99, LATER), 3);
        assertThat(stageIds(clamped)).startsWith("first").endsWith("last");
    }

    @Test
    void aRenamedStageKeepsItsIdPlaceAndSettings() {
        PipelineView view = PipelineProjection.evolve(defaultPipeline(),
                new StageRenamed("sales", "qualified", "Qualified", "Discovery", LATER), 1);

        PipelineView.Stage renamed = view.stages().get(1);
        assertThat(renamed.stageId()).isEqualTo("qualified");
        assertThat(renamed.name()).isEqualTo("Discovery");
        assertThat(renamed.probability()).isEqualTo(25);
        assertThat(renamed.timeLimitSeconds()).isEqualTo(Duration.ofDays(14).toSeconds());
        assertThat(renamed.exitRequirements()).containsExactly(DealField.AMOUNT);
    }

    @Test
    void reorderedStagesTakeTheNewOrder() {
        PipelineView view = PipelineProjection.evolve(defaultPipeline(), new StagesReordered("sales",
                List.of("lead", "qualified", "negotiation", "proposal-sent", "contract-sent"), LATER), 1);

        assertThat(stageIds(view)).containsExactly("lead", "qualified", "negotiation", "proposal-sent",
                "contract-sent");
        assertThat(view.position("negotiation")).isEqualTo(2);
        assertThat(view.stage("negotiation").orElseThrow().probability()).isEqualTo(65);
    }

    @Test
    void aRemovedStageLeavesTheOrderButStaysKnownWithItsLastNameAndSettings() {
        PipelineView renamed = PipelineProjection.evolve(defaultPipeline(),
                new StageRenamed("sales", "contract-sent", "Contract sent", "Contract out", LATER), 1);
        PipelineView view = PipelineProjection.evolve(renamed, new StageRemoved("sales", "contract-sent", LATER), 2);

        assertThat(stageIds(view)).containsExactly("lead", "qualified", "proposal-sent", "negotiation");
        assertThat(view.position("contract-sent")).isEqualTo(-1);
        assertThat(view.removedStages()).singleElement().satisfies(stage -> {
            assertThat(stage.stageId()).isEqualTo("contract-sent");
            assertThat(stage.name()).isEqualTo("Contract out");
            assertThat(stage.probability()).isEqualTo(70);
        });
        assertThat(view.stage("contract-sent")).isPresent();
    }

    @Test
    void changedStageSettingsReplaceProbabilityLimitAndRequirements() {
        PipelineView view = PipelineProjection.evolve(defaultPipeline(), new StageSettingsChanged("sales", "lead",
                15, null, Set.of(DealField.CLIENT_COMPANY), LATER), 1);

        PipelineView.Stage lead = view.stage("lead").orElseThrow();
        assertThat(lead.name()).isEqualTo("Lead");
        assertThat(lead.probability()).isEqualTo(15);
        assertThat(lead.timeLimitSeconds()).isNull();
        assertThat(lead.exitRequirements()).containsExactly(DealField.CLIENT_COMPANY);
    }

    @Test
    void lostReasonsAndTheIdleLimitAreReplaced() {
        PipelineView reasons = PipelineProjection.evolve(defaultPipeline(),
                new LostReasonsChanged("sales", List.of("Price", "Went silent"), LATER), 1);
        PipelineView idle = PipelineProjection.evolve(reasons,
                new IdleLimitChanged("sales", Duration.ofDays(7), LATER), 2);

        assertThat(idle.lostReasons()).containsExactly("Price", "Went silent");
        assertThat(idle.idleLimitSeconds()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(idle.stages()).isEqualTo(defaultPipeline().stages());
        assertThat(idle.lastSequence()).isEqualTo(2);
    }

    @Test
    void aDefinitionIsNotAChangeOfAnExistingPipeline() {
        PipelineView view = defaultPipeline();
        PipelineDefined again = new PipelineDefined("sales", "Other", List.of(), Duration.ofDays(1), List.of(), LATER);

        assertThat(PipelineProjection.evolve(view, again, 5)).isSameAs(view);
    }
}
