package dev.salespipeline.command.spend.command;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.spend.MarketingSpendIds;
import dev.salespipeline.api.spend.SetMarketingSpend;

/**
 * The marketing spend's rules. Malformed input (an id that is not the one of its pipeline, channel and period, a
 * blank reason) is an {@link IllegalArgumentException}; a command that is well-formed but does not fit the spend as
 * it stands is a {@link MarketingSpendRuleViolation} carrying one of the names below. A spend of zero is allowed:
 * a channel that cost nothing in a period.
 */
final class MarketingSpendRules {

    /** A spend keeps the currency it was set in; a spend in another currency is another spend. */
    static final String SPEND_CURRENCY_FIXED = "SpendCurrencyFixed";
    /** A withdrawn spend takes no changes. */
    static final String WITHDRAWN_SPEND_POLICY = "WithdrawnSpendPolicy";

    private MarketingSpendRules() {
    }

    /** The id is the one of the pipeline, channel and period: one spend each, never two. */
    static void checkIdentity(SetMarketingSpend command) {
        String expected = MarketingSpendIds.of(command.pipelineId(), command.channel(), command.period());
        if (!expected.equals(command.spendId())) {
            throw new IllegalArgumentException("the marketing spend on channel " + command.channel() + " in pipeline "
                    + command.pipelineId() + " for " + command.period() + " has the id " + expected + ", not "
                    + command.spendId());
        }
    }

    static void checkSameCurrency(Money current, Money proposed, String spendId) {
        if (!current.currency().equals(proposed.currency())) {
            throw new MarketingSpendRuleViolation(SPEND_CURRENCY_FIXED, "marketing spend " + spendId + " is in "
                    + current.currency() + ", not " + proposed.currency());
        }
    }

    static void checkNotWithdrawn(boolean withdrawn, String spendId) {
        if (withdrawn) {
            throw new MarketingSpendRuleViolation(WITHDRAWN_SPEND_POLICY, "marketing spend " + spendId
                    + " is withdrawn and takes no changes");
        }
    }

    static void checkReason(String reason) {
        if (reason != null && reason.isBlank()) {
            throw new IllegalArgumentException("a reason, when given, must not be blank");
        }
    }
}
