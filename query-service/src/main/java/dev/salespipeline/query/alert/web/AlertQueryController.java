package dev.salespipeline.query.alert.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.query.alert.FindStalledDealAlerts;
import dev.salespipeline.query.alert.StalledDealAlertQuery;
import dev.salespipeline.query.alert.projection.StalledDealAlertView;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Alerts", description = "Alerts raised by streams-analytics")
class AlertQueryController {

    private final StalledDealAlertQuery alerts;

    AlertQueryController(StalledDealAlertQuery alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/alerts/stalled-deals")
    @Operation(summary = "Stalled-deal alerts of the deals the caller may see, longest stalled first",
            description = "By default the deals stalled now (RAISED); status=CLEARED lists the deals whose latest "
                    + "alert was cleared. A deal has one alert at a time: the latest one streams-analytics "
                    + "published for it.")
    List<StalledDealAlertView> stalledDeals(
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Only deals of this pipeline") @RequestParam(required = false) String pipelineId,
            @Parameter(description = "Only deals of this owner") @RequestParam(required = false) String ownerId,
            @Parameter(description = "Only alerts of this limit") @RequestParam(required = false) StallReason reason,
            @Parameter(description = "Raised (stalled now) or cleared") @RequestParam(defaultValue = "RAISED")
            AlertStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return alerts.find(new FindStalledDealAlerts(pipelineId, ownerId, reason, status, page, size), actor);
    }
}
