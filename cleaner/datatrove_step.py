"""cleaner as a step of a datatrove pipeline (`pip install 'cleaner[datatrove]'`).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove_step import CleanerFormatter

    LocalPipelineExecutor(pipeline=[JsonlReader("scrape/"), CleanerFormatter(), JsonlWriter("cleaned/")]).run()

Each Document's text becomes what `cleaner clean` writes for it, and its metadata gets the edits
(`cleaner_edits`: one record per removal or repair, with the rule, the span in the text as it
came in and the reason, as in the edit log), so every change stays explained downstream. The
step's stats count the documents changed and the edits of each rule (`edits_<rule>`), as
datatrove's filters count their drops.
"""
from __future__ import annotations

from pathlib import Path

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from .config import CleanConfig

EDITS_KEY = "cleaner_edits"


class CleanerFormatter(BaseFormatter):
    """Clean each document's text with cleaner's rules; the edits go into its metadata."""

    name = "🧹 cleaner"

    def __init__(self, rules: list[str | Path] | None = None, default_rules: bool = True,
                 config: CleanConfig = CleanConfig(), edits_key: str = EDITS_KEY):
        super().__init__()
        self.rule_paths = [Path(p) for p in rules or []]
        self.default_rules, self.config, self.edits_key = default_rules, config, edits_key
        self._ruleset = None  # loaded in the worker, on first use (a step is pickled to its workers)

    @property
    def ruleset(self):
        if self._ruleset is None:
            from .rules import default_rules_dir, load_rules

            paths = ([default_rules_dir()] if self.default_rules else []) + self.rule_paths
            self._ruleset = load_rules(paths, self.config.regex_timeout)
        return self._ruleset

    def format(self, text: str) -> str:
        return "".join(self._clean(text, "").part_texts())

    def _clean(self, text: str, doc: str):
        from .clean import clean_text

        return clean_text(text, self.ruleset, self.config, doc)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = self._clean(document.text, str(document.id))
                document.metadata[self.edits_key] = [edit.to_record(str(document.id)) for edit in result.edits]
                document.text = "".join(result.part_texts())
            if result.edits:
                self.stat_update("changed")
            for edit in result.edits:
                self.stat_update(f"edits_{edit.rule}")
            yield document
