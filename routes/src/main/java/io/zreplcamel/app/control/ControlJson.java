package io.zreplcamel.app.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The control protocol's JSON: one object per line, read as a tree so that unknown or mistyped fields are errors. */
final class ControlJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ControlJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** One line of JSON text (JSON escapes every newline inside strings). */
    static String line(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write control JSON: " + e.getMessage(), e);
        }
    }

    static ObjectNode parseObject(String line) throws ControlProtocolException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ControlProtocolException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ControlProtocolException("not a JSON object");
        }
        return o;
    }

    static String text(ObjectNode o, String field, boolean required) throws ControlProtocolException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ControlProtocolException("field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ControlProtocolException("field \"" + field + "\" must be a string");
        }
        return v.asText();
    }

    static boolean bool(ObjectNode o, String field, boolean dflt) throws ControlProtocolException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ControlProtocolException("field \"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    static void onlyFields(ObjectNode o, java.util.Set<String> allowed) throws ControlProtocolException {
        var names = o.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new ControlProtocolException("unknown field \"" + n + "\"");
            }
        }
    }
}
