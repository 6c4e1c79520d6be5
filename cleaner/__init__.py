"""cleaner: turn raw scrapes of Chinese speeches and official documents into clean text.

Library entry points: `clean_text` (with the default rules unless given others), `load_rules`,
`read_document` (a file's text exactly as cleaner reads it), `apply_edits` (replay an edit log).
They are imported when first used, so that `import cleaner` (and `cleaner --help`) stays quick.
"""
__version__ = "0.1.0"

_ENTRY_POINTS = {"clean_text": "clean", "CleanConfig": "config", "apply_edits": "editlog", "default_rules_dir": "rules",
                 "load_rules": "rules", "read_document": "io"}

__all__ = [*_ENTRY_POINTS, "__version__"]


def __getattr__(name: str):
    if name in _ENTRY_POINTS:
        import importlib

        return getattr(importlib.import_module(f".{_ENTRY_POINTS[name]}", __name__), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
