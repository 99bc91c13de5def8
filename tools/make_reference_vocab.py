#!/usr/bin/env python3
"""Write medkg's reference vocabularies (src/medkg/data/) from the public source tables.

Usage::

    python tools/make_reference_vocab.py [SOURCE_DIR]     # default: ../shared/vocab

SOURCE_DIR holds the CC0 tables described in its README: Hetionet v1.0's node table
(``hetionet-v1.0-nodes.tsv``) and three tables of the Human Disease Ontology
(``doid-HumanDO.tsv``, ``doid-allXREFinDO.tsv``, ``doid-disease-symptom.tsv``). The
repository does not hold copies of them: this script keeps only what medkg grounds
mentions in and records as ``medkg:xref``, and writes it deterministically (sorted rows,
LF line ends, no dates from the clock), so running it again on the same sources gives
byte-identical files. It also writes ``src/medkg/data/README.md`` (sources, licence,
what was kept, the SHA-256 of every source).

Written files (tab-separated, UTF-8, one header line):

``hetionet-nodes.tsv``   ``id  name  kind``: the Hetionet nodes of the kinds medkg grounds
                         (Compound, Disease, Side Effect, Symptom, Pharmacologic Class,
                         Anatomy), as in the source (``Compound::DB00321``).
``doid-diseases.tsv``    ``id  label  xrefs``: every DOID with its label and its MeSH, UMLS,
                         ICD-10-CM and SNOMED CT cross-references, space-separated, written
                         as the graph writes them (``MESH:D005901 UMLS:C0017601``).
``doid-symptoms.tsv``    ``id  label``: the symptoms (SYMP ids) the Disease Ontology links
                         diseases to.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "medkg" / "data"
DEFAULT_SOURCE = ROOT.parent / "shared" / "vocab"

HETIONET = "hetionet-v1.0-nodes.tsv"
DOID_LABELS = "doid-HumanDO.tsv"
DOID_XREFS = "doid-allXREFinDO.tsv"
DOID_SYMPTOMS = "doid-disease-symptom.tsv"

#: Hetionet node kinds medkg grounds (see medkg.ingest.lexicon.HETIONET_KINDS); genes,
#: pathways, biological processes, cellular components and molecular functions are left out.
KINDS = ("Anatomy", "Compound", "Disease", "Pharmacologic Class", "Side Effect", "Symptom")
#: Disease Ontology xref prefixes kept (those graph/entities.ttl uses), and the prefix the
#: graph writes them with; SNOMED CT's carry the edition (``SNOMEDCT_US_2025_09_01``).
XREF_PREFIXES = {"MESH": "MESH", "UMLS_CUI": "UMLS", "ICD10CM": "ICD10CM", "SNOMEDCT": "SNOMEDCT"}


def _xref_prefix(prefix: str) -> str | None:
    if prefix.startswith("SNOMEDCT_"):
        prefix = "SNOMEDCT"
    return XREF_PREFIXES.get(prefix)

_ID = re.compile(r"^[A-Za-z_ ]+::[A-Za-z0-9_:.\-]+$|^(DOID|SYMP):\d+$")


def _rows(path: Path):
    """The rows of a source TSV as dicts (quotes and surrounding spaces removed)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.strip().strip('"') for h in next(reader)]
        for n, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise SystemExit(f"{path}:{n}: {len(cells)} cells, expected {len(header)}")
            yield {h: c.strip().strip('"').strip() for h, c in zip(header, cells)}


def _clean(value: str, where: str) -> str:
    if not value or any(ch in value for ch in "\t\r\n"):
        raise SystemExit(f"{where}: empty value or a tab or line break in {value!r}")
    return value


def _id_key(ident: str) -> tuple:
    """Sort key: prefix, then the number (``DOID:9`` before ``DOID:10``)."""
    prefix, _, local = ident.rpartition(":")
    return (prefix, int(local)) if local.isdigit() else (prefix, 0, local)


