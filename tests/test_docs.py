"""The README shows the real help of each command; `pytest --regen-golden` refreshes it."""
import re

from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- help: (?P<command>[a-z ]+) -->\n```\n(?P<help>.*?)```\n<!-- /help -->", re.DOTALL)
SETTINGS = re.compile(r"<!-- settings: (?P<table>[a-z]+) -->\n(?P<rows>.*?)<!-- /settings -->", re.DOTALL)


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


def _commands() -> list[str]:
    """Every command of the app, sub-commands as `rules list`."""
    from typer.main import get_command

    names = []
    for name, command in get_command(app).commands.items():
        names += [f"{name} {sub}" for sub in command.commands] if hasattr(command, "commands") else [name]
    return sorted(names)


def test_every_command_has_its_generated_help_in_the_readme():
    documented = {block["command"] for block in BLOCK.finditer(README.read_text(encoding="utf-8"))}
    assert set(_commands()) <= documented, sorted(set(_commands()) - documented)


def _tables():
    from cleaner.config import CleanConfig, DedupConfig, LearnConfig
    from cleaner.settings import settings_table

    return {"clean": settings_table(CleanConfig), "dedup": settings_table(DedupConfig), "learn": settings_table(LearnConfig)}


def test_readme_settings_tables_are_made_from_the_config_fields(regen):
    text = README.read_text(encoding="utf-8")
    tables = _tables()
    if regen:
        text = SETTINGS.sub(lambda m: f"<!-- settings: {m['table']} -->\n{tables[m['table']]}<!-- /settings -->", text)
        README.write_text(text, encoding="utf-8")
    found = {m["table"]: m["rows"] for m in SETTINGS.finditer(text)}
    assert found == tables, "README settings tables are stale: pytest --regen-golden"


def test_readme_starts_with_the_install_and_test_commands():
    commands = re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"))[:2]
    assert "pip install ." in commands[0] and "cleaner clean corpus/ --out cleaned/" in commands[0]
    assert "python -m pytest -q" in commands[1]
