package dev.salespipeline.command.web;

/**
 * Reads the {@code If-Match} header of a command: the deal version (an ETag this API sent) the
 * client based its change on. Absent or {@code *}: no condition.
 */
public final class ExpectedVersion {

    private ExpectedVersion() {
    }

    /** Whether the request names a version at all (an {@code If-Match} header is present). */
    public static boolean isGiven(String ifMatch) {
        return ifMatch != null && !ifMatch.isBlank();
    }

    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
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
