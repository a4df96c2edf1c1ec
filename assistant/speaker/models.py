"""Speech models: which exist, whether one is installed completely, and downloading one safely.

A download streams to a temporary file, is checked against the published size and SHA-256 before anything is
unpacked, and is unpacked into a temporary folder that is renamed into place only when every required file is
there; an interrupted or corrupt download never leaves a half-installed model that the loader would trip over.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from assistant.errors import ModelError

log = logging.getLogger(__name__)

#: files Kaldi needs from a small Vosk model (checked after unpacking and before loading)
REQUIRED_FILES: Final = (
    "am/final.mdl",
    "conf/mfcc.conf",
    "conf/model.conf",
    "graph/phones/word_boundary.int",
    "ivector/final.ie",
)

Progress = Callable[[int, int], None]
"""Called with (bytes so far, total bytes) while downloading."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    """What ``assistant models download NAME`` takes."""
    url: str
    size: int
    sha256: str
    folder: str
    """The folder inside the zip, and under models_dir."""
    locale: str


CATALOGUE: Final = (
    ModelSpec(
        "vosk-en",
        "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        41_205_931,
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
        "vosk-model-small-en-us-0.15",
        "en",
    ),
    ModelSpec(
        "vosk-cn",
        "https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip",
        43_898_754,
        "3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba",
        "vosk-model-small-cn-0.22",
        "zh",
    ),
)


def find_model(name: str) -> ModelSpec:
    for spec in CATALOGUE:
        if spec.name == name:
            return spec
    raise ModelError(f"unknown model {name!r}; choose one of: {', '.join(s.name for s in CATALOGUE)}")


def model_for_locale(locale: str) -> ModelSpec:
    language = locale.split("-")[0]
    for spec in CATALOGUE:
        if spec.locale == language:
            return spec
    raise ModelError(f"no speech model for locale {locale}; supported: en-*, zh-*")


def missing_files(model_dir: Path) -> list[str]:
    return [f for f in REQUIRED_FILES if not (model_dir / f).is_file()]


def check_model(model_dir: Path, locale: str) -> None:
    """Raise a one-line ModelError naming the missing file and the command that installs the model."""
    spec = model_for_locale(locale)
    fix = f"run: assistant models download {spec.name}"
    if not model_dir.is_dir():
        raise ModelError(f"Vosk model not installed: {model_dir} does not exist; {fix}")
    missing = missing_files(model_dir)
    if missing:
        raise ModelError(f"Vosk model incomplete: {model_dir / missing[0]} is missing; {fix}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(spec: ModelSpec, models_dir: Path, *, progress: Progress | None = None, timeout_s: float = 60) -> Path:
    """Fetch ``spec.url``, verify it, install it; returns the installed folder."""
    import httpx

    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=models_dir, prefix=f".{spec.name}-", suffix=".zip", delete=False) as tmp:
        part = Path(tmp.name)
        try:
            with httpx.stream("GET", spec.url, timeout=timeout_s, follow_redirects=True) as response:
                if response.status_code != 200:
                    raise ModelError(f"{spec.url}: HTTP {response.status_code}; try again later or use --from FILE")
                got = 0
                for block in response.iter_bytes(1 << 16):
                    tmp.write(block)
                    got += len(block)
                    if progress is not None:
                        progress(got, spec.size)
        except httpx.HTTPError as e:
            part.unlink(missing_ok=True)
            raise ModelError(f"{spec.url}: download failed ({e}); check the network or use --from FILE.zip") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    try:
        return install_zip(spec, part, models_dir)
    finally:
        part.unlink(missing_ok=True)


def install_zip(spec: ModelSpec, archive: Path, models_dir: Path) -> Path:
    """Verify a downloaded (or ``--from``) zip against the catalogue and unpack it into ``models_dir``."""
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    size = archive.stat().st_size
    if size != spec.size:
        raise ModelError(f"{archive}: {size:,} bytes, expected {spec.size:,} for {spec.name}; download it again")
    digest = sha256_of(archive)
    if digest != spec.sha256:
        raise ModelError(f"{archive}: SHA-256 {digest[:12]}… does not match {spec.sha256[:12]}…; download it again")
    target = models_dir / spec.folder
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=models_dir, prefix=f".{spec.name}-unpack-"))
    try:
        with zipfile.ZipFile(archive) as z:
            for member in z.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ModelError(f"{archive}: unsafe path {member!r} in the zip; refusing to unpack")
            z.extractall(staging)
        unpacked = staging / spec.folder
        missing = missing_files(unpacked)
        if missing:
            raise ModelError(f"{archive}: {spec.folder}/{missing[0]} is missing from the zip; not a {spec.name} model")
        if target.exists():
            shutil.rmtree(target)
        unpacked.rename(target)
    except zipfile.BadZipFile:
        raise ModelError(f"{archive}: not a valid zip file; download it again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("installed %s in %s", spec.name, target)
    return target
