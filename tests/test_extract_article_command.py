"""`manage.py extract_article PATH [PATH ...] [--url URL] --json`: the intake as a contract for other tools."""

import gzip
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.fakes.pages import ARABIC_ARTICLE, ARABIC_ARTICLE_CP1256, ENGLISH_ARTICLE, NO_ARTICLE

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("extract_article", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_it_prints_one_json_object_per_page(tmp_path):
    english = tmp_path / "en.html"
    english.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    arabic = tmp_path / "ar.html.gz"
    arabic.write_bytes(gzip.compress(ARABIC_ARTICLE.encode("utf-8")))

    out, err = run(english, arabic, "--json")

    first, second = lines(out)
    assert set(first) == {"path", "title", "authors", "published", "language", "text"}
    assert first["path"] == str(english)
    assert first["title"] == "City opens two bus lines as ridership climbs"
    assert first["authors"] == ["Maya Ortega"]
    assert first["published"] == "2024-05-14T09:30:00+02:00"
    assert first["language"] == "en"
    assert "18 percent" in first["text"]
    assert second["path"] == str(arabic)
    assert second["language"] == "ar"
    assert second["published"] == "2024-03-02T08:15:00+03:00"
    assert err == ""


def test_it_keeps_arabic_unescaped(tmp_path):
    page = tmp_path / "ar.html"
    page.write_bytes(ARABIC_ARTICLE_CP1256)

    out, _ = run(page, "--json")

    assert "وزارة الصحة" in out
    assert "\\u0648" not in out


def test_it_prints_null_when_there_is_no_date(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(ENGLISH_ARTICLE.replace("2024-05-14T09:30:00+02:00", ""), encoding="utf-8")

    (result,) = lines(run(page, "--json")[0])

    assert result["published"] is None


def test_it_passes_the_url_on_for_dates(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(ENGLISH_ARTICLE.replace("2024-05-14T09:30:00+02:00", ""), encoding="utf-8")

    (result,) = lines(run(page, "--url", "https://courier.example.org/2023/11/02/buses", "--json")[0])

    assert result["published"].startswith("2023-11-02")


def test_it_reports_a_missing_file_after_printing_the_good_ones(tmp_path):
    good = tmp_path / "en.html"
    good.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.html"
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("extract_article", str(good), str(missing), "--json", stdout=out, stderr=err)

    assert caught.value.returncode == 2
    assert len(lines(out.getvalue())) == 1
    assert "missing.html" in err.getvalue() and "cannot read" in err.getvalue()


def test_it_reports_a_corrupt_gzip_as_unreadable(tmp_path):
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")

    with pytest.raises(CommandError) as caught:
        run(broken, "--json")
    assert caught.value.returncode == 2


def test_it_reports_a_page_without_article_with_status_1(tmp_path):
    page = tmp_path / "video.html"
    page.write_text(NO_ARTICLE, encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("extract_article", str(page), "--json", stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert "No article text" in err.getvalue()


def test_it_prints_a_readable_summary_without_json(tmp_path):
    page = tmp_path / "en.html"
    page.write_text(ENGLISH_ARTICLE, encoding="utf-8")

    out, _ = run(page)

    assert "City opens two bus lines" in out and "Maya Ortega" in out


def test_it_exits_2_from_the_shell_for_a_missing_file(tmp_path):
    good = tmp_path / "en.html"
    good.write_text(ENGLISH_ARTICLE, encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "manage.py", "extract_article", str(good), str(tmp_path / "nope.html"), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert json.loads(done.stdout.splitlines()[0])["title"] == "City opens two bus lines as ridership climbs"
    assert "nope.html" in done.stderr
