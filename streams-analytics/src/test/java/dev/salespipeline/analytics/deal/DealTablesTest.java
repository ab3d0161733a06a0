package dev.salespipeline.analytics.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.salespipeline.analytics.EventLog;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionTable;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRenamed;

class DealTablesTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");

    private TopologyTestDriver driver;
    private EventLog log;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        DealTables.from(PipelineEvents.stream(builder)).dealsInPipelines();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "deal-tables-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        log = new EventLog(driver);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void foldsADealsStageIntervalsAcrossMovesCloseReopenAndTransfer() {
        log.append(new DealOpened("deal-1", "sales", "lead", "Deal", "anna", "north", null, T0));
        log.append(new DealMovedToStage("deal-1", "sales", "lead", "qualified", T0.plusSeconds(100)));
        log.append(new DealAmountChanged("deal-1", null, Money.of("500", "EUR"), T0.plusSeconds(150)));
        log.append(new DealWon("deal-1", "sales", "qualified", Money.of("700", "EUR"), T0.plusSeconds(200)));
        log.append(new DealReopened("deal-1", "sales", "qualified", T0.plusSeconds(300)));
        log.append(new CommentAdded("deal-1", "c-1", "called back", T0.plusSeconds(350)));
        log.append(new DealTransferred("deal-1", "sales", "qualified", "legal", "review", T0.plusSeconds(400)));
        log.append(new DealHandedOver("deal-1", "anna", "bob", "north", "south", null, T0.plusSeconds(500)));
        log.append(new ExpectedCloseDateChanged("deal-1", null, LocalDate.parse("2026-12-01"), T0.plusSeconds(600)));
        log.append(new ProbabilityOverridden("deal-1", null, 40, T0.plusSeconds(700)));

        DealState deal = dealState().get("deal-1");

        assertThat(deal.pipelineId()).isEqualTo("legal");
        assertThat(deal.stageId()).isEqualTo("review");
        assertThat(deal.stageEnteredAt()).isEqualTo(T0.plusSeconds(400));
        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.closedAt()).isNull();
        assertThat(deal.amount()).isEqualTo(Money.of("700", "EUR"));
        assertThat(deal.ownerId()).isEqualTo("bob");
        assertThat(deal.teamId()).isEqualTo("south");
        assertThat(deal.expectedCloseDate()).isEqualTo("2026-12-01");
        assertThat(deal.probabilityOverride()).isEqualTo(40);
        assertThat(deal.stageIntervals()).containsExactly(
                new StageInterval("sales", "lead", T0, T0.plusSeconds(100)),
                new StageInterval("sales", "qualified", T0.plusSeconds(100), T0.plusSeconds(200)),
                new StageInterval("sales", "qualified", T0.plusSeconds(300), T0.plusSeconds(400)),
                new StageInterval("legal", "review", T0.plusSeconds(400), null));
        // the comment is not folded, so the last applied event is the probability override
        assertThat(deal.appliedSequence()).isEqualTo(9);
    }

    @Test
    void pipelineDefinitionsIgnoreARedeliveredEvent() {
        log.append(new PipelineDefined("sales", "Sales", List.of(stage("lead"), stage("won-over")),
                Duration.ofDays(14), List.of("Price"), T0));
        EventEnvelope<StageAdded> added = log.append(new StageAdded("sales", stage("qualified"), 1, T0.plusSeconds(1)));

        log.redeliver(added);

        PipelineDefinitionState state = pipelineDefinitions().get("sales");
        assertThat(state.definition().stages()).extracting(StageDefinition::stageId)
                .containsExactly("lead", "qualified", "won-over");
        assertThat(state.appliedSequence()).isEqualTo(1);
    }

    @Test
    void aDealWithItsPipelineFollowsARenamedStageWithoutADealEvent() {
        log.append(new DealOpened("deal-1", "sales", "lead", "Deal", "anna", null, null, T0));
        assertThat(dealsInPipelines().get("deal-1")).as("no row before the pipeline is defined").isNull();

        log.append(new PipelineDefined("sales", "Sales", List.of(stage("lead"), stage("qualified")),
                Duration.ofDays(14), List.of("Price"), T0.minusSeconds(60)));
        assertThat(dealsInPipelines().get("deal-1").pipeline().stage("lead").orElseThrow().name()).isEqualTo("lead");

        log.append(new StageRenamed("sales", "lead", "lead", "New lead", T0.plusSeconds(60)));

        DealInPipeline joined = dealsInPipelines().get("deal-1");
        assertThat(joined.deal().stageId()).isEqualTo("lead");
        assertThat(joined.pipeline().stage("lead").orElseThrow().name()).isEqualTo("New lead");
    }

    private static StageDefinition stage(String stageId) {
        return new StageDefinition(stageId, stageId, 20, null, null);
    }

    private KeyValueStore<String, DealState> dealState() {
        return driver.getKeyValueStore(DealStateTable.STORE);
    }

    private KeyValueStore<String, PipelineDefinitionState> pipelineDefinitions() {
        return driver.getKeyValueStore(PipelineDefinitionTable.STORE);
    }

    private KeyValueStore<String, DealInPipeline> dealsInPipelines() {
        return driver.getKeyValueStore(DealTables.DEALS_IN_PIPELINES_STORE);
    }
}
