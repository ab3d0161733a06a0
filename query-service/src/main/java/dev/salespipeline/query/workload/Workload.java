package dev.salespipeline.query.workload;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * How the open deals of a pipeline are spread over its owners and stages.
 *
 * @param teamId the team asked for, or null for every deal the caller may see
 * @param owners one entry per owner with open or won deals in the pipeline, by owner id
 */
public record Workload(String pipelineId, String name, String teamId, List<Owner> owners) {

    /**
     * @param openDeals  the owner's open deals
     * @param wonDeals   the owner's deals won in this pipeline (not reopened since)
     * @param stages     the owner's open deals in each current stage of the pipeline, in order, then in each
     *                   stage no longer in it that still holds some
     * @param amounts    the owner's figures per currency
     * @param bottleneck the stage holding most of the owner's open deals (the earlier stage on a tie), or
     *                   null without open deals
     */
    public record Owner(String ownerId, long openDeals, long wonDeals, List<StageLoad> stages, List<Amounts> amounts,
                 StageLoad bottleneck) {
    }

    /**
     * @param position the stage's place in the pipeline's current order, or null for a stage no longer in it
     * @param amounts  the sum of the deals' amounts per currency
     */
    public record StageLoad(String stageId, String name, Integer position, long count, List<Sum> amounts) {
    }

    public record Sum(String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * Per currency; averages over the deals with an amount in that currency, null when there is none.
     *
     * @param openAmount          the sum of the open deals' amounts
     * @param weightedAmount      the sum of amount x probability / 100 over the open deals
     * @param averageOpenDealSize the mean amount of the open deals
     * @param averageWonDealSize  the mean amount of the won deals
     */
    public record Amounts(String currency,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal openAmount,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weightedAmount,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageOpenDealSize,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageWonDealSize) {
    }
}
