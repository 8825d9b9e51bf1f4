"""The project's QA-rules file (JSON): forbidden patterns, exceptions, kinds switched off."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.atomic import write_text_atomic
from workbench.core.errors import FormatError
from workbench.terms.qa import QaRules


def read_qa_rules(path: str | Path) -> QaRules:
    """Read a QA-rules file; FormatError names the file, the line and the problem."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormatError("no such QA-rules file", file) from None
    except UnicodeDecodeError:
        raise FormatError("the QA-rules file is not UTF-8", file) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"broken JSON: {exc.msg}", file, exc.lineno) from None
    return QaRules.from_dict(data, str(file))


def write_qa_rules(path: str | Path, rules: QaRules) -> None:
    """Write the rules atomically."""
    write_text_atomic(path, json.dumps(rules.to_dict(), ensure_ascii=False, indent=1) + "\n")


#: Where a project keeps its QA rules, beside its manifest.
RULES_FILE = "qa-rules.json"


def default_rules_path(root: str | Path) -> Path:
    """The QA-rules file of the project in folder `root` (it may not exist)."""
    return Path(root) / RULES_FILE
