package dev.salespipeline.query.alert;

import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;

/**
 * One page of stalled-deal alerts with the filters of {@code GET /alerts/stalled-deals}; null filters do not
 * apply.
 */
public record FindStalledDealAlerts(String pipelineId, String ownerId, StallReason reason, AlertStatus status,
                                    int page, int size) {
}
