package dev.runbook.template.jinja;

/**
 * A variable's value that templates must treat as undefined although the name exists: its own
 * template could not be rendered. {@link RenderState} turns it into an {@link Undefined} whose
 * detail is {@link #explanation()}, so the error names the root cause.
 */
public interface DefinedButUndefined {
    String explanation();
}
