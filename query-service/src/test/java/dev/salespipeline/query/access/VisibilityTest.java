package dev.salespipeline.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.access.Visibility.MetricRow;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rules of {@link Visibility} as plain functions. */
class VisibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Actor ANNA = actor("anna", "north", Role.REP);
    private static final Actor MAX = actor("max", "north", Role.MANAGER);
    private static final Actor NINA = actor("nina", "south", Role.MANAGER);
    private static final Actor VERA = actor("vera", null, Role.VIEWER);
    private static final Actor TELEPHONY = actor("telephony", null, Role.INTEGRATION);

    private static Actor actor(String id, String team, Role role) {
        return new Actor(id, id, Set.of(role), team, Actor.SOURCE_API);
    }

    private static final Map<String, DealAccess> HOLDERS = Map.of(
            "north-1", new DealAccess("north-1", "anna", "north", 0),
            "south-1", new DealAccess("south-1", "sam", "south", 0));

    private static JsonNode plan() {
        return JSON.readTree("""
                {"pipelineId":"sales","ownerId":null,"today":"2026-11-16","tomorrow":"2026-11-17",
                 "weekEnd":"2026-11-22",
                 "tomorrowTotals":[{"currency":"EUR","deals":2,"amount":"3000.00","weightedAmount":"1100.00"}],
                 "thisWeekTotals":[{"currency":"EUR","deals":3,"amount":"3500.50","weightedAmount":"1150.05"}],
                 "deals":[
                  {"dealId":"north-1","ownerId":"anna","expectedCloseDate":"2026-11-17",
                   "amount":{"amount":"1000.00","currency":"EUR"},"probability":10,"weightedAmount":"100.00"},
                  {"dealId":"north-2","ownerId":"anna","expectedCloseDate":"2026-11-20",
                   "amount":{"amount":"500.50","currency":"EUR"},"probability":10,"weightedAmount":"50.05"},
                  {"dealId":"south-1","ownerId":"sam","expectedCloseDate":"2026-11-17",
                   "amount":{"amount":"2000.00","currency":"EUR"},"probability":50,"weightedAmount":"1000.00"}]}
                """);
    }

    private static MetricRow allOwners(String metric) {
        return new MetricRow(metric, null, null, false, null, null, null, Map.of(
                "north-1", HOLDERS.get("north-1"),
                "north-2", new DealAccess("north-2", "anna", "north", 0),
                "south-1", HOLDERS.get("south-1")));
    }

    @Test
    void dealsAreSeenByTheirHolderTheirTeamsManagerViewersAndAdmins() {
        assertThat(Visibility.deal(ANNA, "anna", "north")).isTrue();
        assertThat(Visibility.deal(ANNA, "ben", "north")).isFalse();
        assertThat(Visibility.deal(MAX, "ben", "north")).isTrue();
        assertThat(Visibility.deal(MAX, "max", "south")).as("a manager's own deal outside the team").isTrue();
        assertThat(Visibility.deal(NINA, "ben", "north")).isFalse();
        assertThat(Visibility.deal(VERA, "sam", "south")).isTrue();
        assertThat(Visibility.deal(TELEPHONY, "telephony", null)).as("integrations read nothing").isFalse();
    }

    @Test
    void ownerRowsAreSeenByTheOwnerTheirTeamsManagersViewersAndAdmins() {
        assertThat(Visibility.ownerRow(ANNA, null, null)).as("a row for all owners").isTrue();
        assertThat(Visibility.ownerRow(ANNA, "anna", "north")).isTrue();
        assertThat(Visibility.ownerRow(ANNA, "ben", "north")).isFalse();
        assertThat(Visibility.ownerRow(MAX, "ben", "north")).isTrue();
        assertThat(Visibility.ownerRow(MAX, "sam", "south")).isFalse();
        assertThat(Visibility.ownerRow(MAX, "newcomer", null)).as("an owner whose team is not known").isFalse();
        assertThat(Visibility.ownerRow(VERA, "sam", "south")).isTrue();
        assertThat(Visibility.ownerRow(TELEPHONY, null, null)).isFalse();
    }

    @Test
    void targetsFollowTheRuleOfTheCommandSide() {
        assertThat(Visibility.target(ANNA, SubjectType.OWNER, "anna", "north")).isTrue();
        assertThat(Visibility.target(ANNA, SubjectType.TEAM, "north", "north")).as("a rep: their own only").isFalse();
        assertThat(Visibility.target(MAX, SubjectType.TEAM, "north", "north")).isTrue();
        assertThat(Visibility.target(MAX, SubjectType.OWNER, "ben", "north")).isTrue();
        assertThat(Visibility.target(MAX, SubjectType.OWNER, "sam", "south")).isFalse();
        assertThat(Visibility.target(MAX, SubjectType.OWNER, "ben", null)).as("set without a team").isFalse();
        assertThat(Visibility.target(VERA, SubjectType.TEAM, "south", "south")).isTrue();
    }

    @Test
    void thePaymentPlanOfAllOwnersIsCutToTheCallersDealsAndItsTotalsWorkedOutAgain() {
        JsonNode cut = Visibility.view(ANNA, allOwners(Visibility.PAYMENT_PLAN), plan()).orElseThrow();

        assertThat(cut.get("deals")).extracting(deal -> deal.get("dealId").asString())
                .containsExactly("north-1", "north-2");
        assertThat(cut.get("tomorrowTotals").toString())
                .isEqualTo("[{\"currency\":\"EUR\",\"deals\":1,\"amount\":\"1000.00\",\"weightedAmount\":\"100.00\"}]");
        assertThat(cut.get("thisWeekTotals").toString())
                .isEqualTo("[{\"currency\":\"EUR\",\"deals\":2,\"amount\":\"1500.50\",\"weightedAmount\":\"150.05\"}]");
        assertThat(Visibility.view(NINA, allOwners(Visibility.PAYMENT_PLAN), plan()).orElseThrow().get("deals"))
                .extracting(deal -> deal.get("dealId").asString()).containsExactly("south-1");
    }

    @Test
    void aRowThatShowsEveryDealIsLeftAsItIs() {
        JsonNode plan = plan();
        assertThat(Visibility.view(VERA, allOwners(Visibility.PAYMENT_PLAN), plan)).containsSame(plan);
    }

    @Test
    void aDealNotKnownHereIsCutForThoseWhoDoNotSeeEverything() {
        MetricRow unknown = new MetricRow(Visibility.PAYMENT_PLAN, null, null, false, null, null, null, Map.of());
        assertThat(Visibility.view(MAX, unknown, plan()).orElseThrow().get("deals")).isEmpty();
        assertThat(Visibility.view(MAX, unknown, plan()).orElseThrow().get("tomorrowTotals")).isEmpty();
    }

    @Test
    void aRowOfAnotherFamilyListingDealsIsLeftOutWhenAnyIsCutSinceItsTotalsCannotBeWorkedOutAgain() {
        assertThat(Visibility.view(ANNA, allOwners("some-future-family"), plan())).isEmpty();
        assertThat(Visibility.view(VERA, allOwners("some-future-family"), plan())).isPresent();
    }

    @Test
    void aDeletedRowReachesThoseWhoMaySeeTheRow() {
        MetricRow sams = new MetricRow("weighted-pipeline", "sam", "south", false, null, null, null, Map.of());
        assertThat(Visibility.view(NINA, sams, null)).hasValueSatisfying(value -> assertThat(value.isNull()).isTrue());
        assertThat(Visibility.view(MAX, sams, null)).isEmpty();
    }

    @Test
    void acquisitionCostIsSeenByAdminsViewersAndManagersAndNotByReps() {
        JsonNode row = JSON.readTree("""
                {"pipelineId":"sales","sourceChannel":"referral","periodType":"MONTH","period":"2026-11",
                 "currency":"EUR","spend":"1200.00","dealsOpened":3,"dealsWon":0,"costPerLead":"400.00",
                 "costPerWonDeal":null}
                """);
        MetricRow acquisition = new MetricRow(Visibility.ACQUISITION_COST, null, null, false, null, null, null,
                Map.of());
        Actor ada = new Actor("ada", "ada", Set.of(Role.ADMIN), null, Actor.SOURCE_API);

        assertThat(Visibility.view(ada, acquisition, row)).contains(row);
        assertThat(Visibility.view(VERA, acquisition, row)).contains(row);
        assertThat(Visibility.view(MAX, acquisition, row)).contains(row);
        assertThat(Visibility.view(NINA, acquisition, row)).as("a manager of any team").contains(row);
        assertThat(Visibility.view(ANNA, acquisition, row)).isEmpty();
        assertThat(Visibility.view(ANNA, acquisition, null)).as("nor its deletion").isEmpty();
        assertThat(Visibility.view(TELEPHONY, acquisition, row)).isEmpty();
        assertThat(Visibility.view(ANNA, allOwners("opened-deals"), row)).as("a row of all owners of another family")
                .contains(row);
    }
}
