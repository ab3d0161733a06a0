package dev.salespipeline.command.spend.table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendEvent;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The current marketing spend in PostgreSQL: one row per spend in {@code marketing_spend}, with its amount and the
 * sequence number of the last event applied to it (its version).
 *
 * <p>Kept by the subscribing event processor {@value #PROCESSING_GROUP}, which runs while the spend's events are
 * being stored and in the same database transaction, so a list read right after a command shows its effect, and a
 * failure here fails the command (see {@link MarketingSpendTableConfiguration}). Writes are idempotent: an event at
 * or below the row's last sequence number changes nothing.
 */
@Component
@ProcessingGroup(MarketingSpendTable.PROCESSING_GROUP)
public class MarketingSpendTable {

    public static final String PROCESSING_GROUP = "marketing-spend";

    private static final String COLUMNS = "spend_id, pipeline_id, channel, period, amount, currency, last_sequence, "
            + "changed_at";

    private final JdbcClient jdbc;

    MarketingSpendTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The spend of a pipeline that is not withdrawn, of one period or of all if {@code period} is null, ordered by
     * period and channel.
     */
    public List<CurrentSpend> current(String pipelineId, TargetPeriod period) {
        String sql = "select " + COLUMNS + " from marketing_spend where pipeline_id = ? and withdrawn_at is null"
                + (period == null ? "" : " and period = ?") + " order by period, channel";
        var statement = jdbc.sql(sql).param(pipelineId);
        if (period != null) {
            statement = statement.param(period.toString());
        }
        return statement.query(MarketingSpendTable::currentSpend).list();
    }

    @EventHandler
    void on(MarketingSpendSet event, @SequenceNumber long sequence) {
        jdbc.sql("insert into marketing_spend (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (spend_id) do nothing")
                .params(event.spendId(), event.pipelineId(), event.channel(), event.period().toString(),
                        event.amount().amount(), event.amount().currency(), sequence, utc(event))
                .update();
    }

    @EventHandler
    void on(MarketingSpendChanged event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update marketing_spend set amount = ?, currency = ?, last_sequence = ?, changed_at = ? "
                        + "where spend_id = ? and last_sequence < ?")
                .params(event.amount().amount(), event.amount().currency(), sequence, utc(event), event.spendId(),
                        sequence)
                .update();
        checkApplied(updated, event);
    }

    @EventHandler
    void on(MarketingSpendWithdrawn event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update marketing_spend set withdrawn_at = ?, last_sequence = ?, changed_at = ? "
                        + "where spend_id = ? and last_sequence < ?")
                .params(utc(event), sequence, utc(event), event.spendId(), sequence)
                .update();
        checkApplied(updated, event);
    }

    /** Nothing updated is fine for an event applied before, and a table that fell behind otherwise. */
    private void checkApplied(int updated, MarketingSpendEvent event) {
        if (updated == 0 && jdbc.sql("select count(*) from marketing_spend where spend_id = ?")
                .param(event.spendId()).query(Long.class).single() == 0) {
            throw new IllegalStateException("the table has no marketing spend " + event.spendId() + " to apply "
                    + event.getClass().getSimpleName() + " to");
        }
    }

    private static OffsetDateTime utc(MarketingSpendEvent event) {
        return event.occurredAt().atOffset(ZoneOffset.UTC);
    }

    private static CurrentSpend currentSpend(ResultSet row, int number) throws SQLException {
        return new CurrentSpend(row.getString("spend_id"), row.getString("pipeline_id"), row.getString("channel"),
                TargetPeriod.parse(row.getString("period")),
                new Money(row.getBigDecimal("amount"), row.getString("currency")), row.getLong("last_sequence"),
                row.getObject("changed_at", OffsetDateTime.class).toInstant());
    }
}
