"""The GitHub Pages recipe, `deploy/github-pages.yml`: GitHub runs it, so here it is read as GitHub
reads it and held to what README.md says it does."""

from __future__ import annotations

import yaml

from tests.support.site import PROJECT_ROOT

WORKFLOW = yaml.safe_load((PROJECT_ROOT / "deploy" / "github-pages.yml").read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return WORKFLOW["jobs"][job]["steps"]


def test_it_builds_the_site_for_the_pages_address_with_make_build():
    runs = [step["run"] for step in steps("build") if "run" in step]
    assert runs == ['make build SITE_URL="${{ steps.pages.outputs.base_url }}/"']
    assert any(step.get("id") == "pages" and step["uses"].startswith("actions/configure-pages@") for step in steps("build"))


def test_it_uploads_site_and_deploys_it_with_githubs_own_actions():
    upload = next(step for step in steps("build") if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    deploy = WORKFLOW["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_it_runs_on_the_tools_the_project_needs():
    versions = {step["uses"].split("@")[0]: step.get("with", {}) for step in steps("build") if "uses" in step}
    assert versions["actions/setup-python"]["python-version"] == "3.11"
    assert versions["actions/setup-node"]["node-version"] == "20"
