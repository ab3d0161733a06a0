package dev.salespipeline.command.speech.table;

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

import dev.salespipeline.api.speech.SpeechDictionaryChanged;
import dev.salespipeline.api.speech.SpeechDictionaryEvent;
import dev.salespipeline.api.speech.SpeechDictionarySet;
import dev.salespipeline.api.speech.SpeechDictionaryWithdrawn;
import dev.salespipeline.api.speech.SpeechLanguage;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The speech dictionaries as they are now, in PostgreSQL: one row per dictionary in {@code speech_dictionaries},
 * with its phrases and the sequence number of the last event applied to it (its version).
 *
 * <p>Kept by the subscribing event processor {@value #PROCESSING_GROUP}, which runs while the dictionary's events
 * are being stored and in the same database transaction: a call logged right after a change is checked against the
 * new phrases, and a failure here fails the command. Writes are idempotent: an event at or below the row's last
 * sequence number changes nothing.
 */
@Component
@ProcessingGroup(SpeechDictionaryTable.PROCESSING_GROUP)
public class SpeechDictionaryTable {

    public static final String PROCESSING_GROUP = "speech-dictionaries";

    private static final TypeReference<List<String>> PHRASES = new TypeReference<>() {
    };
    private static final String COLUMNS = "dictionary_id, language, list, phrases, last_sequence, changed_at";

    private final JdbcClient jdbc;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    SpeechDictionaryTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dictionaries in force, by language and list. */
    public List<CurrentDictionary> current() {
        return jdbc.sql("select " + COLUMNS + " from speech_dictionaries where withdrawn_at is null "
                + "order by language, list").query(this::currentDictionary).list();
    }

    /** How many dictionaries the company has, withdrawn ones included (they can come back). */
    public long count() {
        return jdbc.sql("select count(*) from speech_dictionaries").query(Long.class).single();
    }

    /** The id and version of each dictionary in force: what a cache of them checks before each use. */
    public List<Version> versions() {
        return jdbc.sql("select dictionary_id, last_sequence from speech_dictionaries where withdrawn_at is null")
                .query((row, number) -> new Version(row.getString("dictionary_id"), row.getLong("last_sequence")))
                .list();
    }

    /** A dictionary's id and version. */
    public record Version(String dictionaryId, long version) {
    }

    @EventHandler
    void on(SpeechDictionarySet event, @SequenceNumber long sequence) {
        jdbc.sql("insert into speech_dictionaries (" + COLUMNS + ") values (?, ?, ?, cast(? as jsonb), ?, ?) "
                        + "on conflict (dictionary_id) do nothing")
                .params(event.dictionaryId(), event.language().code(), event.list(), write(event.phrases()), sequence,
                        utc(event))
                .update();
    }

    @EventHandler
    void on(SpeechDictionaryChanged event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update speech_dictionaries set phrases = cast(? as jsonb), last_sequence = ?, "
                        + "changed_at = ?, withdrawn_at = null where dictionary_id = ? and last_sequence < ?")
                .params(write(event.phrases()), sequence, utc(event), event.dictionaryId(), sequence)
                .update();
        checkApplied(updated, event);
    }

    @EventHandler
    void on(SpeechDictionaryWithdrawn event, @SequenceNumber long sequence) {
        int updated = jdbc.sql("update speech_dictionaries set withdrawn_at = ?, last_sequence = ?, changed_at = ? "
                        + "where dictionary_id = ? and last_sequence < ?")
                .params(utc(event), sequence, utc(event), event.dictionaryId(), sequence)
                .update();
        checkApplied(updated, event);
    }

    /** Nothing updated is fine for an event applied before, and a table that fell behind otherwise. */
    private void checkApplied(int updated, SpeechDictionaryEvent event) {
        if (updated == 0 && jdbc.sql("select count(*) from speech_dictionaries where dictionary_id = ?")
                .param(event.dictionaryId()).query(Long.class).single() == 0) {
            throw new IllegalStateException("the table has no speech dictionary " + event.dictionaryId()
                    + " to apply " + event.getClass().getSimpleName() + " to");
        }
    }

    private static String write(List<String> phrases) {
        return JSON.writeValueAsString(phrases);
    }

    private CurrentDictionary currentDictionary(ResultSet row, int number) throws SQLException {
        List<String> phrases = JSON.readValue(row.getString("phrases"), PHRASES);
        return new CurrentDictionary(row.getString("dictionary_id"), SpeechLanguage.ofCode(row.getString("language")),
                row.getString("list"), phrases, row.getLong("last_sequence"),
                row.getObject("changed_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(SpeechDictionaryEvent event) {
        return event.occurredAt().atOffset(ZoneOffset.UTC);
    }
}
