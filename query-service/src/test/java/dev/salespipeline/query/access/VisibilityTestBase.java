package dev.salespipeline.query.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.query.QueryServiceTestBase;

/**
 * The visibility tests' shared set-up: the {@link VisibilityFixture} that publishes metric and alert records, events
 * published as an admin's, and absolute URLs for streams.
 */
abstract class VisibilityTestBase extends QueryServiceTestBase {

    protected static VisibilityFixture fixture;

    @BeforeAll
    static void connectFixture() {
        fixture = new VisibilityFixture();
    }

    @AfterAll
    static void closeFixture() {
        fixture.close();
    }

    /** Publishes the event in its envelope, as command-service would for an admin's command. */
    protected void event(DomainEvent event, long sequence) throws Exception {
        publish(event.aggregateId(), asPublished(event, sequence, "ada"));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
