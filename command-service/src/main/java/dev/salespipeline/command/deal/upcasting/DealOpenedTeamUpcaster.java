package dev.salespipeline.command.deal.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.salespipeline.api.deal.DealOpened;

/**
 * {@code DealOpened} revision 1 predates teams: it is read as revision 2 with no team. Stored events
 * are never rewritten; they are upcast each time they are read.
 */
@Component
public class DealOpenedTeamUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(DealOpened.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(DealOpened.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            if (!upcast.has("teamId")) {
                upcast.putNull("teamId");
            }
            return upcast;
        });
    }
}
