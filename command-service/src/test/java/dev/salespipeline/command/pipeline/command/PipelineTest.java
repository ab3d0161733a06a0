package dev.salespipeline.command.pipeline.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.pipeline.AddStage;
import dev.salespipeline.api.pipeline.ChangeIdleLimit;
import dev.salespipeline.api.pipeline.ChangeLostReasons;
import dev.salespipeline.api.pipeline.ChangeStageSettings;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.DefinePipeline;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
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

class PipelineTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");

    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin");
    private static final Map<String, Object> MAX = Map.of("actor", "max", "roles", "manager", "team", "north");
    private static final Map<String, Object> ANNA = Map.of("actor", "anna", "roles", "rep", "team", "north");
    private static final Map<String, Object> VERA = Map.of("actor", "vera", "roles", "viewer");

    private static final StageDefinition LEAD = new StageDefinition("lead", "Lead", 10, Duration.ofDays(14), Set.of());
    private static final StageDefinition PROPOSAL = new StageDefinition("proposal", "Proposal sent", 50,
            Duration.ofDays(21), Set.of(DealField.AMOUNT));
    private static final StageDefinition CONTRACT = new StageDefinition("contract", "Contract sent", 70, null,
            Set.of(DealField.AMOUNT, DealField.EXPECTED_CLOSE_DATE));
    private static final StageDefinition DEMO = new StageDefinition("demo", "Demo", 30, Duration.ofDays(7), Set.of());

    private AggregateTestFixture<Pipeline> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Pipeline.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static DefinePipeline define(List<StageDefinition> stages, List<String> lostReasons) {
        return new DefinePipeline("sales", "Sales", stages, Duration.ofDays(14), lostReasons, MONDAY_MORNING);
    }

    private static DefinePipeline define() {
        return define(List.of(LEAD, PROPOSAL, CONTRACT), List.of("Price", "Competitor"));
    }

    private static PipelineDefined defined() {
        return new PipelineDefined("sales", "Sales", List.of(LEAD, PROPOSAL, CONTRACT), Duration.ofDays(14),
                List.of("Price", "Competitor"), MONDAY_MORNING);
    }

    private static PipelineDefined definedWithOnly(StageDefinition stage) {
        return new PipelineDefined("sales", "Sales", List.of(stage), Duration.ofDays(14), List.of("Price"),
                MONDAY_MORNING);
    }

    // Defining

    @Test
    void anAdminDefinesAPipeline() {
        fixture.givenNoPriorActivity()
                .when(define(), ADA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(defined());
    }

    @Test
    void theDefaultTemplateDefinesFiveStagesFromLeadToContractSent() {
        DefinePipeline template = PipelineTemplates.defaultPipeline("sales", "Sales", MONDAY_MORNING);

        fixture.givenNoPriorActivity()
                .when(template, ADA)
                .expectEvents(new PipelineDefined("sales", "Sales", PipelineTemplates.DEFAULT_STAGES,
                        Duration.ofDays(14), List.of("Price", "Competitor", "No budget", "No decision", "Timing"),
                        MONDAY_MORNING));
    }

    @Test
    void aManagerCannotDefineAPipeline() {
        fixture.givenNoPriorActivity()
                .when(define(), MAX)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotDefineAPipeline() {
        fixture.givenNoPriorActivity()
                .when(define(), ANNA)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aCommandWithoutAnActorIsRefused() {
        fixture.givenNoPriorActivity()
                .when(define())
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineAPipelineWithoutStages() {
        fixture.givenNoPriorActivity()
                .when(define(List.of(), List.of("Price")), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineTwoStagesWithTheSameId() {
        StageDefinition anotherLead = new StageDefinition("lead", "Inbound lead", 5, null, Set.of());

        fixture.givenNoPriorActivity()
                .when(define(List.of(LEAD, anotherLead), List.of("Price")), ADA)
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("stage id lead is given twice")
                .expectNoEvents();
    }

    @Test
    void cannotDefineAStageWithABlankName() {
        fixture.givenNoPriorActivity()
                .when(define(List.of(new StageDefinition("lead", "  ", 10, null, Set.of())), List.of("Price")), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineAPipelineWithABlankName() {
        fixture.givenNoPriorActivity()
                .when(new DefinePipeline("sales", " ", List.of(LEAD), Duration.ofDays(14), List.of("Price"),
                        MONDAY_MORNING), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineAPipelineWithoutLostReasons() {
        fixture.givenNoPriorActivity()
                .when(define(List.of(LEAD), List.of()), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineTheSameLostReasonTwice() {
        fixture.givenNoPriorActivity()
                .when(define(List.of(LEAD), List.of("Price", "price ")), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineABlankLostReason() {
        fixture.givenNoPriorActivity()
                .when(define(List.of(LEAD), List.of("Price", "")), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotDefineANonPositiveIdleLimit() {
        fixture.givenNoPriorActivity()
                .when(new DefinePipeline("sales", "Sales", List.of(LEAD), Duration.ZERO, List.of("Price"),
                        MONDAY_MORNING), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void definingAPipelineTwiceIsRefusedByTheStore() {
        // The fixture's store, like the JDBC one, takes no second first event for an aggregate.
        fixture.given(defined())
                .when(define(), ADA)
                .expectException(org.axonframework.eventsourcing.eventstore.EventStoreException.class);
    }

    // Adding stages

    @Test
    void anAdminAddsAStageAtAPosition() {
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, 1, MONDAY_NOON), ADA)
                .expectEvents(new StageAdded("sales", DEMO, 1, MONDAY_NOON));
    }

    @Test
    void aStageCanBeAddedFirstAndLast() {
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, 3, MONDAY_NOON), ADA)
                .expectEvents(new StageAdded("sales", DEMO, 3, MONDAY_NOON));
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, 0, MONDAY_NOON), ADA)
                .expectEvents(new StageAdded("sales", DEMO, 0, MONDAY_NOON));
    }

    @Test
    void cannotAddAStageOutsideThePipeline() {
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, 4, MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, -1, MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotAddAStageWithAnIdThePipelineHas() {
        fixture.given(defined())
                .when(new AddStage("sales", new StageDefinition("lead", "Lead again", 10, null, Set.of()), 0,
                        MONDAY_NOON), ADA)
                .expectException(PipelineRuleViolation.class)
                .expectExceptionMessage("pipeline sales has or had a stage lead: choose another id")
                .expectNoEvents();
    }

    @Test
    void cannotGiveTheIdOfARemovedStageToANewOne() {
        fixture.given(defined(), new StageRemoved("sales", "proposal", MONDAY_NOON))
                .when(new AddStage("sales", new StageDefinition("proposal", "Proposal", 40, null, Set.of()), 1,
                        MONDAY_NOON), ADA)
                .expectException(PipelineRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotAddAStageWithABlankName() {
        fixture.given(defined())
                .when(new AddStage("sales", new StageDefinition("demo", "", 30, null, Set.of()), 1, MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerCannotAddAStage() {
        fixture.given(defined())
                .when(new AddStage("sales", DEMO, 1, MONDAY_NOON), MAX)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void anAddedStageTakesItsPositionForLaterCommands() {
        fixture.given(defined(), new StageAdded("sales", DEMO, 1, MONDAY_NOON))
                .when(new ReorderStages("sales", List.of("lead", "demo", "proposal", "contract"), MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Renaming

    @Test
    void anAdminRenamesAStageAndTheEventKeepsTheOldName() {
        fixture.given(defined())
                .when(new RenameStage("sales", "proposal", "Offer sent", MONDAY_NOON), ADA)
                .expectEvents(new StageRenamed("sales", "proposal", "Proposal sent", "Offer sent", MONDAY_NOON));
    }

    @Test
    void renamingAStageToItsNameChangesNothing() {
        fixture.given(defined())
                .when(new RenameStage("sales", "proposal", "Proposal sent", MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRenamedStageKeepsItsNewName() {
        fixture.given(defined(), new StageRenamed("sales", "proposal", "Proposal sent", "Offer sent", MONDAY_NOON))
                .when(new RenameStage("sales", "proposal", "Offer sent", MONDAY_NOON), ADA)
                .expectNoEvents();
    }

    @Test
    void cannotRenameAStageToABlankName() {
        fixture.given(defined())
                .when(new RenameStage("sales", "proposal", " ", MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRenameAnUnknownStage() {
        fixture.given(defined())
                .when(new RenameStage("sales", "demo", "Demo", MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("pipeline sales has no stage demo")
                .expectNoEvents();
    }

    @Test
    void aViewerCannotRenameAStage() {
        fixture.given(defined())
                .when(new RenameStage("sales", "proposal", "Offer sent", MONDAY_NOON), VERA)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Reordering

    @Test
    void anAdminReordersTheStages() {
        List<String> order = List.of("proposal", "lead", "contract");

        fixture.given(defined())
                .when(new ReorderStages("sales", order, MONDAY_NOON), ADA)
                .expectEvents(new StagesReordered("sales", order, MONDAY_NOON));
    }

    @Test
    void reorderingToTheCurrentOrderChangesNothing() {
        fixture.given(defined())
                .when(new ReorderStages("sales", List.of("lead", "proposal", "contract"), MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReorderMustNameEveryStageExactlyOnce() {
        List<List<String>> notPermutations = List.of(
                List.of("lead", "proposal"),
                List.of("lead", "proposal", "contract", "demo"),
                List.of("lead", "lead", "contract"),
                List.of("lead", "proposal", "demo"));
        for (List<String> order : notPermutations) {
            fixture.given(defined())
                    .when(new ReorderStages("sales", order, MONDAY_NOON), ADA)
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void aReorderedPipelineKeepsItsNewOrder() {
        List<String> order = List.of("contract", "proposal", "lead");

        fixture.given(defined(), new StagesReordered("sales", order, MONDAY_NOON))
                .when(new ReorderStages("sales", order, MONDAY_NOON), ADA)
                .expectNoEvents();
    }

    @Test
    void aRepCannotReorderTheStages() {
        fixture.given(defined())
                .when(new ReorderStages("sales", List.of("proposal", "lead", "contract"), MONDAY_NOON), ANNA)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Removing

    @Test
    void anAdminRemovesAStage() {
        fixture.given(defined())
                .when(new RemoveStage("sales", "proposal", MONDAY_NOON), ADA)
                .expectEvents(new StageRemoved("sales", "proposal", MONDAY_NOON));
    }

    @Test
    void cannotRemoveTheLastStage() {
        fixture.given(definedWithOnly(LEAD))
                .when(new RemoveStage("sales", "lead", MONDAY_NOON), ADA)
                .expectException(PipelineRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotRemoveTheLastStageLeftAfterRemovals() {
        fixture.given(defined(), new StageRemoved("sales", "proposal", MONDAY_NOON),
                        new StageRemoved("sales", "contract", MONDAY_NOON))
                .when(new RemoveStage("sales", "lead", MONDAY_NOON), ADA)
                .expectException(PipelineRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotRemoveAnUnknownStage() {
        fixture.given(defined())
                .when(new RemoveStage("sales", "demo", MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRemoveAStageTwice() {
        fixture.given(defined(), new StageRemoved("sales", "proposal", MONDAY_NOON))
                .when(new RemoveStage("sales", "proposal", MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerCannotRemoveAStage() {
        fixture.given(defined())
                .when(new RemoveStage("sales", "proposal", MONDAY_NOON), MAX)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Stage settings

    @Test
    void anAdminChangesAStagesSettings() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 40, Duration.ofDays(10),
                        Set.of(DealField.AMOUNT, DealField.DECISION_MAKER), MONDAY_NOON), ADA)
                .expectEvents(new StageSettingsChanged("sales", "proposal", 40, Duration.ofDays(10),
                        Set.of(DealField.AMOUNT, DealField.DECISION_MAKER), MONDAY_NOON));
    }

    @Test
    void aStageCanLoseItsTimeLimitAndExitRequirements() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 50, null, null, MONDAY_NOON), ADA)
                .expectEvents(new StageSettingsChanged("sales", "proposal", 50, null, Set.of(), MONDAY_NOON));
    }

    @Test
    void settingTheCurrentSettingsChangesNothing() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 50, Duration.ofDays(21), Set.of(DealField.AMOUNT),
                        MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aProbabilityIsAPercentage() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 101, null, Set.of(), MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aTimeLimitIsPositive() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 50, Duration.ofDays(-1), Set.of(), MONDAY_NOON),
                        ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotChangeTheSettingsOfAnUnknownStage() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "demo", 50, null, Set.of(), MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotChangeAStagesSettings() {
        fixture.given(defined())
                .when(new ChangeStageSettings("sales", "proposal", 90, null, Set.of(), MONDAY_NOON), ANNA)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Lost reasons

    @Test
    void anAdminChangesTheLostReasons() {
        List<String> reasons = List.of("Price", "Competitor", "Timing");

        fixture.given(defined())
                .when(new ChangeLostReasons("sales", reasons, MONDAY_NOON), ADA)
                .expectEvents(new LostReasonsChanged("sales", reasons, MONDAY_NOON));
    }

    @Test
    void settingTheCurrentLostReasonsChangesNothing() {
        fixture.given(defined())
                .when(new ChangeLostReasons("sales", List.of("Price", "Competitor"), MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPipelineKeepsAtLeastOneLostReason() {
        fixture.given(defined())
                .when(new ChangeLostReasons("sales", List.of(), MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void lostReasonsAreUnique() {
        fixture.given(defined())
                .when(new ChangeLostReasons("sales", List.of("Price", "Timing", "Price"), MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerCannotChangeTheLostReasons() {
        fixture.given(defined())
                .when(new ChangeLostReasons("sales", List.of("Price"), MONDAY_NOON), MAX)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Idle limit

    @Test
    void anAdminChangesTheIdleLimit() {
        fixture.given(defined())
                .when(new ChangeIdleLimit("sales", Duration.ofDays(7), MONDAY_NOON), ADA)
                .expectEvents(new IdleLimitChanged("sales", Duration.ofDays(7), MONDAY_NOON));
    }

    @Test
    void settingTheCurrentIdleLimitChangesNothing() {
        fixture.given(defined())
                .when(new ChangeIdleLimit("sales", Duration.ofHours(14 * 24), MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theIdleLimitIsPositive() {
        fixture.given(defined())
                .when(new ChangeIdleLimit("sales", Duration.ofSeconds(-5), MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aViewerCannotChangeTheIdleLimit() {
        fixture.given(defined())
                .when(new ChangeIdleLimit("sales", Duration.ofDays(7), MONDAY_NOON), VERA)
                .expectException(PipelineAccessDeniedException.class)
                .expectNoEvents();
    }

    // Unknown pipelines

    @Test
    void aChangeToAnUnknownPipelineFindsNoAggregate() {
        fixture.givenNoPriorActivity()
                .when(new RenameStage("legal", "review", "Review", MONDAY_NOON), ADA)
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
