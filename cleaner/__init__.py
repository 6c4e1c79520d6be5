"""cleaner: turn raw scrapes of Chinese speeches and official documents into clean text.

Library entry points: `load_rules`, `clean_text`, `apply_edits` (replay an edit log).
"""
__version__ = "0.1.0"

from .clean import clean_text  # noqa: E402

from .config import CleanConfig
from .editlog import apply_edits  # noqa: E402
from .rules import default_rules_dir, load_rules  # noqa: E402

__all__ = ["CleanConfig", "apply_edits", "clean_text", "default_rules_dir", "load_rules", "__version__"]
