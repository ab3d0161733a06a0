package dev.salespipeline.command.activity.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.WithinYears;

/** Body of {@code PUT /activities/{activityId}/deal}. {@code occurredAt} defaults to now. */
record AttachActivityRequest(@NotBlank @Size(max = Bounds.ID_LENGTH) String dealId, @WithinYears Instant occurredAt) {
}
