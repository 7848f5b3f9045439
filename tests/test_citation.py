"""CITATION.cff is valid Citation File Format 1.2.0 and says what the sources page's citation says."""

# cffconvert, the format's own validator, needs jsonschema < 4, which frictionless and altair cannot use, so
# the file is checked against the part of the CFF 1.2.0 schema that it uses (written out below from the
# format's specification: required keys, the allowed top-level keys, persons and entities, types).

from __future__ import annotations

import copy
import tomllib

import jsonschema
import pytest
import yaml

from geo.paths import CITATION_CFF, PYPROJECT
from tests.apptest import run

TOP_LEVEL = (
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
    "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
    "repository-artifact", "repository-code", "title", "type", "url", "version",
)  # fmt: skip
TEXT = {"type": "string", "minLength": 1}
CFF_1_2_0 = {
    "$schema": "http://json-schema.org/draft-07/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["authors", "cff-version", "message", "title"],
    "properties": {
        **{key: {} for key in TOP_LEVEL},
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": TEXT,
        "title": TEXT,
        "abstract": TEXT,
        "type": {"enum": ["dataset", "software"]},
        "version": {"anyOf": [TEXT, {"type": "number"}]},
        "date-released": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "keywords": {"type": "array", "items": TEXT, "minItems": 1, "uniqueItems": True},
        "license": {
            "anyOf": [
                {"$ref": "#/definitions/spdx"},
                {"type": "array", "items": {"$ref": "#/definitions/spdx"}, "minItems": 1},
            ]
        },
        "authors": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"anyOf": [{"$ref": "#/definitions/person"}, {"$ref": "#/definitions/entity"}]},
        },
    },
    "definitions": {
        "spdx": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9.+-]*$"},
        "entity": {"type": "object", "required": ["name"], "properties": {"name": TEXT}},
        "person": {
            "type": "object",
            "anyOf": [{"required": ["family-names"]}, {"required": ["given-names"]}, {"required": ["name"]}],
            "properties": {"family-names": TEXT, "given-names": TEXT},
        },
    },
}


@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.safe_load(CITATION_CFF.read_text(encoding="utf-8"))


def test_citation_cff_is_valid(cff):
    jsonschema.Draft7Validator.check_schema(CFF_1_2_0)
    jsonschema.validate(cff, CFF_1_2_0)
    assert set(cff["license"]) == {"MIT", "CC0-1.0", "CC-BY-4.0"}


@pytest.mark.parametrize(
    "broken",
    [
        lambda c: c.pop("authors"),
        lambda c: c.update({"cff-version": "1.1.0"}),
        lambda c: c.update({"titel": "typo"}),
        lambda c: c.update({"authors": []}),
        lambda c: c.update({"type": "dashboard"}),
        lambda c: c.update({"license": "MIT licence"}),
    ],
)
def test_the_check_rejects_what_the_format_forbids(cff, broken):
    bad = copy.deepcopy(cff)
    broken(bad)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, CFF_1_2_0)


def test_version_is_the_projects(cff):
    assert str(cff["version"]) == tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sources_page_cites_the_same_title_authors_and_version(cff, lang):
    at = run("views/sources.py", lang=lang)
    citation, bib = at.code[0].value, at.code[1].value
    for text in (citation, bib):
        assert cff["title"] in text
        assert cff["authors"][0]["name"] in text
        assert str(cff["version"]) in text
    assert f"version = {{{cff['version']}}}" in bib
