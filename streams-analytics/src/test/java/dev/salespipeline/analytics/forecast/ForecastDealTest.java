package dev.salespipeline.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealState;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.StageDefinition;

/** The forecast family's rule and roll-up as plain functions. */
class ForecastDealTest {

    private static final Instant OPENED = Instant.parse("2026-11-16T09:00:00Z");
    private static final PipelineDefinition SALES = new PipelineDefinition("sales", "Sales", List.of(
            new StageDefinition("lead", "Lead", 10, null, null),
            new StageDefinition("proposal", "Proposal sent", 50, null, null)),
            Duration.ofDays(14), List.of("Price"));
    private static final PipelineDefinition SALES_REWEIGHTED = new PipelineDefinition("sales", "Sales", List.of(
            new StageDefinition("lead", "Lead", 20, null, null),
            new StageDefinition("proposal", "Proposal sent", 50, null, null)),
            Duration.ofDays(14), List.of("Price"));

    @Test
    void anOpenDealCountsUnderItsPipelineWithItsStagesProbability() {
        Map<String, ForecastDeal> parts = ForecastDeal.parts(new DealInPipeline(open("lead", null), SALES),
                CompanyPeriods.UTC);

        assertThat(parts).containsOnlyKeys("sales");
        assertThat(parts.get("sales").probability()).isEqualTo(10);
        assertThat(parts.get("sales").openedAt()).as("not read for an open deal").isNull();
    }

    @Test
    void anOpenDealWithoutAnAmountHasNoPart() {
        DealState deal = open("lead", null);
        DealState withoutAmount = new DealState(deal.dealId(), deal.pipelineId(), deal.ownerId(), deal.teamId(),
                deal.sourceChannel(), null, deal.status(), deal.openedAt(), null, deal.stageId(), deal.stageEnteredAt(),
                List.of(), deal.expectedCloseDate(), null, deal.appliedSequence());

        assertThat(ForecastDeal.parts(new DealInPipeline(withoutAmount, SALES), CompanyPeriods.UTC)).isEmpty();
    }

    @Test
    void aClosedDealsPartIgnoresWhatOnlyOpenDealsCountFor() {
        DealState won = closed("lead", DealStatus.WON);

        // a changed probability of the stage it was won from is no recount of it
        assertThat(ForecastDeal.parts(new DealInPipeline(won, SALES), CompanyPeriods.UTC))
                .isEqualTo(ForecastDeal.parts(new DealInPipeline(won, SALES_REWEIGHTED), CompanyPeriods.UTC));
        // an open deal in the stage is one
        assertThat(ForecastDeal.parts(new DealInPipeline(open("lead", null), SALES), CompanyPeriods.UTC))
                .isNotEqualTo(ForecastDeal.parts(new DealInPipeline(open("lead", null), SALES_REWEIGHTED),
                        CompanyPeriods.UTC));
    }

    @Test
    void aDealTheFiguresCannotRepresentFailsInTheRuleBeforeItIsCounted() {
        DealState won = closed("lead", DealStatus.WON);
        DealState forever = new DealState(won.dealId(), won.pipelineId(), won.ownerId(), won.teamId(),
                won.sourceChannel(), won.amount(), won.status(), Instant.parse("-200000000-01-01T00:00:00Z"),
                Instant.parse("+200000000-01-01T00:00:00Z"), won.stageId(), won.stageEnteredAt(), List.of(), null, null,
                won.appliedSequence());

        assertThatThrownBy(() -> ForecastDeal.parts(new DealInPipeline(forever, SALES), CompanyPeriods.UTC))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aCellCountsInTheSixteenRowsOfItsOwnerAndAllItsChannelAndAllAndThePeriodsOfItsDate() {
        WeightedTotals cell = new WeightedTotals("sales", "anna", "referral", PeriodType.DAY, "2026-12-10", "EUR", 2,
                new BigDecimal("3000.00"), new BigDecimal("300.0000"));
        WeightedTotals undated = new WeightedTotals("sales", "ben", "-", PeriodType.DAY, WeightedPipeline.NO_DATE,
                "EUR", 1, new BigDecimal("400.00"), new BigDecimal("40.0000"));

        Map<String, WeightedTotals> rows = WeightedTotals.rowsOf(List.of(cell, undated));

        assertThat(rows).hasSize(32);
        WeightedTotals december = rows.get(WeightedPipeline.key(new MetricKey("sales", null, null, PeriodType.MONTH,
                "2026-12"), "EUR"));
        assertThat(december.openDeals()).isEqualTo(2);
        assertThat(december.metric().weightedAmount()).isEqualTo(new BigDecimal("300.00"));
        WeightedTotals week = rows.get(WeightedPipeline.key(new MetricKey("sales", "anna", "referral",
                PeriodType.WEEK, "2026-W50"), "EUR"));
        assertThat(week.amount()).isEqualByComparingTo("3000");
        WeightedTotals none = rows.get(WeightedPipeline.key(new MetricKey("sales", null, null, PeriodType.QUARTER,
                WeightedPipeline.NO_DATE), "EUR"));
        assertThat(none.openDeals()).isEqualTo(1);
    }

    private static DealState open(String stageId, Integer override) {
        return new DealState("d1", "sales", "anna", "north", "referral", Money.of("1000.00", "EUR"), DealStatus.OPEN,
                OPENED, null, stageId, OPENED, List.of(), LocalDate.parse("2026-12-10"), override, 3);
    }

    private static DealState closed(String stageId, DealStatus status) {
        return new DealState("d1", "sales", "anna", "north", "referral", Money.of("1000.00", "EUR"), status,
                OPENED, OPENED.plus(Duration.ofDays(20)), stageId, OPENED, List.of(), LocalDate.parse("2026-12-10"),
                null, 5);
    }
}
