"""Deployment files: the production Streamlit config, the Dockerfile and the Kubernetes manifests.
They are read and checked, never built or applied (docker and a cluster are not needed here)."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from backpain_aid.paths import PROJECT_ROOT

MANIFESTS = sorted((PROJECT_ROOT / "deploy" / "kubernetes").glob("*.yaml"))
HEALTH = "/_stcore/health"
PORT = 8501


def config() -> dict:
    return tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_production_config_keeps_people_safe():
    settings = config()
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["server"]["enableXsrfProtection"] is True
    assert settings["server"]["enableCORS"] is True  # XSRF protection is switched off without it
    assert settings["server"]["maxUploadSize"] == 1  # MB: the smallest; only a saved-answers file
    assert settings["server"]["headless"] is True


def test_only_the_saved_answers_box_asks_for_a_file():
    """One upload box, for a person's own saved answers (ui/patient_file.py), capped at 1 MB; no
    other widget asks for a file, a picture or a recording."""
    asks = re.compile(r"\bst\.(file_uploader|camera_input|audio_input|chat_input)\(")
    sources = [
        *PROJECT_ROOT.glob("ui/**/*.py"),
        *PROJECT_ROOT.glob("app_pages/*.py"),
        PROJECT_ROOT / "app.py",
    ]
    asking = [path for path in sources if asks.search(path.read_text(encoding="utf-8"))]
    assert [path.relative_to(PROJECT_ROOT).as_posix() for path in asking] == ["ui/patient_file.py"]
    source = asking[0].read_text(encoding="utf-8")
    assert len(asks.findall(source)) == 1
    assert "max_upload_size=MAX_UPLOAD_MB" in source and "MAX_UPLOAD_MB = 1\n" in source


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) for each Dockerfile instruction, continuation lines joined."""
    text = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", text)
    lines = [
        line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def instruction(name: str) -> list[str]:
    return [arguments for found, arguments in dockerfile() if found == name]


def test_dockerfile_uses_a_slim_python_base():
    (base,) = instruction("FROM")
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base)


def test_dockerfile_installs_pinned_requirements_and_the_pdf_needs_no_system_font():
    runs = " ".join(instruction("RUN"))
    assert "pip install -r requirements.txt" in runs
    # Typst draws the PDF with the fonts bundled in the package only (ignore_system_fonts).
    assert "fonts-" not in runs
    assert (PROJECT_ROOT / "backpain_aid" / "fonts" / "DejaVuSans.ttf").is_file()


def test_dockerfile_runs_as_a_user_that_is_not_root():
    users = instruction("USER")
    assert users and users[-1] not in ("root", "0")
    position = [name for name, _ in dockerfile()]
    assert position.index("USER") > position.index("COPY")  # files are copied as root, read-only for the user


def test_dockerfile_checks_health_and_the_data():
    (check,) = instruction("HEALTHCHECK")
    assert f"127.0.0.1:{PORT}{HEALTH}" in check
    assert instruction("EXPOSE") == [str(PORT)]
    (command,) = instruction("CMD")
    assert "backpain_aid.check_data &&" in command
    assert f"--server.port={PORT}" in command


def test_dockerignore_keeps_the_image_small_and_free_of_secrets():
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "tests", "data/incoming"} <= set(ignored)


def documents() -> list[dict]:
    return [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def one(kind: str) -> dict:
    (found,) = [doc for doc in documents() if doc["kind"] == kind]
    return found


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_manifests_parse_with_required_fields(path: Path):
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        assert {"apiVersion", "kind", "metadata", "spec"} <= set(doc), path.name
        assert doc["metadata"]["name"]


def test_manifests_include_a_deployment_a_service_and_an_ingress():
    assert {doc["kind"] for doc in documents()} >= {"Deployment", "Service", "Ingress"}


def container() -> dict:
    (app,) = one("Deployment")["spec"]["template"]["spec"]["containers"]
    return app


def test_deployment_runs_several_hardened_replicas():
    deployment = one("Deployment")
    spec = deployment["spec"]
    assert spec["replicas"] >= 2
    labels = spec["template"]["metadata"]["labels"]
    assert spec["selector"]["matchLabels"].items() <= labels.items()
    pod = spec["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    app = container()
    assert app["securityContext"]["readOnlyRootFilesystem"] is True
    assert app["securityContext"]["allowPrivilegeEscalation"] is False
    assert [port["containerPort"] for port in app["ports"]] == [PORT]
    for probe in ("readinessProbe", "livenessProbe"):
        assert app[probe]["httpGet"]["path"] == HEALTH
    assert app["resources"]["limits"]["memory"]


def test_service_keeps_each_browser_on_one_replica():
    service = one("Service")["spec"]
    assert service["sessionAffinity"] == "ClientIP"
    assert service["sessionAffinityConfig"]["clientIP"]["timeoutSeconds"] >= 3600
    assert service["selector"].items() <= one("Deployment")["spec"]["template"]["metadata"]["labels"].items()
    port_names = {port["name"] for port in container()["ports"]}
    assert all(port["targetPort"] in port_names | {PORT} for port in service["ports"])


def test_ingress_uses_cookie_affinity_and_long_websocket_timeouts():
    ingress = one("Ingress")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    backends = [
        path["backend"]["service"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]
    ]
    service = one("Service")
    assert {backend["name"] for backend in backends} == {service["metadata"]["name"]}
    assert {backend["port"]["name"] for backend in backends} <= {
        port["name"] for port in service["spec"]["ports"]
    }


def test_deploy_docs_cover_one_server_and_scaling_out():
    guide = (PROJECT_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for topic in ("## One server", "## Several servers", "sessionAffinity", "websocket", "deploy/kubernetes"):
        assert topic in guide
