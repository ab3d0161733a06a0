package dev.salespipeline.command.target.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.target.ChangeSalesTarget;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SetSalesTarget;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.api.target.WithdrawSalesTarget;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.UnknownPipelineException;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.api.pipeline.PipelineDefinition;

class SalesTargetTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");
    private static final TargetPeriod Q4 = TargetPeriod.quarter(2026, 4);

    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin");
    private static final Map<String, Object> MAX = caller("max", "manager", "north");
    private static final Map<String, Object> NINA = caller("nina", "manager", "south");
    private static final Map<String, Object> ANNA = caller("anna", "rep", "north");
    private static final Map<String, Object> VERA = Map.of("actor", "vera", "roles", "viewer");
    private static final Map<String, Object> TEAMLESS_MANAGER = Map.of("actor", "tom", "roles", "manager");

    private static final String ANNAS_TARGET = SalesTargetIds.of("sales", SubjectType.OWNER, "anna", Q4);
    private static final String NORTHS_TARGET = SalesTargetIds.of("sales", SubjectType.TEAM, "north", Q4);

    private static final PipelineCatalog CATALOG = pipelineId -> "sales".equals(pipelineId)
            ? Optional.of(new PipelineDefinition("sales", "Sales",
                    List.of(new StageDefinition("lead", "Lead", 10, null, Set.of())), Duration.ofDays(14),
                    List.of("Price")))
            : Optional.empty();

    private AggregateTestFixture<SalesTarget> fixture;

    private static Map<String, Object> caller(String id, String role, String team) {
        return Map.of("actor", id, "roles", role, "team", team);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SalesTarget.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(CATALOG);
    }

    private static SetSalesTarget setAnnas(String teamId, String amount) {
        return new SetSalesTarget(ANNAS_TARGET, "sales", SubjectType.OWNER, "anna", teamId, Q4,
                Money.of(amount, "EUR"), MONDAY_MORNING);
    }

    private static SalesTargetSet annasSet(String teamId) {
        return new SalesTargetSet(ANNAS_TARGET, "sales", SubjectType.OWNER, "anna", teamId, Q4,
                Money.of("120000.00", "EUR"), MONDAY_MORNING);
    }

    private static SetSalesTarget setTeams(String team) {
        return new SetSalesTarget(SalesTargetIds.of("sales", SubjectType.TEAM, team, Q4), "sales", SubjectType.TEAM,
                team, null, Q4, Money.of("500000.00", "EUR"), MONDAY_MORNING);
    }

    private static ChangeSalesTarget changeAnnasTo(String amount, String currency) {
        return new ChangeSalesTarget(ANNAS_TARGET, Money.of(amount, currency), null, MONDAY_NOON);
    }

    private static SalesTargetChanged annasChanged(String from, String to) {
        return new SalesTargetChanged(ANNAS_TARGET, Money.of(from, "EUR"), Money.of(to, "EUR"), MONDAY_NOON);
    }

    // Setting

    @Test
    void anAdminSetsATargetForAnOwner() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "120000.00"), ADA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(annasSet("north"));
    }

    @Test
    void anAdminSetsAnOwnerTargetWithoutNamingATeam() {
        fixture.givenNoPriorActivity()
                .when(setAnnas(null, "120000.00"), ADA)
                .expectEvents(annasSet(null));
    }

    @Test
    void aManagerSetsTheTargetOfTheirTeamWhichBelongsToTheTeam() {
        fixture.givenNoPriorActivity()
                .when(setTeams("north"), MAX)
                .expectEvents(new SalesTargetSet(NORTHS_TARGET, "sales", SubjectType.TEAM, "north", "north", Q4,
                        Money.of("500000.00", "EUR"), MONDAY_MORNING));
    }

    @Test
    void aManagerSetsTheTargetOfAnOwnerNamingTheirOwnTeam() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "120000.00"), MAX)
                .expectEvents(annasSet("north"));
    }

    @Test
    void aManagerCannotSetAnOwnerTargetWithoutNamingTheirTeam() {
        fixture.givenNoPriorActivity()
                .when(setAnnas(null, "120000.00"), MAX)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerCannotSetAnOwnerTargetInAnotherTeam() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "120000.00"), NINA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("in team north"))
                .expectNoEvents();
    }

    @Test
    void aManagerCannotSetTheTargetOfAnotherTeam() {
        fixture.givenNoPriorActivity()
                .when(setTeams("north"), NINA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerWithoutATeamSetsNoTargets() {
        fixture.givenNoPriorActivity()
                .when(setAnnas(null, "120000.00"), TEAMLESS_MANAGER)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotSetATargetNotEvenTheirOwn() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "120000.00"), ANNA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aViewerCannotSetATarget() {
        fixture.givenNoPriorActivity()
                .when(setTeams("north"), VERA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aCommandWithoutAnActorIsRefused() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "120000.00"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void aTargetIsAnAmountAboveZero() {
        fixture.givenNoPriorActivity()
                .when(setAnnas("north", "0.00"), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aTargetNeedsAPipelineThatExists() {
        fixture.givenNoPriorActivity()
                .when(new SetSalesTarget(SalesTargetIds.of("legal", SubjectType.OWNER, "anna", Q4), "legal",
                        SubjectType.OWNER, "anna", "north", Q4, Money.of("1000.00", "EUR"), MONDAY_MORNING), ADA)
                .expectException(UnknownPipelineException.class)
                .expectNoEvents();
    }

    @Test
    void theIdIsTheOneOfPipelineSubjectAndPeriod() {
        fixture.givenNoPriorActivity()
                .when(new SetSalesTarget(ANNAS_TARGET, "sales", SubjectType.OWNER, "anna", "north",
                        TargetPeriod.quarter(2027, 1), Money.of("1000.00", "EUR"), MONDAY_MORNING), ADA)
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("target/sales/owner:anna/2027-Q1"))
                .expectNoEvents();
    }

    @Test
    void aTeamTargetBelongsToThatTeamAndNoOther() {
        fixture.givenNoPriorActivity()
                .when(new SetSalesTarget(NORTHS_TARGET, "sales", SubjectType.TEAM, "north", "south", Q4,
                        Money.of("1000.00", "EUR"), MONDAY_MORNING), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void settingATargetTwiceIsRefusedByTheStore() {
        // The fixture's store, like the JDBC one, takes no second first event for an aggregate.
        fixture.given(annasSet("north"))
                .when(setAnnas("north", "90000.00"), ADA)
                .expectException(EventStoreException.class);
    }

    // Changing

    @Test
    void anAdminChangesTheAmountAndTheEventKeepsThePreviousOne() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("150000.00", "EUR"), ADA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(annasChanged("120000.00", "150000.00"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theTeamsManagerChangesAnOwnersTarget() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("100000.00", "EUR"), MAX)
                .expectEvents(annasChanged("120000.00", "100000.00"));
    }

    @Test
    void changingToTheSameAmountChangesNothing() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("120000", "EUR"), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aChangeComparesWithTheLatestAmount() {
        fixture.given(annasSet("north"), annasChanged("120000.00", "150000.00"))
                .when(changeAnnasTo("120000.00", "EUR"), ADA)
                .expectEvents(annasChanged("150000.00", "120000.00"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aTargetKeepsItsCurrency() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("120000.00", "USD"), ADA)
                .expectException(SalesTargetRuleViolation.class)
                .expectExceptionMessage("target " + ANNAS_TARGET + " is in EUR, not USD")
                .expectNoEvents();
    }

    @Test
    void aChangedTargetIsStillAnAmountAboveZero() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("0", "EUR"), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerOfAnotherTeamCannotChangeATarget() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("1.00", "EUR"), NINA)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void aTargetWithoutATeamIsChangedByAdminsOnly() {
        fixture.given(annasSet(null))
                .when(changeAnnasTo("1.00", "EUR"), MAX)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotChangeTheirOwnTarget() {
        fixture.given(annasSet("north"))
                .when(changeAnnasTo("1.00", "EUR"), ANNA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aWithdrawnTargetTakesNoChanges() {
        fixture.given(annasSet("north"), new SalesTargetWithdrawn(ANNAS_TARGET, null, MONDAY_NOON))
                .when(changeAnnasTo("150000.00", "EUR"), ADA)
                .expectException(SalesTargetRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("withdrawn"))
                .expectNoEvents();
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(annasSet("north"), annasChanged("120000.00", "150000.00"))
                .when(new ChangeSalesTarget(ANNAS_TARGET, Money.of("90000.00", "EUR"), 0L, MONDAY_NOON), ADA)
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void theCurrentExpectedVersionIsAccepted() {
        fixture.given(annasSet("north"), annasChanged("120000.00", "150000.00"))
                .when(new ChangeSalesTarget(ANNAS_TARGET, Money.of("90000.00", "EUR"), 1L, MONDAY_NOON), ADA)
                .expectEvents(annasChanged("150000.00", "90000.00"));
    }

    @Test
    void aChangeToAnUnknownTargetFindsNoAggregate() {
        fixture.givenNoPriorActivity()
                .when(changeAnnasTo("1.00", "EUR"), ADA)
                .expectException(AggregateNotFoundException.class);
    }

    // Withdrawing

    @Test
    void anAdminWithdrawsATargetWithAReason() {
        fixture.given(annasSet("north"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, "Moved to key accounts", MONDAY_NOON), ADA)
                .expectEvents(new SalesTargetWithdrawn(ANNAS_TARGET, "Moved to key accounts", MONDAY_NOON))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theTeamsManagerWithdrawsATargetWithoutAReason() {
        fixture.given(annasSet("north"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, null, MONDAY_NOON), MAX)
                .expectEvents(new SalesTargetWithdrawn(ANNAS_TARGET, null, MONDAY_NOON));
    }

    @Test
    void withdrawingAWithdrawnTargetChangesNothing() {
        fixture.given(annasSet("north"), new SalesTargetWithdrawn(ANNAS_TARGET, null, MONDAY_NOON))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, "again", MONDAY_NOON), ADA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aReasonWhenGivenIsNotBlank() {
        fixture.given(annasSet("north"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, " ", MONDAY_NOON), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerOfAnotherTeamCannotWithdrawATarget() {
        fixture.given(annasSet("north"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, null, MONDAY_NOON), NINA)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotWithdrawTheirTarget() {
        fixture.given(annasSet("north"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, null, MONDAY_NOON), ANNA)
                .expectException(SalesTargetAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aStaleWithdrawalIsRefused() {
        fixture.given(annasSet("north"), annasChanged("120000.00", "150000.00"))
                .when(new WithdrawSalesTarget(ANNAS_TARGET, null, 0L, MONDAY_NOON), ADA)
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }
}
