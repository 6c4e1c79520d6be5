"""The peers of the clean-speed benchmark really clean: datatrove's C4 line filter drops its lines
and keeps the rest, record for record. Skipped where datatrove is not installed, unless
CLEANER_REQUIRE_DATATROVE=1 (set by .ci/run)."""
import json
import os

import pytest

from benchmarks import peer_clean

if peer_clean.available("c4"):
    if os.environ.get("CLEANER_REQUIRE_DATATROVE") == "1":
        raise ImportError(peer_clean.available("c4"))
    pytest.skip("datatrove is not installed (pip install 'cleaner[datatrove]')", allow_module_level=True)


def test_the_c4_peer_drops_its_lines_and_writes_every_record(tmp_path):
    texts = ["会议强调，要把学习贯彻落到实处。\nPlease enable JavaScript to view this page\n同志们：", "各位代表：\n现在我作报告。"]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": n, "source": "s", "text": t}, ensure_ascii=False) + "\n"
                              for n, t in enumerate(texts)), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    records, chars_in, chars_out = peer_clean.run("c4", source, target)
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert records == 2 and [r["id"] for r in out] == [0, 1] and out[0]["source"] == "s"
    assert out[0]["text"] == "会议强调，要把学习贯彻落到实处。\n同志们：" and out[1]["text"] == texts[1]
    assert chars_in == sum(map(len, texts)) and chars_out == sum(len(r["text"]) for r in out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no partial file left
