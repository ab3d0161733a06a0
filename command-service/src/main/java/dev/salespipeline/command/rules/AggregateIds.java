package dev.salespipeline.command.rules;

/**
 * The ids of the six aggregates live in namespaces of their own, so that no id of one type can ever be
 * taken by another, and so that nobody can take an id someone else will need: a rep opening deals cannot
 * occupy a pipeline id an admin will define, or the id of an activity a telephony system will report.
 * <ul>
 * <li>deals: {@value #DEAL_PREFIX}..., chosen by the client or assigned by the service;</li>
 * <li>activities: {@value #ACTIVITY_PREFIX}... derived from source system and external id
 * ({@code ActivityIds});</li>
 * <li>sales targets: {@value #TARGET_PREFIX}..., built from pipeline, subject and period ({@code SalesTargetIds});
 * no other id may contain {@code /};</li>
 * <li>marketing spend: {@value #SPEND_PREFIX}..., built from pipeline, channel and period
 * ({@code MarketingSpendIds});</li>
 * <li>speech dictionaries: {@code dictionary/}..., built from language and list ({@code SpeechDictionaryIds});</li>
 * <li>pipelines: every other id, chosen by admins.</li>
 * </ul>
 * The namespaces are checked where an aggregate is created; deals stored before they applied keep their ids.
 */
public final class AggregateIds {

    public static final String DEAL_PREFIX = "deal-";
    public static final String ACTIVITY_PREFIX = "act-";
    public static final String TARGET_PREFIX = "target/";
    public static final String SPEND_PREFIX = "spend/";

    private AggregateIds() {
    }

    /** @throws IllegalArgumentException if the id is outside the deals' namespace */
    public static void checkDealId(String dealId) {
        if (dealId == null || !dealId.startsWith(DEAL_PREFIX) || dealId.length() == DEAL_PREFIX.length()) {
            throw new IllegalArgumentException("a deal id starts with '" + DEAL_PREFIX + "': " + dealId);
        }
    }

    /** @throws IllegalArgumentException if the id lies in the namespace of deals, activities or targets */
    public static void checkPipelineId(String pipelineId) {
        if (pipelineId == null || pipelineId.startsWith(DEAL_PREFIX) || pipelineId.startsWith(ACTIVITY_PREFIX)
                || pipelineId.contains("/")) {
            throw new IllegalArgumentException("a pipeline id may not start with '" + DEAL_PREFIX + "' or '"
                    + ACTIVITY_PREFIX + "', nor contain '/': " + pipelineId);
        }
    }
}
