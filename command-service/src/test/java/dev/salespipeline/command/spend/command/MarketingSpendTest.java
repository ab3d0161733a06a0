package dev.salespipeline.command.spend.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.spend.ChangeMarketingSpend;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.spend.SetMarketingSpend;
import dev.salespipeline.api.spend.WithdrawMarketingSpend;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.deal.command.UnknownPipelineException;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.RuleViolation;

class MarketingSpendTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");
    private static final TargetPeriod NOVEMBER = TargetPeriod.month(2026, 11);
    private static final String REFERRAL = MarketingSpendIds.of("sales", "referral", NOVEMBER);

    private static final Map<String, Object> ADA = Map.of("actor", "ada", "roles", "admin");
    private static final Map<String, Object> NINA = Map.of("actor", "nina", "roles", "manager", "team", "south");
    private static final Map<String, Object> ANNA = Map.of("actor", "anna", "roles", "rep", "team", "north");
    private static final Map<String, Object> VERA = Map.of("actor", "vera", "roles", "viewer");

    private static final PipelineCatalog CATALOG = pipelineId -> "sales".equals(pipelineId)
            ? Optional.of(new PipelineDefinition("sales", "Sales",
                    List.of(new StageDefinition("lead", "Lead", 10, null, Set.of())), Duration.ofDays(14),
                    List.of("Price")))
            : Optional.empty();

    private AggregateTestFixture<MarketingSpend> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MarketingSpend.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
        fixture.registerInjectableResource(CATALOG);
    }

    private static SetMarketingSpend set(String pipelineId, String amount) {
        return new SetMarketingSpend(MarketingSpendIds.of(pipelineId, "referral", NOVEMBER), pipelineId, "referral",
                NOVEMBER, Money.of(amount, "EUR"), MONDAY_MORNING);
    }

    private static MarketingSpendSet spendSet() {
        return new MarketingSpendSet(REFERRAL, "sales", "referral", NOVEMBER, Money.of("1200.00", "EUR"),
                MONDAY_MORNING);
    }

    private static ChangeMarketingSpend changeTo(String amount, String currency) {
        return new ChangeMarketingSpend(REFERRAL, Money.of(amount, currency), null, MONDAY_NOON);
    }

    private static Matcher<Throwable> rule(String name) {
        return new CustomTypeSafeMatcher<>("the rule " + name) {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof RuleViolation violation && violation.rule().equals(name)
                        || thrown instanceof AccessDenied denied && denied.policy().equals(name);
            }
        };
    }

    @Test
    void anAdminOrAManagerOfAnyTeamSetsTheSpendOfAChannel() {
        fixture.givenNoPriorActivity()
                .when(set("sales", "1200.00"), ADA)
                .expectEvents(spendSet());
        fixture.givenNoPriorActivity()
                .when(set("sales", "1200.00"), NINA)
                .expectEvents(spendSet());
    }

    @Test
    void aSpendOfZeroIsAChannelThatCostNothing() {
        fixture.givenNoPriorActivity()
                .when(set("sales", "0"), ADA)
                .expectEvents(new MarketingSpendSet(REFERRAL, "sales", "referral", NOVEMBER, Money.of("0", "EUR"),
                        MONDAY_MORNING));
    }

    @Test
    void repsAndViewersCannotSetSpend() {
        fixture.givenNoPriorActivity()
                .when(set("sales", "1200.00"), ANNA)
                .expectException(rule("MarketingSpendAccessPolicy"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(set("sales", "1200.00"), VERA)
                .expectException(MarketingSpendAccessDeniedException.class)
                .expectNoEvents();
        fixture.given(spendSet())
                .when(new WithdrawMarketingSpend(REFERRAL, null, null, MONDAY_NOON), ANNA)
                .expectException(rule("MarketingSpendAccessPolicy"))
                .expectNoEvents();
    }

    @Test
    void spendBelongsToAPipelineThatExistsUnderTheIdOfItsPipelineChannelAndPeriod() {
        fixture.givenNoPriorActivity()
                .when(set("nowhere", "1.00"), ADA)
                .expectException(UnknownPipelineException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetMarketingSpend(MarketingSpendIds.of("sales", "ads", NOVEMBER), "sales", "referral",
                        NOVEMBER, Money.of("1.00", "EUR"), MONDAY_MORNING), ADA)
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeKeepsTheCurrencyAndTheSameAmountChangesNothing() {
        fixture.given(spendSet())
                .when(changeTo("1500.00", "EUR"), NINA)
                .expectEvents(new MarketingSpendChanged(REFERRAL, Money.of("1200.00", "EUR"),
                        Money.of("1500.00", "EUR"), MONDAY_NOON))
                .expectResultMessagePayload(1L);
        fixture.given(spendSet())
                .when(changeTo("1200", "EUR"), ADA)
                .expectNoEvents()
                .expectResultMessagePayload(0L);
        fixture.given(spendSet())
                .when(changeTo("1500.00", "USD"), ADA)
                .expectException(rule(MarketingSpendRules.SPEND_CURRENCY_FIXED))
                .expectNoEvents();
    }

    @Test
    void aWithdrawnSpendTakesNoChangesAndIsWithdrawnOnce() {
        MarketingSpendWithdrawn withdrawn = new MarketingSpendWithdrawn(REFERRAL, "booked twice", MONDAY_NOON);
        fixture.given(spendSet())
                .when(new WithdrawMarketingSpend(REFERRAL, "booked twice", null, MONDAY_NOON), ADA)
                .expectEvents(withdrawn)
                .expectResultMessagePayload(1L);
        fixture.given(spendSet(), withdrawn)
                .when(changeTo("1500.00", "EUR"), ADA)
                .expectException(rule(MarketingSpendRules.WITHDRAWN_SPEND_POLICY))
                .expectNoEvents();
        fixture.given(spendSet(), withdrawn)
                .when(new WithdrawMarketingSpend(REFERRAL, null, null, MONDAY_NOON), ADA)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }
}
