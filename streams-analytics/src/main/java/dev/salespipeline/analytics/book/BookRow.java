package dev.salespipeline.analytics.book;

import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.OwnerBook;

/** A row for one of the family's two topics: exactly one of the two is set. Never written to a topic as such. */
record BookRow(OwnerBook ownerBook, DealSize dealSize) {
}
