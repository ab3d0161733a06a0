package dev.salespipeline.query.board;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import dev.salespipeline.query.deal.projection.DealCard;

/**
 * Where a board column's page ended, to read the cards after it (keyset paging): the column, the sort, and the sort
 * field's value and id of the last card shown. Sent to clients as an opaque token, the column's {@code next}.
 * Reading after a position costs the same on every page, where {@code page} skips the cards before it; and a card
 * moved meanwhile is neither shown twice nor skipped because others moved.
 *
 * <p>Nulls sort first in ascending order and last in descending order, as MongoDB sorts them.
 *
 * @param value the last card's sort value: a number, an ISO date or instant, text, or null
 */
public record BoardCursor(String stageId, String sort, Object value, String dealId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** The longest token accepted: a stage id, a sort, a title and a deal id at their bounds, encoded. */
    public static final int MAX_TOKEN_LENGTH = 2_000;
    private static final char SEPARATOR = '\u001f';

    /** The cursor after {@code card} in {@code stageId}'s column sorted by {@code sort}. */
    static BoardCursor after(String stageId, String sort, DealCard card) {
        Object value = switch (field(sort)) {
            case "amountValue" -> card.amountValue();
            case "expectedCloseDate" -> card.expectedCloseDate();
            case "stageEnteredAt" -> card.stageEnteredAt();
            case "title" -> card.title();
            default -> card.updatedAt();
        };
        return new BoardCursor(stageId, sort, value, card.dealId());
    }

    /** The token a client sends back. */
    public String token() {
        String type = value == null ? "n" : value instanceof Double ? "d" : value instanceof LocalDate ? "l"
                : value instanceof Instant ? "i" : "s";
        String text = String.join(String.valueOf(SEPARATOR), stageId, sort, type,
                value == null ? "" : value.toString(), dealId);
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a token names.
     *
     * @throws IllegalArgumentException if the token is not one this service gave
     */
    public static BoardCursor parse(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the cursor is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts;
        try {
            parts = new String(DECODER.decode(token), StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this service gave", e);
        }
        if (parts.length != 5 || !BoardQuery.SORTS.containsKey(parts[1]) || parts[0].isEmpty()
                || parts[4].isEmpty()) {
            throw new IllegalArgumentException("the cursor is not one this service gave");
        }
        Object value;
        try {
            value = switch (parts[2]) {
                case "n" -> null;
                case "d" -> Double.valueOf(parts[3]);
                case "l" -> LocalDate.parse(parts[3]);
                case "i" -> Instant.parse(parts[3]);
                case "s" -> parts[3];
                default -> throw new IllegalArgumentException("unknown value type " + parts[2]);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the cursor is not one this service gave", e);
        }
        return new BoardCursor(parts[0], parts[1], value, parts[4]);
    }

    /** The cards after this position, in the cursor's sort. */
    Criteria criteria() {
        String field = field(sort);
        boolean ascending = BoardQuery.SORTS.get(sort).getOrderFor(field).getDirection() == Sort.Direction.ASC;
        Criteria sameThenLaterId = ascending ? where("_id").gt(dealId) : where("_id").lt(dealId);
        if (value == null) {
            Criteria nullsThenLaterId = new Criteria().andOperator(where(field).is(null), sameThenLaterId);
            // Ascending: nulls come first, every value after them; descending: nulls come last.
            return ascending ? new Criteria().orOperator(nullsThenLaterId, where(field).ne(null)) : nullsThenLaterId;
        }
        Criteria beyond = ascending ? where(field).gt(value) : where(field).lt(value);
        Criteria same = new Criteria().andOperator(where(field).is(value), sameThenLaterId);
        List<Criteria> after = ascending ? List.of(beyond, same) : List.of(beyond, same, where(field).is(null));
        return new Criteria().orOperator(after);
    }

    private static String field(String sort) {
        return FIELDS.get(sort.startsWith("-") ? sort.substring(1) : sort);
    }

    private static final Map<String, String> FIELDS = Map.of("amount", "amountValue",
            "expectedCloseDate", "expectedCloseDate", "daysInStage", "stageEnteredAt", "title", "title",
            "updatedAt", "updatedAt");
}
