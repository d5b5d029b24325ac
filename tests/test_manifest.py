"""The evidence has a version, and the version means one set of data: a checksum per version
makes any change to data/ without a new version fail here."""

import pytest

from backpain_aid.evidence import manifest


def test_the_bundled_data_is_the_data_its_version_stands_for():
    assert manifest.problems() == []


def test_a_data_change_without_a_new_version_fails_and_names_the_file(data_copy):
    outcomes = data_copy / "outcomes.csv"
    outcomes.write_text(outcomes.read_text(encoding="utf-8").replace(",41,", ",44,", 1), encoding="utf-8")
    found = manifest.problems(data_copy)
    assert len(found) == 1 and "bump `version`" in found[0] and "outcomes.csv" in found[0]
    with pytest.raises(SystemExit, match="already stands for other data"):
        manifest.write(data_copy)


def test_a_new_version_is_recorded_and_the_old_ones_are_kept(data_copy):
    meta = data_copy / "evidence.yaml"
    old = manifest.current_version(data_copy)
    meta.write_text(meta.read_text(encoding="utf-8").replace(old, "2099.01.0"), encoding="utf-8")
    assert "no checksum yet" in manifest.problems(data_copy)[0]
    manifest.write(data_copy)
    assert manifest.problems(data_copy) == []
    assert set(manifest.read_manifest(data_copy)["versions"]) >= {old, "2099.01.0"}


def test_every_file_of_data_is_covered(data_copy):
    (data_copy / "content" / "new.yaml").write_text("title: New\n", encoding="utf-8")
    assert "content/new.yaml" in manifest.problems(data_copy)[0]
