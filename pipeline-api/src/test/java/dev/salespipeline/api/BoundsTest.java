package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.deal.AddComment;
import dev.salespipeline.api.deal.ChangeExpectedCloseDate;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.api.deal.LogMeeting;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.api.deal.ScheduleTask;
import dev.salespipeline.api.pipeline.ChangeIdleLimit;
import dev.salespipeline.api.pipeline.DefinePipeline;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.target.TargetPeriod;

/** Every free value of a command or value record has a bound, checked when the record is made. */
class BoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-16T09:00:00Z");

    @Test
    void aTextLongerThanItsBoundIsRefusedNamingTheField() {
        String title = "x".repeat(Bounds.TITLE_LENGTH);

        assertThatCode(() -> new OpenDeal("d-1", "sales", "lead", title, "anna", "north", null, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new OpenDeal("d-1", "sales", "lead", title + "x", "anna", "north", null, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("title must be at most 200");
        assertThatThrownBy(() -> new OpenDeal("d".repeat(Bounds.ID_LENGTH + 1), "sales", "lead", "t", "anna", null,
                null, NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dealId");
        assertThatThrownBy(() -> new AddComment("d-1", "c-1", "x".repeat(Bounds.NOTE_LENGTH + 1), NOW))
                .hasMessageStartingWith("text must be at most 10000");
        assertThatThrownBy(() -> new DealDetails("t", null, "x".repeat(Bounds.NAME_LENGTH + 1), null))
                .hasMessageStartingWith("sourceChannel");
        assertThatThrownBy(() -> new ClientInfo(null, null, null, null, "a@" + "x".repeat(Bounds.EMAIL_LENGTH), null))
                .hasMessageStartingWith("email");
        assertThatThrownBy(() -> new ScheduleTask("d-1", "t-1", "x".repeat(Bounds.TITLE_LENGTH + 1), NOW, null, NOW))
                .hasMessageStartingWith("title");
    }

    @Test
    void aCallsTranscriptAndDurationAreBounded() {
        assertThatCode(() -> new LogCall("d-1", "c-1", Direction.INBOUND, NOW, Bounds.MAX_CALL_SECONDS, true, "+49 30 1",
                null, "x".repeat(Bounds.TRANSCRIPT_LENGTH), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new LogCall("d-1", "c-1", Direction.INBOUND, NOW, 1, true, null, null,
                "x".repeat(Bounds.TRANSCRIPT_LENGTH + 1), null)).hasMessageStartingWith("transcript");
        assertThatThrownBy(() -> new LogCall("d-1", "c-1", Direction.INBOUND, NOW, Bounds.MAX_CALL_SECONDS + 1, true,
                null, null, null, null)).hasMessageStartingWith("durationSeconds");
        assertThatThrownBy(() -> new LogMeeting("d-1", "m-1", "Demo", NOW, Bounds.MAX_MEETING_MINUTES + 1, null))
                .hasMessageStartingWith("durationMinutes");
    }

    @Test
    void anActivityReportIsBoundedLikeTheCommandsItBecomes() {
        assertThatThrownBy(() -> new ActivityReport("acme", "e-1", ActivityKind.CALL, Direction.INBOUND, NOW, 5L, true,
                "1".repeat(Bounds.PHONE_LENGTH + 1), null, null, null, null, null, null, null))
                .hasMessageStartingWith("phoneNumber");
        assertThatThrownBy(() -> new ActivityReport("acme", "x".repeat(Bounds.EXTERNAL_ID_LENGTH + 1),
                ActivityKind.CALL, Direction.INBOUND, NOW, 5L, true, null, null, null, null, null, null, null, null))
                .hasMessageStartingWith("externalId");
        assertThatThrownBy(() -> ActivityReport.call("acme", "e-1", Direction.INBOUND, NOW, -1, false, "+49"))
                .hasMessageStartingWith("durationSeconds");
    }

    @Test
    void datesAndTimesLieInTheYears1900To2999() {
        assertThatCode(() -> new ChangeExpectedCloseDate("d-1", LocalDate.of(2999, 12, 31), null,
                Instant.parse("1900-01-01T00:00:00Z"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ChangeExpectedCloseDate("d-1", LocalDate.of(3000, 1, 1), null, NOW))
                .hasMessageStartingWith("expectedCloseDate must lie in the years 1900 to 2999");
        assertThatThrownBy(() -> new ChangeExpectedCloseDate("d-1", null, null, Instant.parse("1899-12-31T23:59:59Z")))
                .hasMessageStartingWith("occurredAt");
        assertThatThrownBy(() -> new ScheduleTask("d-1", "t-1", "Call back", Instant.parse("+10000-01-01T00:00:00Z"),
                null, NOW)).hasMessageStartingWith("dueAt");
        assertThat(TargetPeriod.parse("2999-Q4").year()).isEqualTo(2999);
        assertThatThrownBy(() -> TargetPeriod.parse("3000-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPeriod.month(1899, 12)).hasMessageContaining("1900 to 2999");
    }

    @Test
    void pipelinesHaveBoundedStagesReasonsAndLimits() {
        List<StageDefinition> stages = Collections.nCopies(Bounds.MAX_STAGES + 1, PipelineTemplates.DEFAULT_STAGES.get(0));
        assertThatThrownBy(() -> new DefinePipeline("p", "Sales", stages, Duration.ofDays(1), List.of("Price"), NOW))
                .hasMessageStartingWith("stages must have at most 30");
        List<String> reasons = Collections.nCopies(Bounds.MAX_LOST_REASONS + 1, "Price");
        assertThatThrownBy(() -> new DefinePipeline("p", "Sales", PipelineTemplates.DEFAULT_STAGES, Duration.ofDays(1),
                reasons, NOW)).hasMessageStartingWith("lostReasons must have at most 50");
        assertThatThrownBy(() -> new ChangeIdleLimit("p", Duration.ofDays(3_651), NOW))
                .hasMessageStartingWith("idleLimit");
        assertThatThrownBy(() -> new StageDefinition("s", "x".repeat(Bounds.NAME_LENGTH + 1), 10, null, Set.of()))
                .hasMessageStartingWith("name");
        assertThatThrownBy(() -> new StageDefinition("s", "S", 10, Duration.ofDays(3_651), Set.of()))
                .hasMessageStartingWith("timeLimit");
    }
}
