package dev.salespipeline.command.deal.command;

import java.time.Instant;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.command.speech.matching.TranscriptChecks;
import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.api.deal.ChangeDealAmount;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;

class DealTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");

    private static final Map<String, Object> ANNA = caller("anna", "rep", "north");
    private static final Map<String, Object> BEN = caller("ben", "rep", "north");
    private static final Map<String, Object> MAX = caller("max", "manager", "north");
    private static final Map<String, Object> NINA = caller("nina", "manager", "south");
    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin");
    private static final Map<String, Object> VERA = Map.of("actor", "vera", "roles", "viewer");

    private AggregateTestFixture<Deal> fixture;

    private static Map<String, Object> caller(String id, String role, String team) {
        return Map.of("actor", id, "roles", role, "team", team);
    }

    private static OpenDeal open(String ownerId, String teamId) {
        return new OpenDeal("deal-1", "sales", "lead", "Forty seats", ownerId, teamId, Money.of("1500.00", "EUR"),
                MONDAY_MORNING);
    }

    private static DealOpened opened(String ownerId, String teamId) {
        return new DealOpened("deal-1", "sales", "lead", "Forty seats", ownerId, teamId, Money.of("1500.00", "EUR"),
                MONDAY_MORNING);
    }

    private static ChangeDealAmount changeAmountTo(String amount) {
        return new ChangeDealAmount("deal-1", Money.of(amount, "EUR"), null, MONDAY_NOON);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(TestPipelines.catalog());
        fixture.registerInjectableResource(TranscriptChecks.NONE);
    }

    @Test
    void aRepOpensADealOfTheirOwnInTheirTeam() {
        fixture.givenNoPriorActivity()
                .when(open("anna", "north"), ANNA)
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened("anna", "north"));
    }

    @Test
    void opensADealWhoseAmountIsNotKnownYet() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-2", "sales", "lead", "Pilot", "anna", "north", null, MONDAY_MORNING), ANNA)
                .expectEvents(new DealOpened("deal-2", "sales", "lead", "Pilot", "anna", "north", null,
                        MONDAY_MORNING));
    }

    @Test
    void cannotOpenADealWithoutATitle() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-3", "sales", "lead", " ", "anna", "north", null, MONDAY_MORNING), ANNA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerOpensADealForARepOfTheirTeam() {
        fixture.givenNoPriorActivity().when(open("anna", "north"), MAX).expectEvents(opened("anna", "north"));
    }

    @Test
    void anAdminOpensADealForAnyone() {
        fixture.givenNoPriorActivity().when(open("sam", "south"), ADA).expectEvents(opened("sam", "south"));
    }

    @Test
    void cannotOpenADealInAStageOfAnotherPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-1", "sales", "review", "Forty seats", "anna", "north", null, MONDAY_MORNING),
                        ANNA)
                .expectException(DealRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("review"))
                .expectNoEvents();
    }

    @Test
    void cannotOpenADealInAnUnknownPipeline() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-1", "nowhere", "lead", "Forty seats", "anna", "north", null, MONDAY_MORNING),
                        ANNA)
                .expectException(UnknownPipelineException.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotOpenADealForAnotherRep() {
        fixture.givenNoPriorActivity()
                .when(open("ben", "north"), ANNA)
                .expectException(DealAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aRepCannotOpenADealInAnotherTeam() {
        fixture.givenNoPriorActivity()
                .when(open("anna", "south"), ANNA)
                .expectException(DealAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aManagerCannotOpenADealInAnotherTeam() {
        fixture.givenNoPriorActivity()
                .when(open("anna", "north"), NINA)
                .expectException(DealAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aViewerCannotOpenADeal() {
        fixture.givenNoPriorActivity()
                .when(open("vera", null), VERA)
                .expectException(DealAccessDeniedException.class)
                .expectNoEvents();
    }

    @Test
    void aCommandWithoutAnActorIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open("anna", "north"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void theOwnerChangesTheAmountAndTheEventKeepsTheOldOne() {
        fixture.given(opened("anna", "north"))
                .when(changeAmountTo("2000.00"), ANNA)
                .expectEvents(new DealAmountChanged("deal-1", Money.of("1500.00", "EUR"), Money.of("2000.00", "EUR"),
                        MONDAY_NOON));
    }

    @Test
    void settingTheSameAmountAgainChangesNothing() {
        fixture.given(opened("anna", "north"))
                .when(changeAmountTo("1500.0"), ANNA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepCannotChangeAnotherRepsDeal() {
        fixture.given(opened("anna", "north"))
                .when(changeAmountTo("1.00"), BEN)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void aManagerOfTheDealsTeamChangesIt() {
        fixture.given(opened("anna", "north"))
                .when(changeAmountTo("900.00"), MAX)
                .expectEvents(new DealAmountChanged("deal-1", Money.of("1500.00", "EUR"), Money.of("900.00", "EUR"),
                        MONDAY_NOON));
    }

    @Test
    void aManagerOfAnotherTeamCannotChangeIt() {
        fixture.given(opened("anna", "north"))
                .when(changeAmountTo("900.00"), NINA)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }
}
