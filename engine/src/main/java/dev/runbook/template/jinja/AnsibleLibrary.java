package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;

/** Registers Ansible's filters and tests on a jinjava instance, replacing jinjava's namesakes. */
final class AnsibleLibrary {
    private AnsibleLibrary() {
    }

    static void registerAll(Jinjava jinjava) {
        for (List<Filter> group : List.of(CoreFilters.all(), CollectionFilters.all(), DictFilters.all(),
            RegexFilters.all(), DataFilters.all(), PathFilters.all(), versionFilters(), MathFilters.all(), SequenceFilters.all(),
            TextFilters.all(), UrlFilters.all(), LookupFilters.all(), SizeFilters.all())) {
            group.forEach(jinjava::registerFilter);
        }
        AnsibleTests.all().forEach(jinjava::registerExpTest);
        PyFunctions.registerAll(jinjava);
        Lookups.registerAll(jinjava);
        ResultTests.all().forEach(jinjava::registerExpTest);
    }

    private static List<Filter> versionFilters() {
        FilterFn.Body body = (v, a, k) -> LooseVersion.compare(v, Py.arg(a, k, 0, "version", null),
            Py.strArg(a, k, 1, "operator", "eq"));
        return List.of(new FilterFn("version_compare", body), new FilterFn("version", body));
    }
}
