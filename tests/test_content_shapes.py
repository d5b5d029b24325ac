"""The content sections pages read as lists of entries are declared with the keys each entry needs
(backpain_aid/content_shapes.py), and checked before the app serves."""

import re

import pytest
import yaml

from backpain_aid import check_data, content_shapes
from backpain_aid.content import ContentError, load_content
from backpain_aid.language import LANGUAGES
from backpain_aid.paths import PROJECT_ROOT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_declared_entry_has_its_keys(lang):
    assert content_shapes.problems(load_content(lang=lang)) == []


def remove_key(data_copy, file, section, key, index=0, lang=""):
    """Take `key` out of entry `index` of a list at dotted `section` in a content file of the copy."""
    path = data_copy / "content" / lang / file
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = tree
    for part in section.split("."):
        node = node[part]
    del node[index][key]
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_missing_key_stops_the_start_naming_file_entry_and_key(data_copy, capsys):
    remove_key(data_copy, "path.yaml", "routing.rules", "go_to", index=2)
    assert check_data.main([str(data_copy)]) == 1
    said = capsys.readouterr().err
    assert re.search(r"path\.yaml, key 'path\.routing\.rules', entry 3 \(id '[a-z_]+'\): no 'go_to'", said)


def test_a_missing_key_inside_an_entry_is_named_too(data_copy):
    path = data_copy / "content" / "path.yaml"
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    del tree["questions"][0]["options"][1]["label"]
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 1, 'options' 2 \(id '[a-z_]+'\): no 'label'"):
        content_shapes.check(load_content(data_copy / "content"))


#: Sections read with a literal key by `text.entries(...)` or `text.node(...)`.
READ = re.compile(r"""\.(?:entries|node)\(\s*["']([a-z_.]+)["']""")
#: Read as something other than a list of entries: plain texts, or rules with their own checks.
NOT_ENTRIES = {
    "medicines_guide.questions_to_ask.items",  # plain texts (text_list's shape)
    "values.scale",  # plain texts
    "values.attributes",  # checked by values.load_attributes (check_data)
    "red_flags.signs",  # checked by safety.red_flag_signs (check_data)
}


def test_every_list_of_entries_a_page_reads_is_declared():
    sources = [*PROJECT_ROOT.glob("backpain_aid/**/*.py"), *PROJECT_ROOT.glob("ui/**/*.py")]
    read = {key for path in sources for key in READ.findall(path.read_text(encoding="utf-8"))}
    text = load_content()
    lists = {key for key in read if isinstance(text.node(key), list)}
    assert lists - NOT_ENTRIES <= set(content_shapes.REQUIRED_KEYS), lists - NOT_ENTRIES
    assert "values.quiz.bands" in content_shapes.REQUIRED_KEYS  # read through a variable (quiz.py)
