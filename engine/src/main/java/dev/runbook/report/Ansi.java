package dev.runbook.report;

/** ANSI colours, used only when the output is a colour terminal. */
public final class Ansi {
    private Ansi() {
    }

    public static String red(String s) {
        return "\u001b[31m" + s + "\u001b[0m";
    }

    public static String green(String s) {
        return "\u001b[32m" + s + "\u001b[0m";
    }

    public static String yellow(String s) {
        return "\u001b[33m" + s + "\u001b[0m";
    }

    public static String cyan(String s) {
        return "\u001b[36m" + s + "\u001b[0m";
    }

    public static String dim(String s) {
        return "\u001b[2m" + s + "\u001b[0m";
    }

    public static String bold(String s) {
        return "\u001b[1m" + s + "\u001b[0m";
    }
}
