"""`manage.py extract_claims PATH [--lang auto|ar|en] [--lines] --json`: a contract for other tools."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent

ARABIC = (
    "أعلنت وزارة النقل يوم الأحد الماضي أن عدد الركاب ارتفع إلى 2.5 مليون راكب في عمان. "
    'وقال الوزير سامر خليل إن "الخط الجديد خفض زمن الرحلة بنسبة 30 في المئة". '
    "ويبدو أن المشروع قد ينجح في المستقبل."
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("extract_claims", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_one_json_object_with_claims_spans_entities_and_quotes(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARABIC, encoding="utf-8")

    out, _ = run(path, "--json")

    data = json.loads(out)
    assert set(data) == {"language", "claims", "entities", "cited_sources"}
    assert data["language"] == "ar"
    claim = data["claims"][0]
    assert set(claim) == {"text", "start", "end", "checkworthy", "score", "kind", "reasons", "entities", "quote"}
    for claim in data["claims"]:
        assert ARABIC[claim["start"]:claim["end"]] == claim["text"]
        for entity in claim["entities"]:
            assert set(entity) == {"text", "label", "start", "end"}
            assert ARABIC[entity["start"]:entity["end"]] == entity["text"]
    # The ministry's announcement is reported speech by a body; the minister is quoted directly.
    speakers = [c["quote"]["speaker"] for c in data["claims"] if c["quote"]]
    assert speakers == ["وزارة النقل", "سامر خليل"]
    assert data["claims"][0]["checkworthy"] is True
    assert data["claims"][-1]["checkworthy"] is False


def test_it_gives_one_claim_per_line_in_order_with_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("Prices rose 5 percent in May. They fell.\nI think it is great\n", encoding="utf-8")

    data = json.loads(run(path, "--lines", "--lang", "en", "--json")[0])

    assert [c["text"] for c in data["claims"]] == ["Prices rose 5 percent in May. They fell.", "I think it is great"]
    assert data["language"] == "en"


def test_it_scores_as_the_workbench_does_unless_told_not_to_embed(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The port handled 1.8 million containers last year, up 12 percent. Many think it is a fine port.",
                    encoding="utf-8")

    embedded = json.loads(run(path, "--json")[0])
    text_only = json.loads(run(path, "--json", "--no-embeddings")[0])

    # The same claims at the same spans; only the scores differ (sentence embeddings by default).
    assert [(c["start"], c["end"]) for c in embedded["claims"]] == [(c["start"], c["end"]) for c in text_only["claims"]]
    assert [c["score"] for c in embedded["claims"]] != [c["score"] for c in text_only["claims"]]
    assert [c["checkworthy"] for c in embedded["claims"]] == [True, False]


def test_it_offsets_into_the_text_after_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe plant employs 400 workers.".encode())

    data = json.loads(run(path, "--json")[0])

    assert data["claims"][0]["start"] == 0
    assert data["claims"][0]["text"] == "The plant employs 400 workers."


def test_it_prints_a_readable_list_without_json(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARABIC, encoding="utf-8")

    out, _ = run(path)

    assert out.startswith("language: ar")
    assert "CHECK" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), (b"\xff\xfe\x00bad \xc3\x28", "not UTF-8"), (b"  \n\t ", "empty")],
)
def test_it_exits_2_with_a_clear_message_on_bad_input(tmp_path, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as info:
        run(path, "--json")

    assert info.value.returncode == 2


def test_it_exits_2_from_the_shell(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "manage.py", "extract_claims", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )

    assert done.returncode == 2
    assert "empty" in done.stderr
    assert done.stdout == ""
