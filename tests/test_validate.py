"""Each kind of bad input is named — file and line, or the claim — and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

import medkg
from medkg.errors import InputError, ValidationError

from helpers import edit, run_cli

CLAIMS = Path("graph/claims/mini.ttl")


def findings(root: Path) -> str:
    with pytest.raises(ValidationError) as e:
        medkg.validate(medkg.Project(root=root))
    return str(e.value)


def test_the_fixture_itself_is_valid(mini):
    assert medkg.validate(medkg.Project(root=mini)).stats["claims"] == 5


def test_malformed_turtle_names_file_and_line(mini):
    edit(mini, CLAIMS, 'medkg:hedge "may help" .', 'medkg:hedge "may help .')
    with pytest.raises(InputError) as e:
        medkg.validate(medkg.Project(root=mini))
    assert str(e.value).startswith(f"{mini / CLAIMS}:13: Turtle syntax error")
    assert "\n" not in str(e.value)


def test_malformed_ontology_is_named_too(mini):
    edit(mini, "ontology/medkg.ttl", "medkg:Drug a owl:Class ;", "medkg:Drug a owl:Class ;;;; ,")
    with pytest.raises(InputError, match=r"ontology/medkg\.ttl:\d+: Turtle syntax error"):
        medkg.validate(medkg.Project(root=mini))


def test_cli_prints_one_line_and_exits_nonzero_without_traceback(mini):
    edit(mini, CLAIMS, 'medkg:hedge "may help" .', 'medkg:hedge "may help .')
    done = run_cli("build", "--root", str(mini))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{mini / CLAIMS}:13:" in done.stderr
    assert not (mini / "build").exists()


def test_term_missing_from_the_ontology_is_named_with_its_file(mini):
    edit(mini, CLAIMS, "rdf:predicate medkg:contraindicatedIn", "rdf:predicate medkg:contraindicatdIn")
    report = findings(mini)
    assert f"{mini / CLAIMS}:" in report
    assert "medkg:contraindicatdIn: term is not defined in the ontology" in report


def test_class_typo_is_named(mini):
    edit(mini, "graph/entities.ttl", "ent:pain a medkg:Symptom", "ent:pain a medkg:Symtom")
    assert "medkg:Symtom: term is not defined in the ontology" in findings(mini)


def test_entity_used_but_never_described_is_named(mini):
    edit(mini, CLAIMS, "rdf:object ent:glaucoma", "rdf:object ent:glaucomma")
    assert "ent:glaucomma: is used but never described" in findings(mini)


def test_quote_not_in_source_names_the_claim_and_source(mini):
    edit(mini, CLAIMS, '"Drug X is not for people with glaucoma."', '"Drug X is never for people with glaucoma."')
    report = findings(mini)
    assert "claim:mini-contra-glaucoma: quote not found in the source text (src:mini)" in report


def test_typographic_difference_is_reported_as_such(mini):
    edit(mini, CLAIMS, "Drug Y is “better” than Drug X.", 'Drug Y is \\"better\\" than Drug X.')
    assert "claim:mini-better-tolerated: quote not found verbatim; it differs from the source only in typography" in findings(mini)


def test_changed_source_file_is_caught_by_its_hash(mini):
    path = mini / "graph/sources/mini.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("may help", "may cure"), encoding="utf-8")
    report = findings(mini)
    assert "sources/mini.txt: https://w3id.org/medkg/source/mini: source file changed since curation" in report
    assert "quote not found" not in report  # the changed text is reported once, not per claim


def test_missing_source_file_is_named(mini):
    (mini / "graph/sources/mini.txt").unlink()
    assert "sources/mini.txt: https://w3id.org/medkg/source/mini: source file is missing" in findings(mini)


def test_one_identifier_on_two_entities_is_a_conflict(mini):
    edit(mini, "graph/entities.ttl", 'ent:pain a medkg:Symptom ; rdfs:label "pain"@en .',
         'ent:pain a medkg:Symptom ; rdfs:label "pain"@en ; medkg:xref "DOID:1686" .')
    assert "DOID:1686: identifier is given to 2 entities (ent:glaucoma, ent:pain)" in findings(mini)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('medkg:xref "DOID:1686"', 'medkg:xref "DOID:glaucoma"', "an xref is a CURIE of a known vocabulary"),
        ('medkg:xref "DOID:1686"', 'medkg:xref "drugbank:DB321"', "an xref is a CURIE of a known vocabulary"),
        ('medkg:year "2020"^^xsd:gYear ;', 'medkg:pmid "PMID:123" ;', "a PMID is digits only"),
        ('medkg:year "2020"^^xsd:gYear ;', 'medkg:doi "doi.org/10.1/x" ;', "a DOI starts with '10.'"),
    ],
)
def test_malformed_identifiers_are_named_by_shacl(mini, old, new, message):
    edit(mini, "graph/entities.ttl", old, new)
    assert message in findings(mini)


def test_claim_without_quote_or_with_two_objects_breaks_the_shapes(mini):
    edit(mini, CLAIMS, '    medkg:quote "Drug X may help with pain." ;\n', "")
    edit(mini, CLAIMS, "rdf:object ent:glaucoma ;", "rdf:object ent:glaucoma, ent:pain ;")
    report = findings(mini)
    assert "claim:mini-treats-pain: medkg:quote: a claim has exactly one quote" in report
    assert "claim:mini-contra-glaucoma: rdf:object: a claim has exactly one rdf:object" in report


def test_entity_without_label_breaks_the_shapes(mini):
    edit(mini, "graph/entities.ttl", 'ent:drug-y a medkg:Drug ; rdfs:label "Drug Y"@en .', "ent:drug-y a medkg:Drug .")
    assert "ent:drug-y: rdfs:label: an entity has a label" in findings(mini)


def test_all_problems_are_reported_together(mini):
    edit(mini, CLAIMS, "rdf:object ent:glaucoma", "rdf:object ent:glaucomma")
    edit(mini, CLAIMS, '"Drug X may help with pain."', '"Drug X may heal pain."')
    report = findings(mini)
    assert report.startswith("validation failed with ") and "glaucomma" in report and "mini-treats-pain" in report
