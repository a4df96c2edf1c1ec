"""Host-dependent parts (microphone, Vosk model) skip with their reason; the CLI runs a WAV through everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from speaker_synth import silence, speech, wav

from assistant.cli.main import main
from assistant.config import Settings
from assistant.errors import AudioError
from assistant.speaker.audio import FRAME_BYTES, read_pcm16k
from assistant.speaker.models import missing_files, model_for_locale
from assistant.speaker.sources import MicrophoneSource, find_input_device

AUDIO = Path(__file__).resolve().parents[3] / "shared" / "data" / "audio"


def test_microphone_source_yields_16k_frames() -> None:
    try:
        find_input_device(None)
    except AudioError as e:
        pytest.skip(f"no microphone on this machine: {e}")
    source = MicrophoneSource(None)
    try:
        frames = source.frames()
        first = [next(frames) for _ in range(5)]
    finally:
        source.close()
    assert {len(f) for f in first} == {FRAME_BYTES}


def test_a_missing_microphone_is_a_one_line_error_naming_the_alternative() -> None:
    try:
        find_input_device(None)
    except AudioError as e:
        assert "--input FILE.wav" in str(e) and "\n" not in str(e)
        return
    with pytest.raises(AudioError, match="matches no microphone"):
        find_input_device("no such microphone name 1234")


def test_vosk_decodes_a_recording_when_its_model_is_installed() -> None:
    settings = Settings().resolved(Path(__file__).resolve().parents[2])
    folder = settings.models_dir / model_for_locale("en-US").folder
    if missing_files(folder):
        pytest.skip(f"Vosk model not installed at {folder} (assistant models download vosk-en)")
    from assistant.speaker.grammar import compile_grammar
    from assistant.speaker.stt_vosk import VoskEngine

    engine = VoskEngine(folder, "en-US")
    engine.use_grammar(compile_grammar(["turn on the lamp", "turn off the lamp", "what time is it"]))
    recognition = engine.start()
    pcm = read_pcm16k(AUDIO / "rhasspy3_turn_on_the_lamp.wav")
    for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        recognition.accept(pcm[i : i + FRAME_BYTES])
    assert recognition.finish().text == "turn on the lamp"


def test_listen_help_explains_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["listen", "--help"])
    out = capsys.readouterr().out
    assert "wake" in out and "assistant listen --input command.wav --once --json" in out


def test_listen_refuses_a_non_wav_input_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "song.mp3.wav"
    bad.write_bytes(b"ID3 definitely not a wav file")
    assert main(["listen", "--input", str(bad), "--once", "--json"]) == 1
    err = capsys.readouterr().err
    assert "not a WAV file" in err and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.audio
def test_listen_once_json_runs_a_spoken_command_through_bridge_and_router(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = wav(tmp_path / "cmd.wav", silence(0.5), speech("what time is it", "en-us+f2", 130), silence(1.2))
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\ndata_dir: {tmp_path / 'data'}\n")
    code = main(["--config", str(config), "listen", "--input", str(path), "--once", "--json", "--out", str(tmp_path)])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["transcript"] == "what time is it"
    assert result["intent"] and result["reply"]
    assert {"end_of_speech", "stt", "tts", "turn"} <= set(result["ms"])
    assert Path(result["reply_wav"]).is_file()


@pytest.mark.slow
@pytest.mark.audio
def test_listen_without_out_leaves_no_temporary_audio_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = wav(tmp_path / "cmd.wav", silence(0.5), speech("what time is it", "en-us+f2", 130), silence(1.2))
    config = tmp_path / "config.yml"
    config.write_text(f"models_dir: {tmp_path / 'models'}\ndata_dir: {tmp_path / 'data'}\n")
    assert main(["--config", str(config), "listen", "--input", str(path), "--once", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["reply"] and result["reply_wav"] is None, "a path to a deleted file would mislead"
    assert [p.name for p in scratch.iterdir() if p.name.startswith("assistant-listen-")] == []
