package dev.runbook.modules.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff (3 lines of context) of two file contents, with Ansible's "before:/after:"
 * labels. Binary content is named, not shown; very different large files fall back to
 * "everything removed, everything added" rather than spend unbounded time.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final int MAX_EDITS = 4000;
    private static final String NO_NEWLINE_MARK = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /** The diff from {@code before} (null: no file) to {@code after} (null: removed); "" when equal. */
    public static String of(byte[] before, byte[] after, String path) {
        String a = text(before);
        String b = text(after);
        if ((before != null && a == null) || (after != null && b == null)) {
            return Arrays.equals(before, after) ? "" : "Binary files before: " + path + " and after: " + path + " differ\n";
        }
        return of(a == null ? "" : a, b == null ? "" : b, "before: " + path, "after: " + path);
    }

    /** The diff of two texts with the given header labels; "" when equal. */
    public static String of(String before, String after, String fromLabel, String toLabel) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = MyersDiff.edits(a, b, MAX_EDITS);
        StringBuilder sb = new StringBuilder("--- ").append(fromLabel).append("\n+++ ").append(toLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = hunkEnd(edits, i);
            appendHunk(sb, edits.subList(start, end));
            i = end;
        }
        return sb.toString();
    }

    /** One step of the edit script: ' ' keep, '-' remove, '+' add; indexes into both sides. */
    record Edit(char op, int aIndex, int bIndex, String line) {
    }

    private static int hunkEnd(List<Edit> edits, int from) {
        int end = from;
        int sameRun = 0;
        for (int j = from; j < edits.size(); j++) {
            if (edits.get(j).op() == ' ') {
                sameRun++;
                if (sameRun > 2 * CONTEXT) {
                    break;
                }
            } else {
                sameRun = 0;
                end = j + 1;
            }
        }
        return Math.min(edits.size(), end + CONTEXT);
    }

    private static void appendHunk(StringBuilder sb, List<Edit> hunk) {
        int aStart = -1;
        int bStart = -1;
        int aLen = 0;
        int bLen = 0;
        for (Edit e : hunk) {
            if (e.op() != '+') {
                aStart = aStart < 0 ? e.aIndex() : aStart;
                aLen++;
            }
            if (e.op() != '-') {
                bStart = bStart < 0 ? e.bIndex() : bStart;
                bLen++;
            }
        }
        Edit first = hunk.get(0);
        aStart = aStart < 0 ? first.aIndex() : aStart;
        bStart = bStart < 0 ? first.bIndex() : bStart;
        sb.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
        for (Edit e : hunk) {
            sb.append(e.op()).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int len) {
        return len == 0 ? start + ",0" : (start + 1) + (len == 1 ? "" : "," + len);
    }

    /**
     * The lines of a text. A last line without its newline carries the "no newline" marker, so
     * it differs from the same line with one and prints as diff(1) prints it.
     */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int last = out.size() - 1;
        if (out.get(last).isEmpty()) {
            out.remove(last);
        } else {
            out.set(last, out.get(last) + "\n" + NO_NEWLINE_MARK);
        }
        return out;
    }

    /** The content as UTF-8 text, or null when absent or binary (a NUL byte or invalid UTF-8). */
    static String text(byte[] data) {
        if (data == null) {
            return null;
        }
        for (byte b : data) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
