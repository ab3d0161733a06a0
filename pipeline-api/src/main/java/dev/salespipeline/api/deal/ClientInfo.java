package dev.salespipeline.api.deal;

import dev.salespipeline.api.Bounds;

/**
 * Who the deal is with. Every field is optional until a stage requires it.
 */
public record ClientInfo(String company, String contactPerson, String decisionMaker, String phone, String email,
                         String industry) {

    public ClientInfo {
        Bounds.text("company", company, Bounds.TITLE_LENGTH);
        Bounds.text("contactPerson", contactPerson, Bounds.TITLE_LENGTH);
        Bounds.text("decisionMaker", decisionMaker, Bounds.TITLE_LENGTH);
        Bounds.text("phone", phone, Bounds.PHONE_LENGTH);
        Bounds.text("email", email, Bounds.EMAIL_LENGTH);
        Bounds.text("industry", industry, Bounds.NAME_LENGTH);
    }

    public static final ClientInfo NONE = new ClientInfo(null, null, null, null, null, null);
}
