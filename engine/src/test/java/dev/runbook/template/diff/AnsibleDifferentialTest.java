package dev.runbook.template.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.Engine;
import dev.runbook.diag.SourceSpan;
import dev.runbook.model.Expr;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.template.JinjavaTemplater;
import dev.runbook.template.TemplateException;
import dev.runbook.template.Templater;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of corpus.txt, rendered by runbook and by real ansible-core with the same variables
 * (vars.yml), must give the same text, or both fail, or be a documented refusal (runbook fails
 * with the error the corpus names) or extension (Ansible 2.14 fails, runbook gives the value the
 * corpus names). A silently different value fails this test. See
 * docs/templates.md ("How templates are checked against Ansible").
 */
class AnsibleDifferentialTest {
    private static final SourceSpan WHERE = SourceSpan.of("corpus.txt", 1, 1);

    @TempDir
    Path work;

    private final Templater templater = new JinjavaTemplater();

    @Test
    void everyCaseRendersAsInAnsibleOrIsRefusedWithAClearError() throws Exception {
        Corpus corpus = Corpus.load("/template-diff/corpus.txt");
        Path varsFile = AnsibleOracle.copy("vars.yml", work);
        Map<String, Object> vars = new Engine(ModuleRegistry.builtins(), templater, (inner, user, password) -> inner)
            .load(varsFile).runbook().vars();
        List<AnsibleOracle.Answer> answers = AnsibleOracle.evaluate(corpus.cases(), varsFile, work);
        List<String> differences = new ArrayList<>();
        int same = 0;
        int bothFail = 0;
        int refused = 0;
        int extended = 0;
        for (int i = 0; i < corpus.cases().size(); i++) {
            Corpus.Case c = corpus.cases().get(i);
            AnsibleOracle.Answer ansible = answers.get(i);
            Object ours;
            String ourError = null;
            try {
                ours = runbook(c, vars);
            } catch (TemplateException e) {
                ours = null;
                ourError = e.getMessage();
            }
            if (c.extension() != null) {
                Object expected = c.kind() == Corpus.Kind.WHEN ? Boolean.valueOf(c.extension()) : "<<" + c.extension() + ">>";
                if (ansible.error() != null && ourError == null && expected.equals(ours)) {
                    extended++;
                } else {
                    differences.add(c + "\n    extension expected: " + c.extension() + " where Ansible fails\n    runbook: "
                        + (ourError != null ? "error " + ourError : show(ours)) + "\n    ansible: " + show(ansible));
                }
            } else if (c.refusal() != null) {
                if (ourError != null && ourError.contains(c.refusal())) {
                    refused++;
                } else {
                    differences.add(c + "\n    refusal expected: " + c.refusal() + "\n    runbook: "
                        + (ourError != null ? "error " + ourError : show(ours)) + "\n    ansible: " + show(ansible));
                }
            } else if (ansible.error() != null && ourError != null) {
                bothFail++;
                System.out.println("both fail: " + c + "\n    ansible: " + ansible.error() + "\n    runbook: " + ourError);
            } else if (ansible.error() == null && ourError == null && Objects.equals(ansible.value(), ours)) {
                same++;
            } else {
                differences.add(c + "\n    ansible: " + show(ansible) + "\n    runbook: "
                    + (ourError != null ? "error " + ourError : show(ours)));
            }
        }
        System.out.printf("%d cases: %d same values, %d fail in both, %d refused, %d extensions, %d different%n",
            corpus.cases().size(), same, bothFail, refused, extended, differences.size());
        assertThat(differences.size()).as("%d of %d cases differ from Ansible:%n%s", differences.size(),
            corpus.cases().size(), String.join("\n", differences)).isZero();
        assertThat(corpus.cases()).hasSizeGreaterThan(300);
    }

    private Object runbook(Corpus.Case c, Map<String, Object> vars) throws TemplateException {
        return switch (c.kind()) {
            case TASK -> templater.render(c.text(), vars, WHERE);
            case FILE -> templater.renderText(c.text(), vars, WHERE);
            case WHEN -> templater.test(new Expr(c.text(), WHERE), vars);
        };
    }

    private static String show(Object value) {
        if (value instanceof AnsibleOracle.Answer a) {
            return a.error() != null ? "error " + a.error() : show(a.value());
        }
        return value instanceof String s ? "'" + s.replace("\n", "\\n") + "'" : String.valueOf(value);
    }
}
