"""What holds for every calculator `calculators.available()` finds, on each one's own examples
(tests/calculators/<slug>/examples.py): the JSON bridge the browser worker calls gives exactly
`run`'s answer, and the examples keep the contract the Pyodide and browser layers rely on."""

from __future__ import annotations

import json
import random
import sys
import types
import zlib

import pytest

import calculators
from tests.support.calculator_examples import MissingExamples, every_calculator, examples_for, generated_inputs
from tests.support.scenario import Scenario

CALCULATORS = [pytest.param(slug, examples, id=slug) for slug, examples in every_calculator()]


@pytest.mark.parametrize(("slug", "examples"), CALCULATORS)
def test_run_json_gives_runs_answer_as_json_text_with_its_fingerprint(slug, examples):
    """The worker sends JSON text and gets JSON text: the same bytes `run` gives, once dumped, and
    the fingerprint of its html, by which the page knows the worked example it shows already."""
    for inputs in examples.WORKED_EXAMPLES:
        answer = calculators.run(slug, inputs)
        expected = {**answer, "fingerprint": calculators.fingerprint(answer["html"])}
        assert calculators.run_json(slug, json.dumps(inputs)) == json.dumps(expected), inputs


@pytest.mark.parametrize(("slug", "examples"), CALCULATORS)
def test_each_worked_example_has_a_fingerprint_of_its_own(slug, examples):
    """Results that differ have different fingerprints; the same result, the same one."""
    answers = [calculators.run(slug, inputs)["html"] for inputs in examples.WORKED_EXAMPLES]
    assert len({calculators.fingerprint(html) for html in answers}) == len(set(answers))
    assert calculators.fingerprint(answers[0]) == calculators.fingerprint(calculators.run(slug, examples.WORKED_EXAMPLES[0])["html"])


def test_a_fingerprint_is_the_htmls_length_in_bytes_and_its_crc32():
    assert calculators.fingerprint("") == "0-00000000"
    assert calculators.fingerprint("<p>81.0 out of 100</p>") == "22-" + format(zlib.crc32(b"<p>81.0 out of 100</p>"), "08x")
    assert calculators.fingerprint("é").startswith("2-")  # bytes of UTF-8, not characters


@pytest.mark.parametrize("slug", calculators.available())
def test_defaults_json_gives_the_forms_starting_text_as_json(slug):
    """The worker works out a page's first result ahead with these: the inputs a form starts with."""
    assert json.loads(calculators.defaults_json(slug)) == calculators.defaults(slug)


@pytest.mark.parametrize("not_an_object", ["[]", '"72.5"', "null", "75", '[["body_mass", "75"]]'])
def test_run_json_refuses_json_that_is_not_an_object_of_inputs(not_an_object):
    """A worker sending anything but {name: text} is a programming mistake, so it raises."""
    with pytest.raises(TypeError, match="must be a JSON object"):
        calculators.run_json(calculators.available()[0], not_an_object)


@pytest.mark.parametrize(("slug", "examples"), CALCULATORS)
def test_the_examples_keep_the_contract_the_shared_layers_rely_on(slug, examples):
    """Worked examples are name -> text and some of them compute; generated cases repeat exactly
    for the same seed (so a Pyodide mismatch can be replayed) and mostly compute."""
    assert examples.WORKED_EXAMPLES, "at least one worked example"
    for inputs in examples.WORKED_EXAMPLES:
        assert all(isinstance(name, str) and isinstance(text, str) for name, text in inputs.items()), inputs
    assert any(calculators.run(slug, inputs)["ok"] for inputs in examples.WORKED_EXAMPLES)
    assert examples.random_inputs(random.Random(1)) == examples.random_inputs(random.Random(1))
    generated = generated_inputs(slug, examples)
    assert sum(calculators.run(slug, inputs)["ok"] for inputs in generated) > len(generated) // 2
    assert isinstance(examples.SCENARIO, Scenario)
    assert set(examples.SCENARIO.inputs()) <= set(calculators.defaults(slug))


def test_a_calculator_without_examples_fails_with_a_message_saying_what_to_add():
    with pytest.raises(MissingExamples) as missing:
        examples_for("no_such_calculator")
    message = str(missing.value)
    assert "tests/calculators/no_such_calculator/examples.py does not exist" in message
    assert all(name in message for name in ("WORKED_EXAMPLES", "random_inputs(rng)", "SCENARIO"))


def test_examples_without_a_scenario_name_what_they_lack(monkeypatch):
    half_done = types.ModuleType("tests.calculators.half_done.examples")
    half_done.WORKED_EXAMPLES = [{}]
    monkeypatch.setitem(sys.modules, half_done.__name__, half_done)
    with pytest.raises(MissingExamples, match=r"half_done/examples\.py lacks random_inputs, SCENARIO\."):
        examples_for("half_done")
