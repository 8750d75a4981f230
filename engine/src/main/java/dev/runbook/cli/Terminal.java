package dev.runbook.cli;

/**
 * What the output is connected to: colour and live status only on a real terminal, never when
 * piped, in CI, or when NO_COLOR is set.
 */
public record Terminal(boolean interactive, boolean colour, int width) {
    public static final Terminal PLAIN = new Terminal(false, false, 100);

    public static Terminal detect() {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        boolean colour = tty && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        int width = 100;
        String cols = System.getenv("COLUMNS");
        if (cols != null && cols.matches("\\d{2,4}")) {
            width = Integer.parseInt(cols);
        }
        return new Terminal(tty, colour, width);
    }
}
