package dev.salespipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import tools.jackson.databind.JsonNode;

/**
 * Events recorded later than they happened: the board as of an instant and the change report between two instants
 * take exactly the events that happened by then, whatever order they were recorded in.
 *
 * <pre>
 * recorded  happened   event
 *    1      1 Oct      X opened in Lead, 1000 EUR;  Y opened in Lead, 100 EUR;  Z opened in Lead
 *    2     20 Oct      X to Qualified
 *    3     15 Oct      X's amount 1500 EUR (backdated, sent after the move)
 *    4     22 Oct      Y's amount 300 EUR
 *    5     15 Oct      Y's amount 200 EUR (backdated, before the later change)
 *    6     20 Oct      Z to Proposal sent
 *    7     12 Oct      Z to Qualified (backdated: Qualified came first, then Proposal sent)
 *    8     24 Oct      Y won
 *    9      8 Oct      Y's amount 50 EUR (backdated behind everything else)
 * </pre>
 */
class BackdatedHistoryIntegrationTest extends QueryServiceTestBase {

    private static final Instant OCT_1 = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant OCT_10 = Instant.parse("2026-10-10T12:00:00Z");
    private static final Instant OCT_17 = Instant.parse("2026-10-17T12:00:00Z");
    private static final Instant OCT_25 = Instant.parse("2026-10-25T12:00:00Z");

    @Autowired
    MongoTemplate mongo;

    private record History(String sales, String x, String y, String z, HistoryScript script) {
    }

    private History script() throws Exception {
        String sales = "sales-" + UUID.randomUUID();
        String x = "X-" + UUID.randomUUID();
        String y = "Y-" + UUID.randomUUID();
        String z = "Z-" + UUID.randomUUID();
        HistoryScript script = new HistoryScript(this::publish);
        script.publish(HistoryScript.salesPipeline(sales, "Sales", OCT_1.minusSeconds(3600)), "ada", "web");
        script.publish(new DealOpened(x, sales, "lead", "Xray", "anna", "north", Money.of("1000.00", "EUR"), OCT_1));
        script.publish(new DealOpened(y, sales, "lead", "Yankee", "anna", "north", Money.of("100.00", "EUR"),
                OCT_1));
        script.publish(new DealOpened(z, sales, "lead", "Zulu", "anna", "north", null, OCT_1));
        script.publish(new DealMovedToStage(x, sales, "lead", "qualified", day(20)));
        script.publish(new DealAmountChanged(x, Money.of("1000.00", "EUR"), Money.of("1500.00", "EUR"), day(15)));
        script.publish(new DealAmountChanged(y, Money.of("100.00", "EUR"), Money.of("300.00", "EUR"), day(22)));
        script.publish(new DealAmountChanged(y, Money.of("300.00", "EUR"), Money.of("200.00", "EUR"), day(15)));
        script.publish(new DealMovedToStage(z, sales, "lead", "proposal", day(20)));
        script.publish(new DealMovedToStage(z, sales, "proposal", "qualified", day(12)));
        script.publish(new DealWon(y, sales, "lead", null, day(24)));
        script.publish(new DealAmountChanged(y, Money.of("200.00", "EUR"), Money.of("50.00", "EUR"), day(8)));
        awaitAllConsumed();
        return new History(sales, x, y, z, script);
    }

    private static Instant day(int day) {
        return Instant.parse(String.format("2026-10-%02dT10:00:00Z", day));
    }

