"""The README's examples marked `<!-- runnable -->` run as written, in README order, in a temporary
folder holding a copy of corpus/ and rules/: a console block's `$` commands must print the lines
shown (stdout then stderr; a `...` line stands for lines left out, the closing time line is
matched by its shape), a python block must run without error."""
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, TIMING

README = ROOT / "README.md"
RUNNABLE = re.compile(r"<!-- runnable -->\n```(?P<kind>console|python|sh)\n(?P<body>.*?)```\n", re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    return [(m["kind"], m["body"]) for m in RUNNABLE.finditer(README.read_text(encoding="utf-8"))]


def _commands(body: str) -> list[tuple[str, list[str]]]:
    """Each `$ command` of a console block with the lines shown after it."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def _matches(shown: list[str], printed: list[str]) -> bool:
    """The printed lines are the shown ones; `...` stands for any lines, the time line for its shape."""
    pattern = "".join(".*?" if line == "..." else (TIMING.pattern.lstrip("^").rstrip("\\n") if TIMING.fullmatch(line + "\n")
                                                   else re.escape(line)) + "\n" for line in shown)
    return re.fullmatch(pattern, "".join(line + "\n" for line in printed), re.DOTALL) is not None


def test_the_readme_has_runnable_examples_of_each_kind():
    kinds = [kind for kind, _ in _blocks()]
    assert kinds.count("console") >= 4 and "python" in kinds


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    here = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "corpus", here / "corpus")
    shutil.copytree(ROOT / "rules", here / "rules")
    return here


def test_the_runnable_readme_examples_print_what_the_readme_shows(folder):
    env_path = f"{shutil.os.path.dirname(sys.executable)}:{shutil.os.environ['PATH']}"
    env = {**shutil.os.environ, "PATH": env_path, "COLUMNS": "100"}
    for kind, body in _blocks():
        if kind == "python":
            done = subprocess.run([sys.executable, "-c", body], cwd=folder, capture_output=True, text=True, env=env)
            assert done.returncode == 0, f"{body}\n{done.stderr}"
            continue
        for command, shown in _commands(body):
            done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, capture_output=True, text=True, env=env)
            assert done.returncode == 0, f"{command}\n{done.stderr}"
            printed = done.stdout.splitlines() + done.stderr.splitlines()
            assert _matches(shown, printed), f"$ {command}\nREADME shows:\n" + "\n".join(shown) + "\nprinted:\n" + "\n".join(printed)
