package dev.salespipeline.command.target.command;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SetSalesTarget;
import dev.salespipeline.api.target.SubjectType;

/**
 * The sales target's rules. Malformed input (an amount that is not positive, an id that is not the
 * one of its pipeline, subject and period, a team target naming another team, a blank reason) is an
 * {@link IllegalArgumentException}; a command that is well-formed but does not fit the target as it
 * stands is a {@link SalesTargetRuleViolation} carrying one of the names below.
 */
final class SalesTargetRules {

    /** A target keeps the currency it was set in; a target in another currency is another target. */
    static final String TARGET_CURRENCY_FIXED = "TargetCurrencyFixed";
    /** A withdrawn target takes no changes. */
    static final String WITHDRAWN_TARGET_POLICY = "WithdrawnTargetPolicy";

    private SalesTargetRules() {
    }

    /** The id is the one of the pipeline, subject and period: one target each, never two. */
    static void checkIdentity(SetSalesTarget command) {
        String expected = SalesTargetIds.of(command.pipelineId(), command.subjectType(), command.subjectId(),
                command.period());
        if (!expected.equals(command.targetId())) {
            throw new IllegalArgumentException("the target of " + command.subjectType().key() + " "
                    + command.subjectId() + " in pipeline " + command.pipelineId() + " for " + command.period()
                    + " has the id " + expected + ", not " + command.targetId());
        }
    }

    /**
     * The team a new target belongs to: a team target to the team itself (a team given besides must be
     * the same), an owner target to the team given, if any.
     */
    static String teamOf(SetSalesTarget command) {
        if (command.subjectType() != SubjectType.TEAM) {
            return command.teamId();
        }
        if (command.teamId() != null && !command.teamId().equals(command.subjectId())) {
            throw new IllegalArgumentException("the target of team " + command.subjectId()
                    + " belongs to that team, not to team " + command.teamId());
        }
        return command.subjectId();
    }

    static void checkPositive(Money amount) {
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("a target is an amount above zero: " + amount.amount());
        }
    }

    static void checkSameCurrency(Money current, Money proposed, String targetId) {
        if (!current.currency().equals(proposed.currency())) {
            throw new SalesTargetRuleViolation(TARGET_CURRENCY_FIXED, "target " + targetId + " is in "
                    + current.currency() + ", not " + proposed.currency());
        }
    }

    static void checkNotWithdrawn(boolean withdrawn, String targetId) {
        if (withdrawn) {
            throw new SalesTargetRuleViolation(WITHDRAWN_TARGET_POLICY, "target " + targetId
                    + " is withdrawn and takes no changes");
        }
    }

    static void checkReason(String reason) {
        if (reason != null && reason.isBlank()) {
            throw new IllegalArgumentException("a reason, when given, must not be blank");
        }
    }
}
