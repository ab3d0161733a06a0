package dev.salespipeline.command.deal.command;

import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;

class DealTest {

    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-16T09:00:00Z");

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @Test
    void opensADealInTheGivenStage() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-1", "sales", "lead", "Forty seats", "rep-anna",
                        Money.of("1500.00", "EUR"), MONDAY_MORNING))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DealOpened("deal-1", "sales", "lead", "Forty seats", "rep-anna",
                        Money.of("1500.00", "EUR"), MONDAY_MORNING));
    }

    @Test
    void opensADealWhoseAmountIsNotKnownYet() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-2", "sales", "lead", "Pilot", "rep-anna", null, MONDAY_MORNING))
                .expectEvents(new DealOpened("deal-2", "sales", "lead", "Pilot", "rep-anna", null, MONDAY_MORNING));
    }

    @Test
    void cannotOpenADealWithoutATitle() {
        fixture.givenNoPriorActivity()
                .when(new OpenDeal("deal-3", "sales", "lead", " ", "rep-anna", null, MONDAY_MORNING))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
