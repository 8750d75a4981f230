package dev.runbook.template.jinja;

import java.util.Set;

/**
 * The filter and test names Jinja2 3.1 and ansible-core 2.14 define. Jinjava has more of its own
 * (ipaddr, datetimeformat, between_times...) that would answer where Ansible fails or gives
 * something else; those are treated as unknown names.
 */
final class KnownNames {
    static final Set<String> FILTERS = Set.of(
        // Jinja2 3.1
        "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
        "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items", "join",
        "last", "length", "list", "lower", "map", "max", "min", "pprint", "random", "reject", "rejectattr",
        "replace", "reverse", "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags",
        "sum", "title", "tojson", "trim", "truncate", "unique", "upper", "urlencode", "urlize", "wordcount",
        "wordwrap", "xmlattr",
        // ansible-core 2.14
        "b64decode", "b64encode", "basename", "bool", "checksum", "combine", "comment", "dict2items",
        "difference", "dirname", "expanduser", "expandvars", "extract", "fileglob", "flatten", "from_json",
        "from_yaml", "from_yaml_all", "hash", "human_readable", "human_to_bytes", "intersect", "items2dict", "log",
        "mandatory", "md5", "password_hash", "path_join", "pow", "product", "quote", "random_mac", "realpath",
        "regex_escape", "regex_findall", "regex_replace", "regex_search", "rekey_on_member", "relpath", "root",
        "sha1", "shuffle", "split", "splitext", "strftime", "subelements", "symmetric_difference", "ternary",
        "to_datetime", "to_json", "to_nice_json", "to_nice_yaml", "to_uuid", "to_yaml", "type_debug", "union",
        "unvault", "urldecode", "urlsplit", "vault", "win_basename", "win_dirname", "win_splitdrive", "zip",
        "zip_longest",
        // runbook's documented extension (a test in Ansible 2.14, a filter in older Ansible)
        "version_compare", "version");

    static final Set<String> TESTS = Set.of(
        // Jinja2 3.1
        "boolean", "callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even", "false", "filter",
        "float", "ge", "gt", "greaterthan", "in", "integer", "iterable", "le", "lower", "lt", "lessthan", "mapping",
        "ne", "none", "number", "odd", "sameas", "sequence", "string", "test", "true", "undefined", "upper", "==",
        "!=", "<", "<=", ">", ">=",
        // ansible-core 2.14
        "abs", "all", "any", "change", "changed", "contains", "directory", "exists", "failed", "failure", "falsy",
        "file", "finished", "is_abs", "is_dir", "is_file", "is_link", "is_mount", "is_same_file", "isnan", "link",
        "link_exists", "match", "mount", "nan", "reachable", "regex", "same_file", "search", "skip", "skipped",
        "started", "subset", "succeeded", "success", "successful", "superset", "truthy", "unreachable",
        "vault_encrypted", "version", "version_compare", "issubset", "issuperset");

    /** Tests that only look at the type or identity of a value, so an undefined value is no error. */
    static final Set<String> TYPE_TESTS = Set.of("defined", "undefined", "none", "boolean", "true", "false",
        "integer", "float", "number", "string", "mapping", "callable", "sameas");

    private KnownNames() {
    }
}
