package dev.runbook.modules.files;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of find's {@code files}, with the keys and types of Ansible's statinfo. */
final class FindResult {
    private FindResult() {
    }

    static Map<String, Object> describe(FindWalk.Entry e) {
        int m = e.mode();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", e.path());
        r.put("mode", String.format("%04o", m & 07777));
        r.put("isdir", e.type() == 'd');
        r.put("ischr", e.type() == 'c');
        r.put("isblk", e.type() == 'b');
        r.put("isreg", e.type() == 'f');
        r.put("isfifo", e.type() == 'p');
        r.put("islnk", e.type() == 'l');
        r.put("issock", e.type() == 's');
        r.put("uid", e.uid());
        r.put("gid", e.gid());
        r.put("size", e.size());
        r.put("inode", e.inode());
        r.put("dev", e.dev());
        r.put("nlink", e.nlink());
        r.put("atime", e.atime());
        r.put("mtime", e.mtime());
        r.put("ctime", e.ctime());
        r.put("gr_name", e.group());
        r.put("pw_name", e.user());
        String[] keys = {"wusr", "rusr", "xusr", "wgrp", "rgrp", "xgrp", "woth", "roth", "xoth"};
        int[] masks = {0200, 0400, 0100, 020, 040, 010, 02, 04, 01};
        for (int i = 0; i < keys.length; i++) {
            r.put(keys[i], (m & masks[i]) != 0);
        }
        r.put("isuid", (m & 04000) != 0);
        r.put("isgid", (m & 02000) != 0);
        return r;
    }
}