def hetionet_rows(source: Path) -> list[tuple[str, str, str]]:
    out = {}
    for row in _rows(source / HETIONET):
        if row["kind"] not in KINDS:
            continue
        ident = _clean(row["id"], HETIONET)
        if not _ID.match(ident) or not ident.startswith(row["kind"] + "::"):
            raise SystemExit(f"{HETIONET}: unexpected id {ident!r} for kind {row['kind']!r}")
        if ident in out:
            raise SystemExit(f"{HETIONET}: {ident} twice")
        out[ident] = (ident, _clean(row["name"], HETIONET), row["kind"])
    return [out[k] for k in sorted(out, key=lambda i: (i.split("::", 1)[0], _id_key(i.split("::", 1)[1])))]


def doid_rows(source: Path) -> tuple[list[tuple[str, str, str]], int]:
    labels: dict[str, str] = {}
    for row in _rows(source / DOID_LABELS):
        ident = _clean(row["id"], DOID_LABELS)
        if not _ID.match(ident) or not ident.startswith("DOID:"):
            raise SystemExit(f"{DOID_LABELS}: unexpected id {ident!r}")
        label = _clean(row["label"], DOID_LABELS)
        if labels.setdefault(ident, label) != label:
            raise SystemExit(f"{DOID_LABELS}: {ident} has two labels")
    xrefs: dict[str, set[str]] = {}
    dropped = 0
    for row in _rows(source / DOID_XREFS):
        prefix, _, local = row["xref"].partition(":")
        prefix = _xref_prefix(prefix)
        if prefix is None:
            continue
        if row["id"] not in labels:  # an xref of a term without a label in this release
            dropped += 1
            continue
        curie = _clean(f"{prefix}:{local.strip()}", DOID_XREFS)
        if " " in curie or not local.strip():
            raise SystemExit(f"{DOID_XREFS}: unexpected xref {row['xref']!r}")
        xrefs.setdefault(row["id"], set()).add(curie)
    rows = [(i, labels[i], " ".join(sorted(xrefs.get(i, ())))) for i in sorted(labels, key=_id_key)]
    return rows, dropped


def symptom_rows(source: Path) -> list[tuple[str, str]]:
    labels: dict[str, str] = {}
    for row in _rows(source / DOID_SYMPTOMS):
        ident = _clean(row["symptom_id"], DOID_SYMPTOMS)
        if not _ID.match(ident) or not ident.startswith("SYMP:"):
            raise SystemExit(f"{DOID_SYMPTOMS}: unexpected id {ident!r}")
        label = _clean(row["symptom_label"], DOID_SYMPTOMS)
        if labels.setdefault(ident, label) != label:
            raise SystemExit(f"{DOID_SYMPTOMS}: {ident} has two labels")
    return [(i, labels[i]) for i in sorted(labels, key=_id_key)]


def _tsv(header: tuple[str, ...], rows) -> bytes:
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


