package dev.salespipeline.command.pipeline.catalog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.pipeline.PipelineDefinitions;
import dev.salespipeline.api.pipeline.PipelineDefinition;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline catalog in PostgreSQL: one row per pipeline in {@code pipeline_catalog}, holding its
 * current definition as JSON and the sequence number of the last pipeline event applied to it.
 *
 * <p>Kept by the subscribing event processor {@value #PROCESSING_GROUP}, which runs while the pipeline's
 * events are being stored and in the same database transaction: a command that changes a pipeline and
 * the catalog row commit or roll back together, and a failure here fails the command (see
 * {@link PipelineCatalogConfiguration}). Writes are idempotent: an event at or below the row's last
 * sequence number changes nothing.
 *
 * <p>Subscribing processors do not replay. The catalog exists since the first pipeline event, so it never
 * needs a backfill; should it be lost, it can be rebuilt by applying each pipeline's stored events in
 * order through {@link PipelineDefinitions}.
 *
 * <p>Where one instance alone takes commands ({@code pipeline.deals.cache}, as for the deals themselves), the
 * committed definitions last read are kept in memory ({@link CachedDefinitions}); a deal's command then costs no
 * statement here.
 */
@Component
@ProcessingGroup(JdbcPipelineCatalog.PROCESSING_GROUP)
public class JdbcPipelineCatalog implements PipelineCatalog {

    public static final String PROCESSING_GROUP = "pipeline-catalog";

    /** A mapper of its own, so that the stored JSON does not change with the web layer's settings. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** More pipelines than any company defines: past it, definitions are read from the table. */
    private static final int CACHE_CAPACITY = 10_000;

    private final JdbcClient jdbc;
    private final CachedDefinitions cache;

    JdbcPipelineCatalog(JdbcClient jdbc, @Value("${pipeline.deals.cache:true}") boolean cached) {
        this.jdbc = jdbc;
        this.cache = cached ? new CachedDefinitions(CACHE_CAPACITY) : null;
    }

    @Override
    public Optional<PipelineDefinition> find(String pipelineId) {
        return cache == null ? read(pipelineId) : cache.find(pipelineId, this::read);
    }

    private Optional<PipelineDefinition> read(String pipelineId) {
        return jdbc.sql("select definition from pipeline_catalog where pipeline_id = ?")
                .param(pipelineId)
                .query(String.class)
                .optional()
                .map(definition -> JSON.readValue(definition, PipelineDefinition.class));
    }

    @EventHandler
    void on(PipelineDefined event, @SequenceNumber long sequence) {
        changing(event.pipelineId());
        jdbc.sql("insert into pipeline_catalog (pipeline_id, definition, last_sequence, changed_at) "
                        + "values (?, cast(? as jsonb), ?, ?) on conflict (pipeline_id) do nothing")
                .params(event.pipelineId(), JSON.writeValueAsString(PipelineDefinitions.defined(event)), sequence,
                        utc(event))
                .update();
    }

    @EventHandler
    void on(PipelineEvent event, @SequenceNumber long sequence) {
        changing(event.pipelineId());
        Stored stored = jdbc.sql("select definition, last_sequence from pipeline_catalog where pipeline_id = ? "
                        + "for update")
                .param(event.pipelineId())
                .query((row, number) -> new Stored(row.getString("definition"), row.getLong("last_sequence")))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the catalog has no pipeline " + event.pipelineId()
                        + " to apply " + event.getClass().getSimpleName() + " to"));
        if (sequence <= stored.lastSequence()) {
            return;
        }
        PipelineDefinition changed = PipelineDefinitions.evolve(
                JSON.readValue(stored.definition(), PipelineDefinition.class), event);
        jdbc.sql("update pipeline_catalog set definition = cast(? as jsonb), last_sequence = ?, changed_at = ? "
                        + "where pipeline_id = ? and last_sequence < ?")
                .params(JSON.writeValueAsString(changed), sequence, utc(event), event.pipelineId(), sequence)
                .update();
    }

    private void changing(String pipelineId) {
        if (cache != null) {
            cache.changing(pipelineId);
        }
    }

    private static OffsetDateTime utc(PipelineEvent event) {
        return event.occurredAt().atOffset(ZoneOffset.UTC);
    }

    private record Stored(String definition, long lastSequence) {
    }
}
