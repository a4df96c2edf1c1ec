"""Model install: download from a local HTTP server, verify size and SHA-256, unpack atomically; clear errors."""

from __future__ import annotations

import hashlib
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speaker.models import REQUIRED_FILES, ModelSpec, check_model, download, install_zip
from assistant.speaker.stt import make_engine

FOLDER = "vosk-model-test-0.1"


def _zip(path: Path, files: tuple[str, ...] = REQUIRED_FILES) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name in files:
            z.writestr(f"{FOLDER}/{name}", f"content of {name}\n")
    return path


def _spec(archive: Path, url: str = "http://127.0.0.1:1/none.zip", sha: str | None = None) -> ModelSpec:
    data = archive.read_bytes()
    return ModelSpec("vosk-test", url, len(data), sha or hashlib.sha256(data).hexdigest(), FOLDER, "en")


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    served = tmp_path / "served"
    served.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(served), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_download_verifies_and_installs_with_progress(tmp_path: Path, server: str) -> None:
    archive = _zip(tmp_path / "served" / "model.zip")
    seen: list[int] = []
    target = download(
        _spec(archive, f"{server}/model.zip"), tmp_path / "models", progress=lambda got, _: seen.append(got)
    )
    assert target == tmp_path / "models" / FOLDER
    assert all((target / f).is_file() for f in REQUIRED_FILES)
    assert seen[-1] == archive.stat().st_size
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [FOLDER]  # no temporary leftovers


def test_a_checksum_mismatch_installs_nothing(tmp_path: Path, server: str) -> None:
    archive = _zip(tmp_path / "served" / "model.zip")
    spec = _spec(archive, f"{server}/model.zip", sha="0" * 64)
    with pytest.raises(ModelError, match=r"SHA-256 .* does not match"):
        download(spec, tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_a_missing_url_is_a_one_line_error(tmp_path: Path, server: str) -> None:
    archive = _zip(tmp_path / "model.zip")
    with pytest.raises(ModelError, match="HTTP 404"):
        download(_spec(archive, f"{server}/gone.zip"), tmp_path / "models")


def test_a_zip_without_the_model_files_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "model.zip", files=("README",))
    with pytest.raises(ModelError, match=r"am/final\.mdl is missing from the zip"):
        install_zip(_spec(archive), archive, tmp_path / "models")
    assert not (tmp_path / "models" / FOLDER).exists()


def test_missing_and_incomplete_models_name_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist; run: assistant models download vosk-en"):
        check_model(tmp_path / "vosk", "en-US")
    (tmp_path / "vosk" / "am").mkdir(parents=True)
    (tmp_path / "vosk" / "am" / "final.mdl").write_text("x")
    with pytest.raises(ModelError, match=r"conf/mfcc.conf is missing; run: assistant models download vosk-en"):
        check_model(tmp_path / "vosk", "en-US")


def test_auto_picks_pocketsphinx_without_a_vosk_model(tmp_path: Path) -> None:
    settings = Settings(models_dir=tmp_path)
    assert make_engine(settings).name == "pocketsphinx"
    with pytest.raises(ModelError, match="assistant models download vosk-en"):
        make_engine(settings, "vosk")


def test_cli_install_from_a_local_copy_checks_the_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = _zip(tmp_path / "model.zip")
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\n")
    code = main(["--config", str(config), "models", "download", "vosk-en", "--from", str(archive)])
    err = capsys.readouterr().err
    assert code == 3
    assert "expected 41,205,931 for vosk-en" in err and err.count("\n") == 1
