package dev.salespipeline.analytics.serde;

import java.time.Instant;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.speech.SpeechDictionaryIds;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;

/**
 * The values the metrics can carry, checked once when an event is read. Amounts are summed into pipeline,
 * forecast, velocity, deal-size and acquisition-cost figures that query-service stores as MongoDB {@code Decimal128} (34
 * significant digits): an amount of at most {@value #MAX_AMOUNT_INTEGER_DIGITS} integer digits (the
 * contract's bound) leaves room for the sums of many deals and for their decimals, a longer one would make
 * every figure it enters unstorable downstream.
 *
 * <p>Times (the envelope's {@code occurredAt} and {@code recordedAt}, the event's {@code occurredAt}) are within
 * the years 1 to 9999: the record's timestamp is its business time in epoch milliseconds, and the figures count
 * durations between two such times in milliseconds, neither of which can hold times hundreds of millions of
 * years apart; dates of ISO's four-digit years are what every reader stores.
 */
final class EventBounds {

    static final int MAX_AMOUNT_INTEGER_DIGITS = 15;
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private EventBounds() {
    }

    /** The event itself, or an {@link AmountOutOfRangeException} when one of its amounts is out of bounds. */
    static DomainEvent check(DomainEvent event) {
        check("occurredAt of the event", event.occurredAt());
        if (event instanceof DealOpened opened) {
            check(opened.amount());
        } else if (event instanceof DealAmountChanged changed) {
            check(changed.amount());
            check(changed.previous());
        } else if (event instanceof DealWon won) {
            check(won.amount());
        } else if (event instanceof SalesTargetSet set) {
            check(set.amount());
        } else if (event instanceof SalesTargetChanged changed) {
            check(changed.amount());
            check(changed.previous());
        } else if (event instanceof MarketingSpendSet set) {
            check(set.amount());
        } else if (event instanceof MarketingSpendChanged changed) {
            check(changed.amount());
            check(changed.previous());
        } else if (event instanceof CallLogged call) {
            check(call);
        }
        return event;
    }

    /** The time itself, or a {@link TimeOutOfRangeException} when it is out of bounds; null stays null. */
    static Instant check(String what, Instant time) {
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
            throw new TimeOutOfRangeException(what + " is outside the years 1 to 9999: " + time);
        }
        return time;
    }

    /** A call's matches are at most as many as a call records, each of a list a dictionary can have. */
    private static void check(CallLogged call) {
        if (call.transcriptMatches().size() > TranscriptMatch.MAX_PER_CALL) {
            throw new MatchesOutOfRangeException("a call records at most " + TranscriptMatch.MAX_PER_CALL
                    + " transcript matches, this one has " + call.transcriptMatches().size());
        }
        for (TranscriptMatch match : call.transcriptMatches()) {
            if (!match.list().matches(SpeechDictionaryIds.LIST_PATTERN)) {
                throw new MatchesOutOfRangeException("a transcript match names a list no dictionary can have: "
                        + match.list().substring(0, Math.min(match.list().length(), 50)));
            }
        }
    }

    private static void check(Money money) {
        if (money != null && money.amount().precision() - money.amount().scale() > MAX_AMOUNT_INTEGER_DIGITS) {
            throw new AmountOutOfRangeException("amount has more than " + MAX_AMOUNT_INTEGER_DIGITS
                    + " integer digits: " + money.amount().toPlainString() + " " + money.currency());
        }
    }
}
