package dev.salespipeline.analytics.acquisition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.deal.DealTables;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.Topics;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.target.TargetPeriod;

class AcquisitionCostTopologyTest {

    /** Monday 16 November 2026, 09:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant DECEMBER = Instant.parse("2026-12-02T10:00:00Z");
    private static final TargetPeriod NOVEMBER = TargetPeriod.month(2026, 11);
    private static final TargetPeriod Q4 = TargetPeriod.quarter(2026, 4);
    private static final String REFERRAL_NOVEMBER = MarketingSpendIds.of("sales", "referral", NOVEMBER);
    private static final String ADS_Q4 = MarketingSpendIds.of("sales", "ads", Q4);

    private TopologyTestDriver driver;
    private EventLog log;
    private TestOutputTopic<String, AcquisitionCost> topic;
    private final Map<String, AcquisitionCost> latest = new HashMap<>();

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void spendWithNoWonDealsGivesANullCostPerWonDeal() {
        start(CompanyPeriods.UTC);
        openFourDeals();
        assertThat(read()).as("deals without spend have no rows").isEmpty();

        log.append(new MarketingSpendSet(REFERRAL_NOVEMBER, "sales", "referral", NOVEMBER, Money.of("1200.00", "EUR"),
                MONDAY.plusSeconds(600)));

        // referral: a, b, c opened in November, none won: 1200 / 3 = 400, no cost per won deal
        assertRow("referral", PeriodType.MONTH, "2026-11", "EUR", "1200.00", 3, 0, "400.00", null);
        // all channels: the four deals (d has none) against the one spend: 1200 / 4 = 300
        assertRow(null, PeriodType.MONTH, "2026-11", "EUR", "1200.00", 4, 0, "300.00", null);
        // a month's spend counts in its quarter as well
        assertRow("referral", PeriodType.QUARTER, "2026-Q4", "EUR", "1200.00", 3, 0, "400.00", null);
        assertThat(latest).doesNotContainKey(AcquisitionCost.key("sales", "-", PeriodType.MONTH, "2026-11", "EUR"));
    }

    @Test
    void aDealWonCountsInThePeriodOfTheWinAndAQuartersSpendOnlyInTheQuarter() {
        start(CompanyPeriods.UTC);
        openFourDeals();
        log.append(new MarketingSpendSet(REFERRAL_NOVEMBER, "sales", "referral", NOVEMBER, Money.of("1200.00", "EUR"),
                MONDAY.plusSeconds(600)));
        log.append(new DealWon("a", "sales", "lead", Money.of("1000.00", "EUR"), DECEMBER));
        log.append(new MarketingSpendSet(ADS_Q4, "sales", "ads", Q4, Money.of("900.00", "EUR"), DECEMBER));
        log.append(new MarketingSpendSet(MarketingSpendIds.of("sales", "referral", TargetPeriod.month(2026, 12)),
                "sales", "referral", TargetPeriod.month(2026, 12), Money.of("500", "USD"), DECEMBER));

        // a was won in December: November keeps no win
        assertRow("referral", PeriodType.MONTH, "2026-11", "EUR", "1200.00", 3, 0, "400.00", null);
        // the quarter: 1200 / 3 opened = 400, 1200 / 1 won = 1200
        assertRow("referral", PeriodType.QUARTER, "2026-Q4", "EUR", "1200.00", 3, 1, "400.00", "1200.00");
        // all channels in the quarter: 1200 + 900 = 2100 over 4 opened (525) and 1 won
        assertRow(null, PeriodType.QUARTER, "2026-Q4", "EUR", "2100.00", 4, 1, "525.00", "2100.00");
        // ads: spend and no deals at all
        assertRow("ads", PeriodType.QUARTER, "2026-Q4", "EUR", "900.00", 0, 0, null, null);
        assertThat(latest).doesNotContainKey(AcquisitionCost.key("sales", "ads", PeriodType.MONTH, "2026-12", "EUR"));
        // USD in rows of its own: December has a's win and no opening; the quarter 500 / 3 = 166.666... = 166.67
        assertRow("referral", PeriodType.MONTH, "2026-12", "USD", "500.00", 0, 1, null, "500.00");
        assertRow("referral", PeriodType.QUARTER, "2026-Q4", "USD", "500.00", 3, 1, "166.67", "500.00");
    }

    @Test
    void changedAndWithdrawnSpendCorrectedChannelsAndReopenedDealsAreRecounted() {
        start(CompanyPeriods.UTC);
        openFourDeals();
        EventEnvelope<MarketingSpendSet> set = log.append(new MarketingSpendSet(REFERRAL_NOVEMBER, "sales", "referral",
                NOVEMBER, Money.of("1200.00", "EUR"), MONDAY.plusSeconds(600)));
        log.append(new MarketingSpendSet(ADS_Q4, "sales", "ads", Q4, Money.of("900.00", "EUR"), DECEMBER));
        log.append(new DealWon("a", "sales", "lead", Money.of("1000.00", "EUR"), MONDAY.plusSeconds(3600)));

        log.append(new MarketingSpendChanged(REFERRAL_NOVEMBER, Money.of("1200.00", "EUR"), Money.of("1500.00", "EUR"),
                DECEMBER));
        assertRow("referral", PeriodType.MONTH, "2026-11", "EUR", "1500.00", 3, 1, "500.00", "1500.00");

        // b's channel corrected from referral to ads: referral keeps a and c, 1500 / 2 = 750
        log.append(details("b", "referral", "ads", DECEMBER));
        assertRow("referral", PeriodType.MONTH, "2026-11", "EUR", "1500.00", 2, 1, "750.00", "1500.00");
        assertRow("ads", PeriodType.QUARTER, "2026-Q4", "EUR", "900.00", 1, 0, "900.00", null);

        // a reopened: its win no longer counts
        log.append(new DealReopened("a", "sales", "lead", DECEMBER.plusSeconds(60)));
        assertRow("referral", PeriodType.MONTH, "2026-11", "EUR", "1500.00", 2, 0, "750.00", null);

        // a redelivered set changes nothing and writes nothing
        read();
        log.redeliver(set);
        assertThat(read()).isEmpty();

        // the withdrawn quarter's spend: a tombstone for ads, the quarter of all channels without it
        log.append(new MarketingSpendWithdrawn(ADS_Q4, "booked twice", DECEMBER.plusSeconds(120)));
        List<TestRecord<String, AcquisitionCost>> written = read();
        assertThat(written).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(AcquisitionCost.key("sales", "ads", PeriodType.QUARTER, "2026-Q4",
                    "EUR"));
            assertThat(record.value()).isNull();
        });
        assertRow(null, PeriodType.QUARTER, "2026-Q4", "EUR", "1500.00", 4, 0, "375.00", null);
    }

    @Test
    void theCompanysTimeZoneDecidesThePeriodAndADealCountsAsOpenedInItsFirstPipeline() {
        start(new CompanyPeriods(ZoneId.of("Asia/Tokyo")));
        // 31 October, 20:00 UTC is 1 November in Tokyo
        Instant halloweenEvening = Instant.parse("2026-10-31T20:00:00Z");
        log.append(new DealOpened("e", "callcentre", "lead", "Deal e", "anna", "north", null, halloweenEvening));
        log.append(details("e", null, "referral", halloweenEvening.plusSeconds(60)));
        log.append(new DealTransferred("e", "callcentre", "lead", "sales", "lead", MONDAY));
        log.append(new DealWon("e", "sales", "lead", Money.of("1000.00", "EUR"), MONDAY.plusSeconds(60)));
        log.append(new MarketingSpendSet(MarketingSpendIds.of("callcentre", "referral", NOVEMBER), "callcentre",
                "referral", NOVEMBER, Money.of("100.00", "EUR"), MONDAY));
        log.append(new MarketingSpendSet(REFERRAL_NOVEMBER, "sales", "referral", NOVEMBER, Money.of("300.00", "EUR"),
                MONDAY));

        // opened in the call centre on 1 November (Tokyo), won in sales
        assertRow("callcentre", "referral", PeriodType.MONTH, "2026-11", "EUR", "100.00", 1, 0, "100.00", null);
        assertRow("sales", "referral", PeriodType.MONTH, "2026-11", "EUR", "300.00", 0, 1, null, "300.00");
    }

    private void openFourDeals() {
        for (String deal : List.of("a", "b", "c", "d")) {
            log.append(new DealOpened(deal, "sales", "lead", "Deal " + deal, "anna", "north",
                    Money.of("1000.00", "EUR"), MONDAY));
        }
        for (String deal : List.of("a", "b", "c")) {
            log.append(details(deal, null, "referral", MONDAY.plusSeconds(60)));
        }
    }

    private static DomainEvent details(String dealId, String before, String after, Instant at) {
        return new DealDetailsEdited(dealId, new DealDetails("Deal " + dealId, null, before, null),
                new DealDetails("Deal " + dealId, null, after, null), at);
    }

    private void assertRow(String channel, PeriodType type, String period, String currency, String spend,
                           long opened, long won, String costPerLead, String costPerWonDeal) {
        assertRow("sales", channel, type, period, currency, spend, opened, won, costPerLead, costPerWonDeal);
    }

    private void assertRow(String pipelineId, String channel, PeriodType type, String period, String currency,
                           String spend, long opened, long won, String costPerLead, String costPerWonDeal) {
        read();
        String key = AcquisitionCost.key(pipelineId, channel, type, period, currency);
        assertThat(latest.get(key)).as(key).isEqualTo(new AcquisitionCost(pipelineId, channel, type, period, currency,
                new BigDecimal(spend), opened, won, costPerLead == null ? null : new BigDecimal(costPerLead),
                costPerWonDeal == null ? null : new BigDecimal(costPerWonDeal)));
    }

    private List<TestRecord<String, AcquisitionCost>> read() {
        List<TestRecord<String, AcquisitionCost>> records = topic.readRecordsToList();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return records;
    }

    private void start(CompanyPeriods periods) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "acquisition-cost-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        var events = PipelineEvents.stream(builder);
        new AcquisitionCostTopology(periods, Stores::inMemoryKeyValueStore).buildTopology(events,
                DealTables.from(events));
        driver = new TopologyTestDriver(builder.build(), config);
        log = new EventLog(driver);
        topic = driver.createOutputTopic(Topics.METRICS_ACQUISITION_COST, Serdes.String().deserializer(),
                JsonSerde.of(AcquisitionCost.class).deserializer());
    }
}
