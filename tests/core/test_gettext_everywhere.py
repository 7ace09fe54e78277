"""Every Japanese text in the code goes through gettext, so the English interface is whole.

makemessages only extracts calls to _, gettext, gettext_lazy, ngettext … by those names:
an alias such as `gettext_lazy as _lazy` silently leaves its strings untranslated.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TRANSLATING = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
# Japanese on purpose: era names and 年/月/日 (和暦 is Japanese in any language), kana
# ranges in normalising and search, legal-form prefixes matched in names (社会福祉法人, (福)),
# the demo's and the scale rows' fictional people, the council's default name. An entry
# ending in / allows a whole folder.
ALLOWED_FILES = {
    "core/wareki.py", "core/normalize.py", "contributions/search.py", "corporations/names.py",
    "portal/management/commands/load_demo.py", "portal/scale/", "network_portal/settings/base.py",
}
SEPARATORS = {"・", "、"}


def _app_sources():
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "benchmarks", "var"} or "migrations" in relative.parts:
            continue
        if relative.name == "demo.py" or any(
            str(relative) == allowed or allowed.endswith("/") and str(relative).startswith(allowed)
            for allowed in ALLOWED_FILES
        ):
            continue
        yield relative, path


def test_it_translates_every_japanese_string_in_the_code():
    untranslated = []
    for relative, path in _app_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and JAPANESE.search(node.value)):
                continue
            parent = parents.get(node)
            if isinstance(parent, ast.Expr) or node.value in SEPARATORS:
                continue  # a docstring, or a list separator
            if isinstance(parent, ast.Call) and (
                getattr(parent.func, "id", getattr(parent.func, "attr", None)) in TRANSLATING
            ):
                continue
            untranslated.append(f"{relative}:{node.lineno}: {node.value[:40]!r}")
    assert not untranslated, "Japanese outside gettext:\n" + "\n".join(untranslated)


def test_it_uses_only_the_translation_names_makemessages_knows():
    aliases = []
    for relative, path in _app_sources():
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.search(r"import .*\b(\w*gettext\w*) as (\w+)", line)
            if match and match.group(2) != "_":
                aliases.append(f"{relative}:{line_number}: {line.strip()}")
    assert not aliases, "makemessages does not see these aliases:\n" + "\n".join(aliases)
