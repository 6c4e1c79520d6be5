"""The README shows the real help of each command; `pytest --regen-golden` refreshes it."""
import re

from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- help: (?P<command>[a-z ]+) -->\n```\n(?P<help>.*?)```\n<!-- /help -->", re.DOTALL)


def _help(command: str) -> str:
    result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "80"}, prog_name="cleaner")
    assert result.exit_code == 0
    return result.stdout


def test_readme_help_blocks_match_the_commands(regen):
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert blocks, "README has no generated help block"
    if regen:
        text = BLOCK.sub(lambda m: f"<!-- help: {m['command']} -->\n```\n{_help(m['command'])}```\n<!-- /help -->", text)
        README.write_text(text, encoding="utf-8")
        blocks = list(BLOCK.finditer(text))
    for block in blocks:
        assert block["help"] == _help(block["command"]), f"README help of '{block['command']}' is stale: pytest --regen-golden"


def test_readme_starts_with_the_install_and_test_commands():
    commands = re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"))[:2]
    assert "pip install ." in commands[0] and "cleaner clean corpus/ --out cleaned/" in commands[0]
    assert "python -m pytest -q" in commands[1]
