"""cleaner as a datatrove pipeline step: on the corpus, the texts and edits equal `cleaner clean`'s.

Skipped where datatrove is not installed, unless CLEANER_REQUIRE_DATATROVE=1 (set by .ci/run,
which installs the extra)."""
import json
import os

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import CORPUS

try:
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
except ImportError:
    if os.environ.get("CLEANER_REQUIRE_DATATROVE") == "1":
        raise
    pytest.skip("datatrove is not installed (pip install 'cleaner[datatrove]')", allow_module_level=True)

from cleaner.datatrove_step import EDITS_KEY, CleanerFormatter  # noqa: E402


def test_a_datatrove_pipeline_with_the_cleaner_step_writes_what_cleaner_clean_writes(tmp_path):
    pages = sorted(CORPUS.glob("*.txt"))
    documents = [Document(text=p.read_text(encoding="utf-8"), id=p.stem) for p in pages]
    written = []

    def collect(data, rank: int = 0, world_size: int = 1):  # the last step: what a writer would get
        for document in data:
            written.append(document)
            yield document

    LocalPipelineExecutor(pipeline=[documents, CleanerFormatter(), collect], tasks=1, logging_dir=str(tmp_path / "logs")).run()

    out = tmp_path / "cleaned"
    assert CliRunner().invoke(app, ["clean", str(CORPUS), "--out", str(out)]).exit_code == 0
    log = [json.loads(line) for line in (out / "edit-log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d.id for d in written] == [p.stem for p in pages]
    for document in written:
        name = document.id + ".txt"
        assert document.text == (out / name).read_text(encoding="utf-8")
        edits = [{**e, "doc": None} for e in log if e["type"] == "edit" and e["doc"] == str(CORPUS / name)]
        assert edits and [{**e, "doc": None} for e in document.metadata[EDITS_KEY]] == edits
