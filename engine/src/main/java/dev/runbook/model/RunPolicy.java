package dev.runbook.model;

/** When a step runs, given how the steps it needs ended on this host. */
public enum RunPolicy {
    /** Only when every need succeeded (the default). */
    ON_SUCCESS("on-success"),
    /** Whatever happened upstream, once upstream is done. */
    ALWAYS("always"),
    /** Only when a need failed (directly or further up): the way back. */
    ON_FAILURE("on-failure");

    private final String yaml;

    RunPolicy(String yaml) {
        this.yaml = yaml;
    }

    public String yaml() {
        return yaml;
    }

    public static RunPolicy fromYaml(String text) {
        for (RunPolicy p : values()) {
            if (p.yaml.equals(text)) {
                return p;
            }
        }
        return null;
    }
}