README = """\
# Reference vocabularies shipped with medkg

Look-up tables that `medkg ingest` uses by default to ground mentions the graph does not
know yet: a drafted entity brings its standard identifiers as `medkg:xref`
(`drugbank:DB00476`, `DOID:1686`, `MESH:D005901`, `UMLS:C0043352`, …). The tests check
that every `medkg:xref` of `graph/entities.ttl` is in them. `medkg ingest --no-vocab`
turns them off; `--vocab FILE` adds another table in one of these formats (or a full
Hetionet node table or Disease Ontology label table).

**These files are generated; do not edit them.** They are a compact subset of public
tables, written by `tools/make_reference_vocab.py` (sorted rows, LF line ends, no dates from
the clock: the same sources give byte-identical files).

## Sources and licence

| source | release | licence |
|---|---|---|
| Hetionet node table (`hetionet-v1.0-nodes.tsv`), github.com/hetio/hetionet | v1.0 | CC0 1.0 |
| Human Disease Ontology (`doid-HumanDO.tsv`, `doid-allXREFinDO.tsv`, `doid-disease-symptom.tsv`), github.com/DiseaseOntology/HumanDiseaseOntology | 2026-08 | CC0 1.0 |

Both sources are dedicated to the public domain under CC0 1.0 Universal
(https://creativecommons.org/publicdomain/zero/1.0/), and so are these derived tables.
Hetionet: Himmelstein et al., *Systematic integration of biomedical knowledge prioritizes
drugs for repurposing*, eLife 2017 (doi:10.7554/eLife.26726); its Compound ids are DrugBank's,
Side Effect ids UMLS CUIs (from SIDER), Symptom ids MeSH, Anatomy ids UBERON, Pharmacologic
Class ids NDF-RT. Disease Ontology: Schriml et al., *The Human Disease Ontology 2022 update*,
Nucleic Acids Research 2022 (doi:10.1093/nar/gkab1063).

## What was kept

| file | rows | bytes | columns | from |
|---|---:|---:|---|---|
{files}

- `hetionet-nodes.tsv`: the Hetionet nodes of the kinds medkg grounds, ids as in the source
  (`Compound::DB00321`); genes, pathways, biological processes, cellular components and
  molecular functions are left out. Rows per kind:
  {per_kind}.
- `doid-diseases.tsv`: every DOID of the release with its label (parent terms left out) and
  its MeSH, UMLS, ICD-10-CM and SNOMED CT cross-references (the prefixes the graph uses),
  space-separated and written as the graph writes them (`UMLS_CUI:C0017601` becomes
  `UMLS:C0017601`, `SNOMEDCT_US_2025_09_01:155120009` becomes `SNOMEDCT:155120009`). Other
  xref prefixes (ICD-9-CM, NCI, OMIM, GARD, ORDO, EFO, …) are left out.{dropped}
- `doid-symptoms.tsv`: the symptoms (SYMP ids and labels) the Disease Ontology links diseases
  to; the disease-to-symptom links themselves are left out.
- No synonyms: the sources have none, and none were added.

## Regenerating

```sh
python tools/make_reference_vocab.py ../shared/vocab    # the folder holding the source tables
```

SHA-256 of the sources these files were made from:

{sources}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE),
                        help=f"folder holding the source tables (default: {DEFAULT_SOURCE})")
    parser.add_argument("--out", default=str(OUT), help=f"output folder (default: {OUT})")
    args = parser.parse_args(argv)
    source, out = Path(args.source), Path(args.out)
    missing = [n for n in (HETIONET, DOID_LABELS, DOID_XREFS, DOID_SYMPTOMS) if not (source / n).is_file()]
    if missing:
        raise SystemExit(f"{source}: missing {', '.join(missing)}")

    hetionet = hetionet_rows(source)
    diseases, dropped = doid_rows(source)
    symptoms = symptom_rows(source)
    outputs = {
        "hetionet-nodes.tsv": (_tsv(("id", "name", "kind"), hetionet), len(hetionet), "`id` `name` `kind`", HETIONET),
        "doid-diseases.tsv": (_tsv(("id", "label", "xrefs"), diseases), len(diseases), "`id` `label` `xrefs`",
                              f"{DOID_LABELS}, {DOID_XREFS}"),
        "doid-symptoms.tsv": (_tsv(("id", "label"), symptoms), len(symptoms), "`id` `label`", DOID_SYMPTOMS),
    }
    per_kind = {k: sum(1 for r in hetionet if r[2] == k) for k in KINDS}
    files = "\n".join(f"| `{name}` | {n:,} | {len(data):,} | {cols} | {src} |"
                      for name, (data, n, cols, src) in outputs.items())
    sources = "\n".join(f"- `{n}`: `{_sha256((source / n).read_bytes())}`"
                        for n in (HETIONET, DOID_LABELS, DOID_XREFS, DOID_SYMPTOMS))
    readme = README.format(
        files=files, per_kind=", ".join(f"{k} {n:,}" for k, n in per_kind.items()),
        dropped=(f"\n  The {dropped} xrefs of DOIDs without a label in this release were dropped." if dropped else ""),
        sources=sources)
    out.mkdir(parents=True, exist_ok=True)
    for name, (data, *_) in outputs.items():
        (out / name).write_bytes(data)
    (out / "README.md").write_bytes(readme.encode("utf-8"))
    for name, (data, n, *_) in outputs.items():
        print(f"{out / name}: {n:,} rows, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
