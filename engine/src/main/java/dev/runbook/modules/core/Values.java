package dev.runbook.modules.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How a value looks in output: strings as they are, everything else as compact JSON. */
public final class Values {
    /** Loaded on first use only: Jackson is heavy, and validate never needs it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private Values() {
    }

    public static String show(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
