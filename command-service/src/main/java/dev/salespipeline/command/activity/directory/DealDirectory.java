package dev.salespipeline.command.activity.directory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;

/**
 * Every deal's owner, team, open state and client contact, in {@code deal_directory}: what activity ingest
 * matches reported calls and emails against, and what decides who may attach an activity to a deal.
 *
 * <p>Kept by the subscribing event processor {@value #PROCESSING_GROUP} in the transaction that stores the
 * deal's events, so a call reported right after a deal was opened or edited finds it, and a failure here
 * fails the deal's command (see {@link DealDirectoryConfiguration}). Writes are idempotent: an event at or
 * below the row's last sequence number changes nothing. Subscribing processors do not replay: the table
 * holds every deal since it was introduced; should it be lost, it is rebuilt by applying the deals'
 * stored events in order.
 */
@Component
@ProcessingGroup(DealDirectory.PROCESSING_GROUP)
public class DealDirectory {

    public static final String PROCESSING_GROUP = "deal-directory";

    private final JdbcClient jdbc;

    DealDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DirectoryEntry> find(String dealId) {
        return jdbc.sql("select deal_id, pipeline_id, owner_id, team_id, is_open from deal_directory where deal_id = ?")
                .param(dealId)
                .query((row, number) -> new DirectoryEntry(row.getString("deal_id"), row.getString("pipeline_id"),
                        row.getString("owner_id"), row.getString("team_id"), row.getBoolean("is_open")))
                .optional();
    }

    /**
     * Whether {@code ownerId} owns a deal in {@code teamId}: the only sign of an owner's team the command side
     * has, as tokens carry only the caller's own team.
     */
    public boolean ownsDealsIn(String ownerId, String teamId) {
        if (ownerId == null || teamId == null) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from deal_directory where owner_id = ? and team_id = ?)")
                .params(ownerId, teamId)
                .query(Boolean.class)
                .single();
    }

    /** The most recently active open deal whose contact has this phone number. */
    public Optional<DirectoryEntry> openDealByPhone(String phoneNumber) {
        return openDealBy("phone_key", ContactKeys.phone(phoneNumber));
    }

    /** The most recently active open deal whose contact has this email address. */
    public Optional<DirectoryEntry> openDealByEmail(String address) {
        return openDealBy("email_key", ContactKeys.email(address));
    }

    private Optional<DirectoryEntry> openDealBy(String column, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.sql("select deal_id, pipeline_id, owner_id, team_id from deal_directory "
                        + "where " + column + " = ? and is_open order by last_event_at desc, deal_id limit 1")
                .param(key)
                .query((row, number) -> new DirectoryEntry(row.getString("deal_id"), row.getString("pipeline_id"),
                        row.getString("owner_id"), row.getString("team_id"), true))
                .optional();
    }

    @EventHandler
    void on(DealOpened event, @SequenceNumber long sequence) {
        jdbc.sql("insert into deal_directory (deal_id, pipeline_id, owner_id, team_id, is_open, last_event_at, "
                        + "last_sequence) values (?, ?, ?, ?, true, ?, ?) on conflict (deal_id) do nothing")
                .params(event.dealId(), event.pipelineId(), event.ownerId(), event.teamId(), utc(event.occurredAt()),
                        sequence)
                .update();
    }

    @EventHandler
    void on(DealDetailsEdited event, @SequenceNumber long sequence) {
        ClientInfo client = event.details().client() == null ? ClientInfo.NONE : event.details().client();
        change(event, sequence, "phone_key = ?, email_key = ?", ContactKeys.phone(client.phone()),
                ContactKeys.email(client.email()));
    }

    @EventHandler
    void on(DealWon event, @SequenceNumber long sequence) {
        change(event, sequence, "is_open = false");
    }

    @EventHandler
    void on(DealLost event, @SequenceNumber long sequence) {
        change(event, sequence, "is_open = false");
    }

    @EventHandler
    void on(DealReopened event, @SequenceNumber long sequence) {
        change(event, sequence, "is_open = true");
    }

    @EventHandler
    void on(DealHandedOver event, @SequenceNumber long sequence) {
        change(event, sequence, "owner_id = ?, team_id = ?", event.ownerId(), event.teamId());
    }

    @EventHandler
    void on(DealTransferred event, @SequenceNumber long sequence) {
        change(event, sequence, "pipeline_id = ?", event.toPipelineId());
    }

    /** Any other event of the deal: it was active. */
    @EventHandler
    void on(DealEvent event, @SequenceNumber long sequence) {
        change(event, sequence, null);
    }

    private void change(DealEvent event, long sequence, String assignments, Object... values) {
        Object[] params = Arrays.copyOf(values, values.length + 4);
        params[values.length] = utc(event.occurredAt());
        params[values.length + 1] = sequence;
        params[values.length + 2] = event.dealId();
        params[values.length + 3] = sequence;
        jdbc.sql("update deal_directory set " + (assignments == null ? "" : assignments + ", ")
                        + "last_event_at = greatest(last_event_at, ?), last_sequence = ? "
                        + "where deal_id = ? and last_sequence < ?")
                .params(params)
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
