package dev.salespipeline.query.metrics.projection;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Decimal128;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@value #COLLECTION} collection: one document per metric topic and key, holding the latest
 * value, and the conversion of values between JSON and BSON. Decimals are kept as Decimal128, so
 * amounts keep their exact digits both ways.
 *
 * <p>Fields: {@code _id} ({@code <topic>|<key>}), {@code metric} (the family), {@code topic},
 * {@code key}, {@code value}, the dimensions {@link #DIMENSIONS} copied out of the value,
 * {@code updatedAt} (the record's timestamp), {@code partition} and {@code offset} (of the record).
 */
public final class MetricDocuments {

    public static final String COLLECTION = "metrics";
    public static final String METRIC = "metric";
    public static final String TOPIC = "topic";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String UPDATED_AT = "updatedAt";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String PIPELINE_ID = "pipelineId";
    public static final String OWNER_ID = "ownerId";
    public static final String SOURCE_CHANNEL = "sourceChannel";
    public static final String PERIOD_TYPE = "periodType";
    public static final String PERIOD = "period";

    /** The fields a metric value may be cut by; copied out of the value so that queries can use them. */
    public static final List<String> DIMENSIONS = List.of(PIPELINE_ID, OWNER_ID, SOURCE_CHANNEL, PERIOD_TYPE, PERIOD);

    private MetricDocuments() {
    }

    public static String id(String topic, String key) {
        return topic + "|" + key;
    }

    /**
     * @throws NumberFormatException if a number does not fit Decimal128
     */
    public static Object toBson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Document document = new Document();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                document.put(property.getKey(), toBson(property.getValue()));
            }
            return document;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(element -> list.add(toBson(element)));
            return list;
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return new Decimal128(node.decimalValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    public static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((name, element) -> object.set(String.valueOf(name), toJson(element)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Decimal128 decimal) {
            return nodes.numberNode(decimal.bigDecimalValue());
        }
        if (value instanceof BigDecimal decimal) {
            return nodes.numberNode(decimal);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        return nodes.stringNode(String.valueOf(value));
    }
}
