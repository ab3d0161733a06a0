package dev.salespipeline.command.activity.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /activities/{activityId}/deal}. {@code occurredAt} defaults to now. */
record AttachActivityRequest(@NotBlank @Size(max = 255) String dealId, Instant occurredAt) {
}
