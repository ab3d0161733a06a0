package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.PeriodType;

class PeriodTypeTest {

    @Test
    void labelsAMondayInEveryPeriodType() {
        LocalDate monday = LocalDate.parse("2026-11-16");

        assertThat(PeriodType.DAY.label(monday)).isEqualTo("2026-11-16");
        assertThat(PeriodType.WEEK.label(monday)).isEqualTo("2026-W47");
        assertThat(PeriodType.MONTH.label(monday)).isEqualTo("2026-11");
        assertThat(PeriodType.QUARTER.label(monday)).isEqualTo("2026-Q4");
    }

    @Test
    void weeksBelongToTheirIsoWeekBasedYear() {
        assertThat(PeriodType.WEEK.label(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
        assertThat(PeriodType.WEEK.label(LocalDate.parse("2025-12-29"))).isEqualTo("2026-W01");
        assertThat(PeriodType.MONTH.label(LocalDate.parse("2027-01-01"))).isEqualTo("2027-01");
    }

    @Test
    void theCompanysTimeZoneDecidesTheDate() {
        Instant sundayNightUtc = Instant.parse("2026-11-15T23:30:00Z");

        assertThat(PeriodType.DAY.label(sundayNightUtc, ZoneOffset.UTC)).isEqualTo("2026-11-15");
        assertThat(PeriodType.WEEK.label(sundayNightUtc, ZoneOffset.UTC)).isEqualTo("2026-W46");
        assertThat(PeriodType.DAY.label(sundayNightUtc, ZoneId.of("Europe/Berlin"))).isEqualTo("2026-11-16");
        assertThat(PeriodType.WEEK.label(sundayNightUtc, ZoneId.of("Europe/Berlin"))).isEqualTo("2026-W47");
    }

    @Test
    void givesThePeriodsFirstAndLastDay() {
        LocalDate date = LocalDate.parse("2026-11-18");

        assertThat(PeriodType.WEEK.firstDay(date)).isEqualTo("2026-11-16");
        assertThat(PeriodType.WEEK.lastDay(date)).isEqualTo("2026-11-22");
        assertThat(PeriodType.MONTH.lastDay(date)).isEqualTo("2026-11-30");
        assertThat(PeriodType.QUARTER.firstDay(date)).isEqualTo("2026-10-01");
        assertThat(PeriodType.QUARTER.lastDay(date)).isEqualTo("2026-12-31");
    }

    @Test
    void aMetricKeyReadsBackFromItsString() {
        MetricKey key = new MetricKey("sales", null, "referral", PeriodType.MONTH, "2026-11");

        assertThat(key.asString()).isEqualTo("sales|*|referral|MONTH|2026-11");
        assertThat(MetricKey.parse(key.asString())).isEqualTo(key);
    }

    @Test
    void eachTypeRecognisesItsOwnLabelsOnly() {
        assertThat(PeriodType.DAY.names("2026-11-16")).isTrue();
        assertThat(PeriodType.WEEK.names("2026-W47")).isTrue();
        assertThat(PeriodType.MONTH.names("2026-11")).isTrue();
        assertThat(PeriodType.QUARTER.names("2026-Q4")).isTrue();
        assertThat(PeriodType.QUARTER.names("2026-Q5")).isFalse();
        assertThat(PeriodType.MONTH.names("2026-11-16")).isFalse();
        assertThat(PeriodType.DAY.names(null)).isFalse();
    }
}
