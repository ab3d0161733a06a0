package dev.salespipeline.command.deal.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.command.speech.matching.TranscriptChecks;
import dev.salespipeline.command.rules.NotVisible;
import dev.salespipeline.api.deal.ChangeExpectedCloseDate;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.EditDealDetails;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.LoseDeal;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.MoveDealToStage;
import dev.salespipeline.api.deal.OverrideProbability;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.ReopenDeal;
import dev.salespipeline.api.deal.WinDeal;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;

/**
 * A deal's way through its pipeline: moves, exit requirements, win, loss and reopening, and the
 * fields that the requirements look at.
 */
class DealLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final Map<String, Object> ANNA = Map.of("actor", "anna", "roles", "rep", "team", "north");
    private static final Map<String, Object> BEN = Map.of("actor", "ben", "roles", "rep", "team", "north");

    private static final DealOpened OPENED_WITHOUT_AMOUNT = new DealOpened("deal-1", "sales", "lead", "Forty seats",
            "anna", "north", null, T0);
    private static final Money EUR_1500 = Money.of("1500.00", "EUR");

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(TestPipelines.catalog());
        fixture.registerInjectableResource(TranscriptChecks.NONE);
    }

    private static DealMovedToStage moved(String from, String to) {
        return new DealMovedToStage("deal-1", "sales", from, to, T1);
    }

    @Test
    void movesForwardBackAndSkippingStages() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new MoveDealToStage("deal-1", "proposal-sent", null, T1), ANNA)
                .expectEvents(moved("lead", "proposal-sent"))
                .expectResultMessagePayload(1L);
        fixture.given(OPENED_WITHOUT_AMOUNT, new DealMovedToStage("deal-1", "sales", "lead", "qualified", T0))
                .when(new MoveDealToStage("deal-1", "lead", null, T1), ANNA)
                .expectEvents(moved("qualified", "lead"));
    }

    @Test
    void aMoveToTheCurrentStageIsNotAnEvent() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new MoveDealToStage("deal-1", "lead", null, T1), ANNA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void cannotMoveToAStageOfAnotherPipeline() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new MoveDealToStage("deal-1", "review", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void exitRequirementsBlockAMoveUntilTheFieldsAreFilled() {
        DealMovedToStage inProposal = new DealMovedToStage("deal-1", "sales", "lead", "proposal-sent", T0);
        fixture.given(OPENED_WITHOUT_AMOUNT, inProposal)
                .when(new MoveDealToStage("deal-1", "negotiation-or-later", null, T1), ANNA)
                .expectException(DealRuleViolation.class);
        fixture.given(OPENED_WITHOUT_AMOUNT, inProposal)
                .when(new MoveDealToStage("deal-1", "contract-sent", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("AMOUNT"))
                .expectNoEvents();
        fixture.given(OPENED_WITHOUT_AMOUNT, inProposal, new DealAmountChanged("deal-1", null, EUR_1500, T0))
                .when(new MoveDealToStage("deal-1", "contract-sent", null, T1), ANNA)
                .expectEvents(moved("proposal-sent", "contract-sent"));
    }

    @Test
    void exitRequirementsAlsoHoldForAWinButNotForALoss() {
        DealMovedToStage inContract = new DealMovedToStage("deal-1", "sales", "lead", "contract-sent", T0);
        fixture.given(OPENED_WITHOUT_AMOUNT, inContract)
                .when(new WinDeal("deal-1", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectNoEvents();
        fixture.given(OPENED_WITHOUT_AMOUNT, inContract)
                .when(new LoseDeal("deal-1", "Price", null, null, T1), ANNA)
                .expectEvents(new DealLost("deal-1", "sales", "contract-sent", "Price", null, T1));

        DealDetails withDecisionMaker = new DealDetails("Forty seats",
                new ClientInfo("Acme", "Jo", "Kim", null, null, null), null, null);
        fixture.given(OPENED_WITHOUT_AMOUNT, inContract,
                        new DealDetailsEdited("deal-1", new DealDetails("Forty seats", null, null, null),
                                withDecisionMaker, T0),
                        new ExpectedCloseDateChanged("deal-1", null, LocalDate.parse("2026-12-15"), T0))
                .when(new WinDeal("deal-1", null, T1), ANNA)
                .expectEvents(new DealWon("deal-1", "sales", "contract-sent", null, T1));
    }

    @Test
    void aWonDealCarriesItsAmount() {
        fixture.given(OPENED_WITHOUT_AMOUNT, new DealAmountChanged("deal-1", null, EUR_1500, T0))
                .when(new WinDeal("deal-1", null, T1), ANNA)
                .expectEvents(new DealWon("deal-1", "sales", "lead", EUR_1500, T1));
    }

    @Test
    void cannotMoveWinOrLoseAClosedDeal() {
        DealWon won = new DealWon("deal-1", "sales", "lead", null, T0);
        fixture.given(OPENED_WITHOUT_AMOUNT, won)
                .when(new MoveDealToStage("deal-1", "qualified", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectNoEvents();
        fixture.given(OPENED_WITHOUT_AMOUNT, won)
                .when(new WinDeal("deal-1", null, T1), ANNA)
                .expectException(DealRuleViolation.class);
        fixture.given(OPENED_WITHOUT_AMOUNT, new DealLost("deal-1", "sales", "lead", "Price", null, T0))
                .when(new LoseDeal("deal-1", "Price", null, null, T1), ANNA)
                .expectException(DealRuleViolation.class);
    }

    @Test
    void cannotLoseForAReasonThePipelineDoesNotList() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new LoseDeal("deal-1", "Bad weather", "it rained", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Bad weather"))
                .expectNoEvents();
    }

    @Test
    void aReopenedDealMovesAgain() {
        fixture.given(OPENED_WITHOUT_AMOUNT, new DealLost("deal-1", "sales", "lead", "Price", null, T0),
                        new DealReopened("deal-1", "sales", "lead", T0))
                .when(new MoveDealToStage("deal-1", "qualified", null, T1), ANNA)
                .expectEvents(moved("lead", "qualified"));
        fixture.given(OPENED_WITHOUT_AMOUNT, new DealLost("deal-1", "sales", "lead", "Price", null, T0))
                .when(new ReopenDeal("deal-1", null, T1), ANNA)
                .expectEvents(new DealReopened("deal-1", "sales", "lead", T1));
    }

    @Test
    void onlyAClosedDealCanBeReopened() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new ReopenDeal("deal-1", null, T1), ANNA)
                .expectException(DealRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void editsKeepThePreviousValues() {
        DealDetails details = new DealDetails("Forty seats, renewed", new ClientInfo("Acme", "Jo", null,
                "+49 30 1234", "jo@acme.example", "Retail"), "referral", "Seats");
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new EditDealDetails("deal-1", details, null, T1), ANNA)
                .expectEvents(new DealDetailsEdited("deal-1", new DealDetails("Forty seats", null, null, null),
                        details, T1));
        fixture.given(OPENED_WITHOUT_AMOUNT, new ExpectedCloseDateChanged("deal-1", null,
                        LocalDate.parse("2026-12-01"), T0))
                .when(new ChangeExpectedCloseDate("deal-1", LocalDate.parse("2027-01-15"), null, T1), ANNA)
                .expectEvents(new ExpectedCloseDateChanged("deal-1", LocalDate.parse("2026-12-01"),
                        LocalDate.parse("2027-01-15"), T1));
        fixture.given(OPENED_WITHOUT_AMOUNT, new ProbabilityOverridden("deal-1", null, 35, T0))
                .when(new OverrideProbability("deal-1", null, null, T1), ANNA)
                .expectEvents(new ProbabilityOverridden("deal-1", 35, null, T1));
    }

    @Test
    void editsThatChangeNothingAreNotEvents() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new EditDealDetails("deal-1", new DealDetails("Forty seats", null, null, null), null, T1), ANNA)
                .expectNoEvents();
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new OverrideProbability("deal-1", null, null, T1), ANNA)
                .expectNoEvents();
    }

    @Test
    void aRepCannotMoveAnotherRepsDeal() {
        fixture.given(OPENED_WITHOUT_AMOUNT)
                .when(new MoveDealToStage("deal-1", "qualified", null, T1), BEN)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(OPENED_WITHOUT_AMOUNT, moved("lead", "qualified"))
                .when(new MoveDealToStage("deal-1", "proposal-sent", 0L, T1), ANNA)
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }
}
