package dev.salespipeline.analytics.activity;

/** Which envelope actors are people whose work is counted. */
final class People {

    /** Actors of events caused by an outside system: {@code integration:<system>}. */
    static final String INTEGRATION_PREFIX = "integration:";

    private People() {
    }

    /** The person who caused an event, or null when no person did (an integration, or no actor recorded). */
    static String personOf(String actor) {
        if (actor == null || actor.isBlank() || actor.startsWith(INTEGRATION_PREFIX)) {
            return null;
        }
        return actor;
    }
}
