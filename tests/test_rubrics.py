"""Rubrics as files: the CSVs, their checks, the tables the book makes from them, the LMS export."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from syrialev.tools import rubrics

ROOT = Path(__file__).resolve().parents[1]
HEADER = "criterion,weight,Excellent (4),Good (3),Developing (2),Insufficient (1)\n"


def write(tmp_path, text, name="r.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", rubrics.RUBRICS)
def test_book_rubrics_load_with_weights_summing_to_100(name):
    rubric = rubrics.load(ROOT / "coursework" / "rubrics" / f"{name}.csv")
    assert rubric.total == 100
    assert [lvl for lvl, _ in rubric.levels] == ["Excellent", "Good", "Developing", "Insufficient"]
    assert all(len(c.descriptors) == 4 for c in rubric.criteria)


def test_memo_rubric_keeps_the_criteria_of_the_assignment():
    rubric = rubrics.load(ROOT / "coursework" / "rubrics" / "memo.csv")
    assert [c.name for c in rubric.criteria] == ["Recommendation", "Use of a model", "Evidence",
                                                 "Counterargument", "Falsifiability", "Writing"]


def test_points_scale_with_level_score(tmp_path):
    rubric = rubrics.load(write(tmp_path, HEADER + "A,20,a4,a3,a2,a1\nB,10,b4,b3,b2,b1\n"))
    assert rubric.points("A", "Good") == 15
    assert rubric.points("B", "Insufficient") == 2.5
    assert rubric.score({"A": "Excellent", "B": "Developing"}) == 25
    with pytest.raises(KeyError, match="no level given for B"):
        rubric.score({"A": "Good"})


def test_row_without_weight_names_file_and_line(tmp_path):
    path = write(tmp_path, HEADER + "A,20,a4,a3,a2,a1\nB,,b4,b3,b2,b1\n")
    with pytest.raises(rubrics.RubricError, match=r"r\.csv, line 3: criterion 'B' has no weight"):
        rubrics.load(path)


@pytest.mark.parametrize("body, message", [
    ("A,many,a4,a3,a2,a1\n", r"line 2: criterion 'A' has weight 'many'"),
    ("A,-5,a4,a3,a2,a1\n", r"line 2: criterion 'A' has weight '-5'"),
    ("A,20,a4,,a2,a1\n", r"line 2: criterion 'A' has no descriptor for level 'Good'"),
    ("A,20,a4,a3,a2\n", r"line 2: 5 fields, the header has 6"),
    ("A,20,a4,a3,a2,a1\nA,5,a4,a3,a2,a1\n", r"line 3: criterion 'A' appears twice"),
    (",20,a4,a3,a2,a1\n", r"line 2: the criterion has no name"),
    ("", r"no criterion after the header"),
])
def test_malformed_rows_are_clear_errors(tmp_path, body, message):
    with pytest.raises(rubrics.RubricError, match=message):
        rubrics.load(write(tmp_path, HEADER + body))


@pytest.mark.parametrize("header, message", [
    ("criterion,points,A (2),B (1)\n", "line 1: the header must be 'criterion,weight'"),
    ("criterion,weight,Excellent,Good (1)\n", "line 1: level column 'Excellent' has no score"),
    ("criterion,weight,A (1),B (2)\n", "line 1: level scores must fall"),
])
def test_malformed_headers_are_clear_errors(tmp_path, header, message):
    with pytest.raises(rubrics.RubricError, match=message):
        rubrics.load(write(tmp_path, header + "X,1,x,y\n"))


def test_table_rows_show_weights_and_points(tmp_path):
    rubric = rubrics.load(write(tmp_path, HEADER + "A,20,a4,a3,a2,a1\n"))
    header, rows = rubrics.table_rows(rubric)
    assert header == ["Criterion (points)", "Excellent (4)", "Good (3)", "Developing (2)", "Insufficient (1)"]
    assert rows == [["A (20)", "a4 [20]", "a3 [15]", "a2 [10]", "a1 [5]"]]


def test_lms_export_has_one_row_per_criterion_and_level(tmp_path):
    out = tmp_path / "lms"
    subprocess.run([sys.executable, "-m", "syrialev.tools.rubrics", "--root", str(ROOT), "--out", str(out)],
                   check=True, capture_output=True)
    for name in rubrics.RUBRICS:
        rubric = rubrics.load(ROOT / "coursework" / "rubrics" / f"{name}.csv")
        with (out / f"{name}-rubric.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == 4 * len(rubric.criteria)
        first = rows[0]
        crit = rubric.criteria[0]
        assert first["criterion"] == crit.name and float(first["criterion_points"]) == crit.weight
        assert first["level"] == "Excellent" and float(first["level_points"]) == crit.weight
        assert first["descriptor"] == crit.descriptors[0]
        # the criteria's top points add up to the rubric's total
        assert sum(float(r["level_points"]) for r in rows if r["level"] == "Excellent") == rubric.total


def _mini_book(tmp_path, csv_text):
    """A one-page Sphinx project using the rubric directive (the book's own extension)."""
    src = tmp_path / "src"
    (src / "rubrics").mkdir(parents=True)
    (src / "rubrics" / "memo.csv").write_text(csv_text, encoding="utf-8")
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\nextensions = ['myst_parser', 'rubric_table']\n",
        encoding="utf-8")
    (src / "index.md").write_text("# Memo\n\n```{rubric-table} rubrics/memo.csv\n```\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")],
                          capture_output=True, text=True)
    return proc, tmp_path / "out" / "index.html"


def test_directive_renders_the_table_with_points(tmp_path):
    proc, page = _mini_book(tmp_path, HEADER + "Recommendation,20,Clear,Fair,Vague,None\n")
    assert proc.returncode == 0, proc.stderr
    from bs4 import BeautifulSoup

    table = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("table.rubric-table")
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    assert cells == ["Recommendation (20)", "Clear [20]", "Fair [15]", "Vague [10]", "None [5]"]
    assert "Total 20 points" in page.read_text(encoding="utf-8")


def test_directive_reports_bad_row_with_file_and_line(tmp_path):
    proc, _ = _mini_book(tmp_path, HEADER + "Recommendation,,Clear,Fair,Vague,None\n")
    assert "memo.csv, line 2: criterion 'Recommendation' has no weight" in proc.stderr
    assert "index.md:3" in proc.stderr


def test_built_assessment_page_shows_both_rubrics_from_their_files(html_dir):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((html_dir / "coursework" / "assessment.html").read_text(encoding="utf-8"),
                         "html.parser")
    tables = soup.select("table.rubric-table")
    assert len(tables) == 2
    for table, name in zip(tables, rubrics.RUBRICS):
        rubric = rubrics.load(ROOT / "coursework" / "rubrics" / f"{name}.csv")
        firsts = [tr.select_one("td").get_text(strip=True) for tr in table.select("tbody tr")]
        assert firsts == [f"{c.name} ({c.weight:g})" for c in rubric.criteria]
