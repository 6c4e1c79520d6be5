"""--engine ray on a real local Ray (2 CPUs): results identical to the local engine.

Skipped where Ray is not installed, unless CLEANER_REQUIRE_RAY=1 (set by .ci/run, which installs
the `ray` extra): there a missing Ray is a failure.
"""
import os

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import CORPUS

try:
    import ray
except ImportError:
    if os.environ.get("CLEANER_REQUIRE_RAY") == "1":
        raise
    pytest.skip("Ray is not installed (pip install 'cleaner[ray]')", allow_module_level=True)

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _same_tree(a, b):
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from benchmarks.generate import write

    folder = tmp_path_factory.mktemp("generated")
    write(folder, seed=5, docs=60, per_doc=6)
    return folder


@pytest.mark.parametrize("source", ["corpus", "generated"])
def test_clean_on_ray_equals_the_local_engine(source, generated, tmp_path):
    inputs = CORPUS if source == "corpus" else generated
    for engine in ("local", "ray"):
        result = runner.invoke(app, ["clean", str(inputs), "--out", str(tmp_path / engine), "--engine", engine])
        assert result.exit_code == 0, result.output
    _same_tree(tmp_path / "local", tmp_path / "ray")


@pytest.mark.parametrize("source,unit", [("corpus", "sentence"), ("generated", "paragraph")])
def test_dedup_on_ray_equals_the_local_engine(source, unit, generated, tmp_path):
    inputs = CORPUS if source == "corpus" else generated
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        result = runner.invoke(app, ["dedup", str(inputs), "--unit", unit, "--out", str(out), "--engine", engine,
                                     "--drop", str(tmp_path / f"{engine}-drop")])
        assert result.exit_code == 0, result.output
        outputs[engine] = out.read_bytes()
    assert outputs["local"] == outputs["ray"] and outputs["local"].count(b'"type": "cluster"') >= 2
    _same_tree(tmp_path / "local-drop", tmp_path / "ray-drop")


def test_components_merged_through_a_deep_tree_of_forests_equal_the_local_engine(generated, tmp_path, monkeypatch):
    from cleaner import ray_engine

    # Two pairs per task and two forests per merge: many forests, several levels of merging.
    monkeypatch.setattr(ray_engine, "PAIRS_PER_TASK", 2)
    monkeypatch.setattr(ray_engine, "FOREST_FAN_IN", 2)
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        result = runner.invoke(app, ["dedup", str(generated), "--out", str(out), "--engine", engine])
        assert result.exit_code == 0, result.output
        outputs[engine] = out.read_bytes()
    assert outputs["local"] == outputs["ray"] and outputs["local"].count(b'"type": "cluster"') >= 10


def test_run_on_ray_equals_the_local_engine(tmp_path):
    for engine in ("local", "ray"):
        result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / engine), "--unit", "sentence",
                                     "--drop", str(tmp_path / engine / "deduped"), "--engine", engine])
        assert result.exit_code == 0, result.output
    _same_tree(tmp_path / "local" / "cleaned", tmp_path / "ray" / "cleaned")
    clusters = [(tmp_path / e / "clusters.jsonl").read_text(encoding="utf-8").replace(str(tmp_path / e), "OUT") for e in ("local", "ray")]
    assert clusters[0] == clusters[1] and '"type": "quote"' in clusters[0]
    for name in ("deduped/000_de9f494fa85245bc.txt", "deduped/004_adaabb19d8d79920.txt"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "ray" / name).read_bytes()


class _Tag:
    def __init__(self, value):
        self.value = value


def _tag_of(state, item):
    return state.value


def test_a_later_state_never_runs_with_an_earlier_ones_copy():
    from cleaner.ray_engine import RayEngine

    engine = RayEngine(jobs=2)
    first = _Tag("clean")
    ident = id(first)
    assert list(engine.ordered_map(_tag_of, [0, 1], first)) == ["clean", "clean"]
    del first
    # a state made where the freed one was has its id: it must still be sent as itself
    candidates = [_Tag("dedup") for _ in range(2000)]
    later = next((tag for tag in candidates if id(tag) == ident), candidates[0])
    assert list(engine.ordered_map(_tag_of, [0, 1], later)) == ["dedup", "dedup"]
