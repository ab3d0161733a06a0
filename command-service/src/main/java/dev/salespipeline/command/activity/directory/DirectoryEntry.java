package dev.salespipeline.command.activity.directory;

/** A deal as the directory knows it: whose it is and whether it is open. */
public record DirectoryEntry(String dealId, String pipelineId, String ownerId, String teamId, boolean open) {
}
