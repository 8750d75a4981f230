package dev.runbook.modules.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How a value looks in output: strings as they are, everything else as compact JSON. */
public final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    public static String show(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
