package dev.salespipeline.command.activity.directory;

import java.util.Locale;

/**
 * How phone numbers and email addresses are compared when a reported activity is matched to a deal.
 * Telephony systems write numbers in many ways ("+49 30 1234", "0049 (30) 1234", "49301234"): only the
 * digits count, and an international 00 prefix counts as "+". Numbers written without a country code
 * match only numbers written the same way. Addresses compare trimmed and in lower case.
 */
public final class ContactKeys {

    private ContactKeys() {
    }

    /** The digits of a phone number, or null when it has fewer than 3. */
    public static String phone(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String key = digits.toString();
        if (key.startsWith("00")) {
            key = key.substring(2);
        }
        return key.length() < 3 ? null : key;
    }

    /** The address trimmed and in lower case, or null when there is none. */
    public static String email(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
