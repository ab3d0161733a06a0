package dev.salespipeline.api.deal;

/**
 * Who the deal is with. Every field is optional until a stage requires it.
 */
public record ClientInfo(String company, String contactPerson, String decisionMaker, String phone, String email,
                         String industry) {

    public static final ClientInfo NONE = new ClientInfo(null, null, null, null, null, null);
}