    private JsonNode board(String pipelineId, Instant at) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + pipelineId + "/board/as-of?at=" + at);
        assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private JsonNode changes(String pipelineId, Instant from, Instant to) {
        ResponseEntity<JsonNode> response = get("/pipelines/" + pipelineId + "/changes?from=" + from + "&to=" + to);
        assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Each column's cards as "stage: title amount (entered)", with the column's totals. */
    private static List<String> layout(JsonNode board) {
        List<String> layout = new ArrayList<>();
        board.get("columns").forEach(column -> {
            List<String> cards = new ArrayList<>();
            column.get("cards").forEach(card -> cards.add(card.get("title").asString() + " "
                    + (card.get("amount").isNull() ? "-" : card.get("amount").get("amount").asString())
                    + " (" + card.get("stageEnteredAt").asString().substring(0, 10) + ")"));
            List<String> totals = new ArrayList<>();
            column.get("totals").forEach(total -> totals.add(total.get("amount").asString()));
            layout.add(column.get("stageId").asString() + ": " + String.join(", ", cards)
                    + (totals.isEmpty() ? "" : " = " + String.join(", ", totals)));
        });
        return layout;
    }

    private static List<String> lines(JsonNode report, String list) {
        List<String> lines = new ArrayList<>();
        report.get(list).forEach(deal -> {
            StringBuilder line = new StringBuilder(deal.get("title").asString());
            if (deal.has("fromStageId")) {
                line.append(" ").append(deal.get("fromStageId").asString()).append(">");
            }
            if (deal.has("toStageId")) {
                line.append(deal.has("fromStageId") ? "" : " ").append(deal.get("toStageId").asString());
            }
            if (deal.has("fromAmount") || deal.has("toAmount")) {
                line.append(" ").append(deal.has("fromAmount") ? deal.get("fromAmount").get("amount").asString()
                        : "-").append(">").append(deal.get("toAmount").get("amount").asString());
            }
            lines.add(line.toString());
        });
        return lines;
    }

    @Test
    void theBoardAsOfAnInstantTakesTheEventsThatHappenedByThenWhateverTheOrderTheyWereRecordedIn() throws Exception {
        History history = script();

        assertThat(layout(board(history.sales(), OCT_10))).as("10 October").containsExactly(
                "lead: Xray 1000.00 (2026-10-01), Yankee 50.00 (2026-10-01), Zulu - (2026-10-01) = 1050.00",
                "qualified: ", "proposal: ", "negotiation: ", "contract: ");
        assertThat(layout(board(history.sales(), OCT_17))).as("17 October: X's amount changed, not moved yet")
                .containsExactly("lead: Xray 1500.00 (2026-10-01), Yankee 200.00 (2026-10-01) = 1700.00",
                        "qualified: Zulu - (2026-10-12)", "proposal: ", "negotiation: ", "contract: ");
        assertThat(layout(board(history.sales(), OCT_25))).as("25 October: X moved with its changed amount; "
                + "Y won; Z in Proposal sent since the 20th").containsExactly("lead: ",
                "qualified: Xray 1500.00 (2026-10-20) = 1500.00", "proposal: Zulu - (2026-10-20)", "negotiation: ",
                "contract: ");
        assertThat(board(history.sales(), day(23)).get("columns").get(0).get("cards").get(0)
                .get("amount").get("amount").asString()).as("Y's amount of the 22nd, after the backdated 15th")
                .isEqualTo("300.00");
    }

    @Test
    void theChangeReportComparesTheTwoInstantsByBusinessTime() throws Exception {
        History history = script();

        JsonNode first = changes(history.sales(), OCT_10, OCT_17);
        assertThat(lines(first, "amountChanged")).containsExactlyInAnyOrder("Xray 1000.00>1500.00",
                "Yankee 50.00>200.00");
        assertThat(lines(first, "advanced")).containsExactly("Zulu lead>qualified");
        assertThat(first.get("movedBack")).isEmpty();
        assertThat(first.get("opened")).isEmpty();
        assertThat(first.get("totalDeals").asLong()).isEqualTo(3);

        JsonNode second = changes(history.sales(), OCT_17, OCT_25);
        assertThat(lines(second, "advanced")).containsExactlyInAnyOrder("Xray lead>qualified",
                "Zulu qualified>proposal");
        assertThat(lines(second, "amountChanged")).as("X's amount changed before the 17th")
                .containsExactly("Yankee 200.00>300.00");
        assertThat(lines(second, "won")).containsExactly("Yankee lead>lead ->300.00");
        assertThat(second.get("totalDeals").asLong()).isEqualTo(3);

        JsonNode whole = changes(history.sales(), OCT_10, OCT_25);
        assertThat(lines(whole, "advanced")).containsExactlyInAnyOrder("Xray lead>qualified", "Zulu lead>proposal");
        assertThat(lines(whole, "amountChanged")).containsExactlyInAnyOrder("Xray 1000.00>1500.00",
                "Yankee 50.00>300.00");
        assertThat(lines(whole, "won")).containsExactly("Yankee lead>lead ->300.00");
        assertThat(whole.get("opened")).isEmpty();

        JsonNode opening = changes(history.sales(), OCT_1.minusSeconds(1), OCT_10);
        assertThat(opening.get("opened")).hasSize(3);
        assertThat(opening.get("amountChanged")).as("opened within the span: no amount before").isEmpty();
    }

    @Test
    void aLateEventFoldsTheVersionsAfterItAgainAndRedeliveriesChangeNothing() throws Exception {
        History history = script();
        List<Document> versions = versions(history.y());
        assertThat(versions).extracting(version -> version.getString("_id").substring(history.y().length()))
                .as("one version per event, in business time").containsExactly(":0", ":4", ":2", ":1", ":3");
        for (int i = 0; i + 1 < versions.size(); i++) {
            assertThat(versions.get(i).getDate("validUntil")).as("each valid until the next begins")
                    .isEqualTo(versions.get(i + 1).getDate("validFrom"));
            assertThat(versions.get(i + 1).getLong("previous")).isEqualTo(versions.get(i).getLong("sequence"));
        }
        assertThat(versions).extracting(version -> version.get("amount", Document.class).get("amount").toString())
                .containsExactly("100.00", "50.00", "200.00", "300.00", "300.00");
        JsonNode before = board(history.sales(), OCT_17);

        history.script().republishAll();
        awaitAllConsumed();

        assertThat(versions(history.y())).isEqualTo(versions);
        assertThat(board(history.sales(), OCT_17)).isEqualTo(before);
    }

    private List<Document> versions(String dealId) {
        return mongo.find(Query.query(where("dealId").is(dealId))
                .with(Sort.by(Sort.Order.asc("validFrom"), Sort.Order.asc("sequence"))), Document.class,
                "deal_versions");
    }
}
