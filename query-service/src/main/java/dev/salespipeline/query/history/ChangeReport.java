package dev.salespipeline.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.salespipeline.api.deal.Money;

/**
 * What changed in a pipeline between two instants; see {@link ChangeReportQuery} for what each list
 * means. A deal may be in several lists. Each list is ordered by deal id. A page holds the lines of up to
 * {@code size} changed deals; {@code totalDeals} counts the changed deals the caller sees on all pages.
 */
public record ChangeReport(Instant from, Instant to, List<ChangedDeal> opened, List<ChangedDeal> advanced,
                           List<ChangedDeal> movedBack, List<ChangedDeal> won, List<ChangedDeal> lost,
                           List<ChangedDeal> closeDatePushedOut, List<ChangedDeal> amountChanged, int page,
                           int size, long totalDeals) {

    /**
     * A deal, with its title and owner as of {@code to}, and the values that changed: stages, close dates or
     * amounts at {@code from} and at {@code to}, whichever the list is about.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangedDeal(String dealId, String title, String ownerId,
                              String fromStageId, String fromStageName, String toStageId, String toStageName,
                              LocalDate fromCloseDate, LocalDate toCloseDate, Money fromAmount, Money toAmount) {
    }
}
