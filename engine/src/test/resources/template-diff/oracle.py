"""Evaluates the corpus with Ansible's own templating (ansible-core's Templar and Conditional).

Input: a JSON file {"vars": path, "cases": [{"kind": "task"|"file"|"when", "text": ...}]}.
Output on stdout: a JSON list, one {"value": ...} or {"error": ...} per case, in order.

"task" is a string in a task's arguments or vars (Templar.template, which doubles backslashes
inside {{ }}), "file" a template file (do_template with escape_backslashes=False, as the
template action does), "when" a bare condition (Conditional.evaluate_conditional).
One process for the whole corpus: a playbook with one task per expression takes ~55 ms a task.
"""
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.playbook.conditional import Conditional
from ansible.template import Templar


def evaluate(templar, loader, variables, kind, text):
    if kind == "task":
        return templar.template(text)
    if kind == "file":
        return templar.do_template(text, preserve_trailing_newlines=True, escape_backslashes=False)
    if kind == "when":
        conditional = Conditional(loader=loader)
        conditional.when = [text]
        return conditional.evaluate_conditional(templar, variables)
    raise ValueError("unknown kind " + kind)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    loader = DataLoader()
    variables = loader.load_from_file(spec["vars"])["vars"]
    # as VariableManager adds it for every task
    variables["omit"] = "__omit_place_holder__" + "0" * 40
    templar = Templar(loader=loader, variables=variables)
    out = []
    for case in spec["cases"]:
        try:
            value = evaluate(templar, loader, variables, case["kind"], case["text"])
            out.append({"value": value if isinstance(value, bool) else str(value)})
        except Exception as e:  # every failure is a result: the corpus holds expressions that must fail
            out.append({"error": type(e).__name__ + ": " + str(e).split("\n")[0]})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
