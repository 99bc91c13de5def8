"""Hostile input to the build: random bytes, random text, killed builds, bad output paths.

Whatever arrives, the build answers with a MedkgError (one line per problem, exit 1) and
never damages build/ or the curated files.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import medkg
from medkg.errors import MedkgError

from helpers import edit, run_cli

NEW_CLAIM = """
claim:mini-extra a medkg:Claim ;
    rdf:subject ent:drug-y ; rdf:predicate medkg:treats ; rdf:object ent:pain ;
    medkg:statedIn src:mini ;
    medkg:quote "Drug Y is “better” than Drug X." ;
    medkg:certainty medkg:Possible .
"""


def _outputs(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_in_a_graph_file_give_a_medkg_error(mini, data):
    (mini / "graph/claims/junk.ttl").write_bytes(data)
    try:
        medkg.validate(medkg.Project(root=mini))
    except MedkgError as e:
        assert str(e).strip()
    assert not (mini / "build").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_random_text_after_valid_prefixes_gives_a_medkg_error(mini, text):
    prefixes = (mini / "graph/claims/mini.ttl").read_text(encoding="utf-8").split("claim:mini-treats-pain")[0]
    (mini / "graph/claims/junk.ttl").write_text(prefixes + text, encoding="utf-8")
    try:
        medkg.validate(medkg.Project(root=mini))
    except MedkgError as e:
        assert str(e).strip()


def test_killed_build_leaves_each_output_old_or_new_never_partial(mini, tmp_path):
    medkg.build(medkg.Project(root=mini))
    old = _outputs(mini / "build")
    (mini / "graph/claims/mini.ttl").write_text(
        (mini / "graph/claims/mini.ttl").read_text(encoding="utf-8") + NEW_CLAIM, encoding="utf-8")
    medkg.build(medkg.Project(root=mini, build_dir=tmp_path / "reference"))
    new = _outputs(tmp_path / "reference")
    assert old.keys() == new.keys() and old != new
    for delay in (0.3, 0.8, 1.2, 1.6, 2.0, 2.5, 3.0):
        proc = subprocess.Popen([sys.executable, "-m", "medkg", "build", "--root", str(mini)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _outputs(mini / "build")
        assert now.keys() == old.keys()
        for name, data in now.items():
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new output (delay {delay})"
    done = run_cli("build", "--root", str(mini))
    assert done.returncode == 0
    assert _outputs(mini / "build") == new
    assert not [p for p in (mini / "build").iterdir() if p.name.endswith(".tmp")]


def _a_file(root: Path, *below: str) -> Path:
    (root / "afile").write_text("x")
    return root.joinpath("afile", *below)


def _a_directory_named_like_an_output(root: Path) -> Path:
    (root / "out" / "medkg.ttl").mkdir(parents=True)
    return root / "out"


@pytest.mark.parametrize(
    "make_out, message",
    [
        (lambda root: _a_file(root), "afile: cannot write: is a file, not a directory"),
        (lambda root: _a_file(root, "sub"), "afile: cannot write: is a file, not a directory"),
        (_a_directory_named_like_an_output, "medkg.ttl: cannot write: is a directory"),
        (lambda root: Path("/proc/medkg-out"), "/proc/medkg-out/medkg.ttl: cannot write:"),
    ],
)
def test_bad_output_path_is_one_clear_line_and_leaves_nothing(mini, make_out, message):
    out = make_out(mini)
    done = run_cli("build", "--root", str(mini), "--out", str(out))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and message in done.stderr
    leftovers = [p for p in mini.rglob("*.tmp")]
    assert not leftovers


def test_output_directory_that_does_not_exist_is_created(mini):
    out = mini / "new" / "nested"
    assert run_cli("build", "--root", str(mini), "--out", str(out)).returncode == 0
    assert {"medkg.trig", "medkg.ttl"} <= {p.name for p in out.iterdir()}


def test_unreadable_graph_file_is_named(mini):
    if os.geteuid() == 0:
        # root reads any file: simulate an unreadable file with a directory in its place
        (mini / "graph/claims/broken.ttl").mkdir()
    else:
        path = mini / "graph/claims/broken.ttl"
        path.write_text("")
        path.chmod(0)
    done = run_cli("validate", "--root", str(mini))
    assert done.returncode == 1 and "broken.ttl: cannot read" in done.stderr


def test_invalid_utf8_is_named_with_its_line(mini):
    path = mini / "graph/claims/mini.ttl"
    path.write_bytes(path.read_bytes().replace(b"may help", b"may \xff help", 1))
    done = run_cli("validate", "--root", str(mini))
    assert done.returncode == 1 and f"{path}:12: not valid UTF-8" in done.stderr


def test_missing_project_directories_are_named(tmp_path):
    done = run_cli("build", "--root", str(tmp_path))
    assert done.returncode == 1 and "ontology: directory not found" in done.stderr


def test_prefix_typo_is_named_with_line(mini):
    edit(mini, "graph/claims/mini.ttl", "rdf:subject ent:drug-x ; rdf:predicate medkg:treats",
         "rdf:subject ent:drug-x ; rdf:predicate medgk:treats")
    done = run_cli("validate", "--root", str(mini))
    assert done.returncode == 1 and "mini.ttl" in done.stderr and "Traceback" not in done.stderr
