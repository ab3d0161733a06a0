package dev.salespipeline.infra.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

class LeadingKeyIndexTest {

    private final LeadingKeyIndex<Integer> index = new LeadingKeyIndex<>("dealId_1_sequence_1",
            List.of(new IndexKey("dealId", true), new IndexKey("sequence", true)), false);

    @Test
    void answersPlainValuesAndInListsOfItsFirstField() {
        index.add(doc("e1", "deal-1", 1), 1, null);
        index.add(doc("e2", "deal-1", 2), 2, null);
        index.add(doc("e3", "deal-2", 1), 3, null);

        assertThat(index.canHandle(query("dealId", "deal-1", "sequence", new Document("$lt", 2)))).isTrue();
        assertThat(index.getPositions(query("dealId", "deal-1"))).containsExactly(1, 2);
        assertThat(index.getPositions(query("dealId", new Document("$eq", "deal-2")))).containsExactly(3);
        assertThat(index.getPositions(query("dealId", new Document("$in", List.of("deal-2", "deal-9")))))
                .containsExactly(3);
        assertThat(index.getPositions(query("dealId", "deal-9"))).isEmpty();
    }

    @Test
    void leavesEveryOtherConditionToAScan() {
        assertThat(index.canHandle(query("sequence", 1))).as("not the first field").isFalse();
        assertThat(index.canHandle(query("dealId", null))).as("null also matches a missing field").isFalse();
        assertThat(index.canHandle(query("dealId", 7))).as("numbers compare across types").isFalse();
        assertThat(index.canHandle(query("dealId", new Document("$gt", "a")))).isFalse();
        assertThat(index.canHandle(query("dealId", new Document("$ne", "a")))).isFalse();
        assertThat(index.canHandle(query("dealId", new Document("$in", List.of())))).isFalse();
        assertThat(index.canHandle(query("dealId", new Document("$in", List.of("a", 1))))).isFalse();
        assertThat(index.canHandle(query("dealId", List.of("a", "b")))).as("a whole array").isFalse();
    }

    @Test
    void followsUpdatesAndRemovals() {
        Document first = doc("e1", "deal-1", 1);
        index.add(first, 1, null);
        Document moved = doc("e1", "deal-2", 1);

        index.updateInPlace(first, moved, 1, null);
        assertThat(index.getPositions(query("dealId", "deal-1"))).isEmpty();
        assertThat(index.getPositions(query("dealId", "deal-2"))).containsExactly(1);
        assertThat(index.getPosition(moved)).isEqualTo(1);

        assertThat(index.remove(moved)).isEqualTo(1);
        assertThat(index.getPositions(query("dealId", "deal-2"))).isEmpty();
        assertThat(index.getCount()).isZero();
    }

    @Test
    void findsADocumentUnderEachElementOfAnArray() {
        index.add(new Document(Map.of("_id", "e1", "dealId", List.of("deal-1", "deal-2"))), 1, null);

        assertThat(index.getPositions(query("dealId", "deal-1"))).containsExactly(1);
        assertThat(index.getPositions(query("dealId", "deal-2"))).containsExactly(1);
    }

    @Test
    void onlyATopLevelFieldOtherThanTheIdIsServed() {
        assertThat(LeadingKeyIndex.supports(List.of(new IndexKey("dealId", true)))).isTrue();
        assertThat(LeadingKeyIndex.supports(List.of(new IndexKey("amount.currency", true)))).isFalse();
        assertThat(LeadingKeyIndex.supports(List.of(new IndexKey("_id", true), new IndexKey("x", true)))).isFalse();
    }

    private static Document doc(String id, String dealId, int sequence) {
        return new Document(Map.of("_id", id, "dealId", dealId, "sequence", sequence));
    }

    private static Document query(String field, Object value) {
        Document query = new Document();
        query.put(field, value);
        return query;
    }

    private static Document query(String field, Object value, String other, Object otherValue) {
        Document query = query(field, value);
        query.put(other, otherValue);
        return query;
    }
}
