package dev.runbook.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last line of {@code plan --output json}: {@code {"event":"plan","summary":...,"counts":...,"plan":...}}. */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {
    }

    public static String line(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "plan");
        m.put("summary", PlanPrinter.summary(plan));
        m.put("counts", plan.counts());
        m.put("changes_pending", plan.hasChanges());
        m.put("plan", JsonReporter.fields(plan));
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
