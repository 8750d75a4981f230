package dev.runbook.template.jinja;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML as Ansible's PyYAML reads and writes it (YAML 1.1 words): {@code yes}, {@code no},
 * {@code on}, {@code off} are booleans when read, and strings spelling them are quoted when written
 * (the emitter quotes any string that would read back as something else).
 */
final class PyYaml {
    /** PyYAML's bool resolver (YAML 1.1). */
    private static final Pattern BOOL_11 = Pattern.compile(
        "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");

    private PyYaml() {
    }

    /** A schema reading YAML 1.1 booleans as PyYAML does, else YAML 1.2 core. */
    static final class Schema11 extends CoreSchema {
        @Override
        public ScalarResolver getScalarResolver() {
            return new CoreScalarResolver(true) {
                @Override
                protected void addImplicitResolvers() {
                    addImplicitResolver(Tag.BOOL, BOOL_11, "yYnNtTfFoO");
                    super.addImplicitResolvers();
                }
            };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            Map<Tag, ConstructNode> all = new HashMap<>(super.getSchemaTagConstructors());
            all.put(Tag.BOOL, node -> {
                String word = ((ScalarNode) node).getValue().toLowerCase(Locale.ROOT);
                return word.equals("yes") || word.equals("true") || word.equals("on");
            });
            return all;
        }
    }
}
