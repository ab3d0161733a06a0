package dev.salespipeline.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.command.activity.directory.ContactKeys;
import dev.salespipeline.command.activity.ingest.ActivityReports;
import dev.salespipeline.command.activity.ingest.RejectedReport;

/** Which reports are read, and the reason given for each kind of bad one. */
class ActivityReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-16T10:00:00Z");
    private final ActivityReports reports = new ActivityReports(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCompleteCallIsRead() {
        ActivityReport call = read("""
                {"sourceSystem":"aircall","externalId":"c-1","kind":"call","direction":"outbound",
                 "occurredAt":"2026-11-16T09:58:00Z","durationSeconds":41,"phoneNumber":"+49 30 1234",
                 "ownerId":"anna","somethingNew":"ignored"}""");

        assertThat(call).isEqualTo(new ActivityReport("aircall", "c-1", ActivityKind.CALL, Direction.OUTBOUND,
                Instant.parse("2026-11-16T09:58:00Z"), 41L, true, "+49 30 1234", null, null, null, null, null, null,
                "anna"));
    }

    @Test
    void aCallWithoutDurationTimeIsMissedUnlessTheReportSaysOtherwise() {
        assertThat(read(call("\"durationSeconds\":0")).answered()).isFalse();
        assertThat(read(call("\"durationSeconds\":0,\"answered\":true")).answered()).isTrue();
    }

    @Test
    void anEmailKeepsItsAddressesOnTheRightSides() {
        ActivityReport email = read("""
                {"sourceSystem":"mailer","externalId":"m-1","kind":"EMAIL","direction":"INBOUND",
                 "occurredAt":"2026-11-16T09:00:00Z","fromAddress":"jo@acme.example","toAddress":"anna@us.example",
                 "subject":"Offer"}""");

        assertThat(email.fromAddress()).isEqualTo("jo@acme.example");
        assertThat(email.toAddress()).isEqualTo("anna@us.example");
        assertThat(email.subject()).isEqualTo("Offer");
    }

    @Test
    void aReportNamingItsDealNeedsNoContact() {
        assertThat(read("""
                {"sourceSystem":"aircall","externalId":"c-2","kind":"CALL","direction":"INBOUND",
                 "occurredAt":"2026-11-16T09:00:00Z","durationSeconds":5,"dealId":"d-1"}""").dealId()).isEqualTo("d-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | {"sourceSystem":                                   | malformed-json   | JSON
            not an object             | [1, 2]                                             | malformed-json   | object
            no external id            | {"sourceSystem":"s","kind":"CALL"}                 | missing-field    | externalId
            blank source              | {"sourceSystem":" ","externalId":"e"}              | missing-field    | sourceSystem
            unknown kind              | {"sourceSystem":"s","externalId":"e","kind":"FAX"} | unknown-value    | FAX
            number as id              | {"sourceSystem":"s","externalId":42}               | invalid-field    | externalId
            """)
    void badReportsAreRejectedWithTheirReason(String name, String body, String reason, String detail) {
        assertRejected(body, reason, detail);
    }

    @Test
    void fieldsOfACallAreChecked() {
        assertRejected(call("\"durationSeconds\":-1"), RejectedReport.INVALID_FIELD, "negative");
        assertRejected(call("\"durationSeconds\":1.5"), RejectedReport.INVALID_FIELD, "whole number");
        assertRejected(call("\"durationSeconds\":1,\"answered\":\"yes\""), RejectedReport.INVALID_FIELD, "answered");
        assertRejected(call("\"direction\":\"SIDEWAYS\",\"durationSeconds\":1"), RejectedReport.UNKNOWN_VALUE,
                "SIDEWAYS");
        assertRejected(call("\"phoneNumber\":null,\"durationSeconds\":1"), RejectedReport.MISSING_FIELD,
                "phoneNumber");
        assertRejected(call("\"recordingUrl\":\"https://recordings.example/1\""), RejectedReport.MISSING_FIELD,
                "durationSeconds");
    }

    @Test
    void timesMustBeIsoInstantsAndNotInTheFuture() {
        assertRejected(call("\"occurredAt\":\"16.11.2026 09:00\",\"durationSeconds\":1"), RejectedReport.INVALID_FIELD,
                "ISO-8601");
        assertRejected(call("\"occurredAt\":\"2026-11-16T10:06:00Z\",\"durationSeconds\":1"),
                RejectedReport.FUTURE_TIMESTAMP, "future");
        assertThat(read(call("\"occurredAt\":\"2026-11-16T10:04:00Z\",\"durationSeconds\":1")).occurredAt())
                .as("within the allowed clock skew").isEqualTo(Instant.parse("2026-11-16T10:04:00Z"));
    }

    @Test
    void anEmailNeedsTheClientsAddress() {
        assertRejected("""
                {"sourceSystem":"mailer","externalId":"m-1","kind":"EMAIL","direction":"OUTBOUND",
                 "occurredAt":"2026-11-16T09:00:00Z","fromAddress":"anna@us.example"}""",
                RejectedReport.MISSING_FIELD, "toAddress");
    }

    @Test
    void phoneNumbersAndAddressesCompareByWhatIdentifiesThem() {
        assertThat(ContactKeys.phone("+49 (30) 1234-56")).isEqualTo(ContactKeys.phone("0049 30 123456"))
                .isEqualTo("4930123456");
        assertThat(ContactKeys.phone("12")).isNull();
        assertThat(ContactKeys.email(" Jo@ACME.example ")).isEqualTo("jo@acme.example");
        assertThat(ContactKeys.email(" ")).isNull();
    }

    private ActivityReport read(String body) {
        return reports.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String body, String reason, String detail) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(RejectedReport.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    /** A call report with these fields added to (or overriding) a base that has no duration. */
    private static String call(String fields) {
        return "{\"sourceSystem\":\"aircall\",\"externalId\":\"c-9\",\"kind\":\"CALL\",\"direction\":\"INBOUND\","
                + "\"occurredAt\":\"2026-11-16T09:00:00Z\",\"phoneNumber\":\"+49 30 1234\"," + fields + "}";
    }
}
