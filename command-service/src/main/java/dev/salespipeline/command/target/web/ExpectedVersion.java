package dev.salespipeline.command.target.web;

/**
 * Reads the {@code If-Match} header of a command: the target version (an ETag this API sent) the
 * client based its change on. Absent or {@code *}: no condition on the version.
 */
final class ExpectedVersion {

    private ExpectedVersion() {
    }

    static boolean isGiven(String ifMatch) {
        return ifMatch != null && !ifMatch.isBlank();
    }

    static Long fromIfMatch(String ifMatch) {
        if (!isGiven(ifMatch) || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("\"") && tag.endsWith("\"") && tag.length() >= 2) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("If-Match must be one ETag this API sent, such as \"3\": " + ifMatch);
        }
    }
}
