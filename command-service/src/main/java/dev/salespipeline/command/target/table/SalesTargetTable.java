package dev.salespipeline.command.target.table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetEvent;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The current sales targets in PostgreSQL: one row per target in {@code sales_targets}, with its amount
 * and the sequence number of the last event applied to it (its version).
 *
 * <p>Kept by the subscribing event processor {@value #PROCESSING_GROUP}, which runs while the target's
 * events are being stored and in the same database transaction, so a list read right after a command
 * shows its effect, and a failure here fails the command (see {@link SalesTargetTableConfiguration}).
 * Writes are idempotent: an event at or below the row's last sequence number changes nothing.
 *
 * <p>Subscribing processors do not replay. The table exists since the first target event; should it be
 * lost, it can be rebuilt by applying the targets' stored events in order.
 */
@Component
@ProcessingGroup(SalesTargetTable.PROCESSING_GROUP)
public class SalesTargetTable {

    public static final String PROCESSING_GROUP = "sales-targets";

    private final JdbcClient jdbc;

    SalesTargetTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The targets of a pipeline and period that are not withdrawn, ordered by subject. */
    public List<CurrentTarget> current(String pipelineId, TargetPeriod period) {
        return jdbc.sql("select target_id, pipeline_id, subject_type, subject_id, team_id, period, amount, currency, "
                        + "last_sequence, changed_at from sales_targets "
                        + "where pipeline_id = ? and period = ? and withdrawn_at is null "
                        + "order by subject_type, subject_id")
                .params(pipelineId, period.toString())
                .query(SalesTargetTable::currentTarget)
                .list();
    }

    /** A target as it is now, withdrawn or not. */
    public Optional<CurrentTarget> find(String targetId) {
        return jdbc.sql("select target_id, pipeline_id, subject_type, subject_id, team_id, period, amount, currency, "
                        + "last_sequence, changed_at from sales_targets where target_id = ?")
                .param(targetId)
                .query(SalesTargetTable::currentTarget)
                .optional();
    }

    @EventHandler
    void on(SalesTargetSet event, @SequenceNumber long sequence) {
        jdbc.sql("insert into sales_targets (target_id, pipeline_id, subject_type, subject_id, team_id, period, "
                        + "amount, currency, last_sequence, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (target_id) do nothing")
                .params(event.targetId(), event.pipelineId(), event.subjectType().name(), event.subjectId(),
                        event.teamId(), event.period().toString(), event.amount().amount(), event.amount().currency(),
                        sequence, utc(event))
                .update();
    }

    @EventHandler
    void on(SalesTargetChanged event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update sales_targets set amount = ?, currency = ?, last_sequence = ?, changed_at = ? "
                        + "where target_id = ? and last_sequence < ?")
                .params(event.amount().amount(), event.amount().currency(), sequence, utc(event), event.targetId(),
                        sequence)
                .update();
        checkApplied(updated, event);
    }

    @EventHandler
    void on(SalesTargetWithdrawn event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update sales_targets set withdrawn_at = ?, last_sequence = ?, changed_at = ? "
                        + "where target_id = ? and last_sequence < ?")
                .params(utc(event), sequence, utc(event), event.targetId(), sequence)
                .update();
        checkApplied(updated, event);
    }

    /** Nothing updated is fine for an event applied before, and a table that fell behind otherwise. */
    private void checkApplied(int updated, SalesTargetEvent event) {
        if (updated == 0 && jdbc.sql("select count(*) from sales_targets where target_id = ?")
                .param(event.targetId()).query(Long.class).single() == 0) {
            throw new IllegalStateException("the table has no target " + event.targetId() + " to apply "
                    + event.getClass().getSimpleName() + " to");
        }
    }

    private static OffsetDateTime utc(SalesTargetEvent event) {
        return event.occurredAt().atOffset(ZoneOffset.UTC);
    }

    private static CurrentTarget currentTarget(ResultSet row, int number) throws SQLException {
        return new CurrentTarget(row.getString("target_id"), row.getString("pipeline_id"),
                SubjectType.valueOf(row.getString("subject_type")), row.getString("subject_id"),
                row.getString("team_id"), TargetPeriod.parse(row.getString("period")),
                new Money(row.getBigDecimal("amount"), row.getString("currency")), row.getLong("last_sequence"),
                row.getObject("changed_at", OffsetDateTime.class).toInstant());
    }
}
