package dev.salespipeline.command.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/** Periods and ids of targets, from the API module, as the command side relies on them. */
class TargetPeriodTest {

    @Test
    void aQuarterRunsFromTheFirstDayOfItsFirstMonthToTheLastDayOfItsThird() {
        TargetPeriod q4 = TargetPeriod.parse("2026-Q4");

        assertThat(q4).isEqualTo(TargetPeriod.quarter(2026, 4));
        assertThat(q4.kind()).isEqualTo(TargetPeriod.Kind.QUARTER);
        assertThat(q4.from()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q4.to()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(TargetPeriod.quarter(2028, 1).to()).isEqualTo(LocalDate.of(2028, 3, 31));
    }

    @Test
    void aMonthRunsFromItsFirstToItsLastDay() {
        TargetPeriod february = TargetPeriod.parse("2028-02");

        assertThat(february).isEqualTo(TargetPeriod.month(2028, 2));
        assertThat(february.from()).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(february.to()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(february.contains(LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(february.contains(LocalDate.of(2028, 3, 1))).isFalse();
        assertThat(february.contains(LocalDate.of(2028, 1, 31))).isFalse();
    }

    @Test
    void theTextFormRoundTrips() {
        for (String text : List.of("2026-Q1", "2026-Q4", "2026-01", "2026-11", "2026-12")) {
            assertThat(TargetPeriod.parse(text)).hasToString(text);
        }
    }

    @Test
    void anythingButAMonthOrAQuarterIsRefused() {
        for (String text : List.of("2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-1", "26-Q4", "2026Q4",
                "2026-q4", "0999-Q1", "2026-W45", "")) {
            assertThatThrownBy(() -> TargetPeriod.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TargetPeriod.month(2026, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPeriod.quarter(2026, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPeriod.month(999, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetIdNamesPipelineSubjectAndPeriod() {
        assertThat(SalesTargetIds.of("sales", SubjectType.OWNER, "anna", TargetPeriod.parse("2026-Q4")))
                .isEqualTo("target/sales/owner:anna/2026-Q4");
        assertThat(SalesTargetIds.of("sales", SubjectType.TEAM, "north", TargetPeriod.parse("2026-11")))
                .isEqualTo("target/sales/team:north/2026-11");
    }

    @Test
    void idPartsWithASlashAreRefusedSoThatNoTwoTargetsShareAnId() {
        TargetPeriod q4 = TargetPeriod.parse("2026-Q4");

        assertThatThrownBy(() -> SalesTargetIds.of("sales/owner:x", SubjectType.OWNER, "anna", q4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesTargetIds.of("sales", SubjectType.OWNER, "a/b", q4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesTargetIds.of("sales", SubjectType.OWNER, " ", q4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subjectTypesAreNamedInLowerCase() {
        assertThat(SubjectType.fromKey("owner")).isEqualTo(SubjectType.OWNER);
        assertThat(SubjectType.fromKey("team")).isEqualTo(SubjectType.TEAM);
        assertThatThrownBy(() -> SubjectType.fromKey("OWNER")).isInstanceOf(IllegalArgumentException.class);
    }
}
