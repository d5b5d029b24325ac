"""Widget and session-state keys are declared once: widget keys in ui/keys.py, the answers' own
keys in ui/state.py. A key typed anywhere else could drift from the one its tests use."""

import ast
from pathlib import Path

from backpain_aid.paths import PROJECT_ROOT
from ui import state

KEYS_MODULE = PROJECT_ROOT / "ui" / "keys.py"
STATE_MODULE = PROJECT_ROOT / "ui" / "state.py"


def ui_modules() -> list[Path]:
    return sorted([*(PROJECT_ROOT / "ui").rglob("*.py"), *(PROJECT_ROOT / "app_pages").rglob("*.py")])


def key_literals(path: Path, prefixes: tuple[str, ...]) -> list[str]:
    """String literals (plain or the start of an f-string) that begin like a key."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            start = node.values[0].value
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            start = node.value
        else:
            continue
        if start.startswith(prefixes):
            found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {start}")
    return found


def test_widget_keys_are_written_only_in_the_keys_module():
    stray = [
        literal for path in ui_modules() if path != KEYS_MODULE for literal in key_literals(path, ("widget",))
    ]
    assert not stray, "\n".join(stray)


def test_answer_keys_are_written_only_in_the_state_module():
    stray = [
        literal
        for path in ui_modules()
        if path != STATE_MODULE
        for literal in key_literals(path, ("aid.",))
        if not literal.endswith((".css", ".js"))  # ui/aid.css and ui/aid.js, files not keys
    ]
    assert not stray, "\n".join(stray)


def test_answer_keys_are_namespaced_and_unique():
    assert len(set(state.ALL_KEYS)) == len(state.ALL_KEYS)
    assert all(key.startswith("aid.") for key in state.ALL_KEYS)
    assert set(state.DISPLAY_KEYS) <= set(state.ALL_KEYS)
