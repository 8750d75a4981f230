package dev.runbook.modules.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Myers' O(ND) shortest edit script between two lists of lines. */
final class MyersDiff {
    private MyersDiff() {
    }

    /**
     * The edit script from {@code a} to {@code b}. Beyond {@code maxEdits} differences it gives
     * up on minimality and returns "remove all of a, add all of b".
     */
    static List<UnifiedDiff.Edit> edits(List<String> a, List<String> b, int maxEdits) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, maxEdits);
        int off = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, a, b, off);
                }
            }
        }
        return replaceAll(a, b);
    }

    private static List<UnifiedDiff.Edit> backtrack(List<int[]> trace, List<String> a, List<String> b, int off) {
        List<UnifiedDiff.Edit> out = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            int prevK = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1;
            int prevX = v[off + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                out.add(new UnifiedDiff.Edit(' ', x, y, a.get(x)));
            }
            if (x == prevX) {
                out.add(new UnifiedDiff.Edit('+', x, prevY, b.get(prevY)));
            } else {
                out.add(new UnifiedDiff.Edit('-', prevX, y, a.get(prevX)));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            out.add(new UnifiedDiff.Edit(' ', x, y, a.get(x)));
        }
        Collections.reverse(out);
        return out;
    }

    private static List<UnifiedDiff.Edit> replaceAll(List<String> a, List<String> b) {
        List<UnifiedDiff.Edit> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(new UnifiedDiff.Edit('-', i, 0, a.get(i)));
        }
        for (int j = 0; j < b.size(); j++) {
            out.add(new UnifiedDiff.Edit('+', a.size(), j, b.get(j)));
        }
        return out;
    }
}
