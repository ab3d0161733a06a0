package dev.salespipeline.launcher;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for JOSE headers, claims sets and the identity provider's answers: objects, lists, strings, whole
 * numbers and booleans. Written only, never read.
 */
final class Json {

    private Json() {
    }

    /** The object as compact JSON, its members in the map's order. */
    static String write(Map<String, ?> object) {
        StringBuilder json = new StringBuilder();
        value(json, object);
        return json.toString();
    }

    private static void value(StringBuilder json, Object value) {
        if (value instanceof String text) {
            string(json, text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                value(json, list.get(i));
            }
            json.append(']');
        } else if (value instanceof Map<?, ?> object) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : object.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                string(json, (String) member.getKey()).append(':');
                value(json, member.getValue());
            }
            json.append('}');
        } else {
            throw new IllegalArgumentException("Not written as JSON here: " + value);
        }
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    // below space, and the line separators JavaScript once refused in string literals
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
