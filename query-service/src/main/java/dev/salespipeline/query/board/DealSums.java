package dev.salespipeline.query.board;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.CriteriaDefinition;

/**
 * Helpers for summing deal cards in MongoDB: amounts are summed over {@code amount.amount}, stored as
 * Decimal128, so that totals are exact; weighting by probability happens afterwards, per group of deals
 * that share a probability.
 */
public final class DealSums {

    private DealSums() {
    }

    /** A sum as an aggregation returns it: Decimal128 for amounts, an integer 0 when nothing was summed. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return BigDecimal.ZERO;
    }

    /** {@code amount} x {@code probability} / 100, exact. */
    public static BigDecimal weighted(BigDecimal amount, int probability) {
        return amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2);
    }

    /**
     * A sum for showing: at the scale of the amounts summed, at least cents. Weighted sums are rounded
     * once, after summing, half to even.
     */
    public static BigDecimal rounded(BigDecimal value, int amountScale) {
        return value.setScale(Math.max(amountScale, 2), RoundingMode.HALF_EVEN);
    }

    /**
     * All of the filters, as one flat filter document: each field's condition at the top level, where a query planner
     * matches it to the compound indexes (a top-level {@code $and} hides them from simpler planners). Conditions that
     * would clash on a key (two {@code $or}, say) go under one {@code $and} together.
     */
    public static CriteriaDefinition allOf(List<Criteria> criteria) {
        Document merged = new Document();
        List<Document> clashing = new ArrayList<>();
        for (Criteria criterion : criteria) {
            criterion.getCriteriaObject().forEach((key, value) -> {
                if (merged.containsKey(key) || "$and".equals(key)) {
                    clashing.add(new Document(key, value));
                } else {
                    merged.put(key, value);
                }
            });
        }
        if (!clashing.isEmpty()) {
            merged.put("$and", clashing);
        }
        return new CriteriaDefinition() {
            @Override
            public Document getCriteriaObject() {
                return merged;
            }

            @Override
            public String getKey() {
                return null;
            }
        };
    }
}
