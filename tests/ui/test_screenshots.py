"""The screenshot script renders the three views of the demo mission to PNG files."""

from __future__ import annotations

from PIL import Image

from ui import screenshots


def test_screenshots_of_the_demo_mission(qapp, tmp_path):
    written = screenshots.render(
        tmp_path, demo_sizes={"places": 3, "visits": 4, "interviews": 4, "photos": 4}
    )
    names = sorted(p.name for p in written)
    assert names == [
        "conflicts.png",
        "first-run.png",
        "main-window.png",
        "photos-tab.png",
        "visit-editor-en.png",
        "visit-editor.png",
        "writing-mode.png",
    ]
    with Image.open(tmp_path / "main-window.png") as image:
        assert image.size == screenshots.WINDOW_SIZE
        # Not a blank picture: a real window has many colours (text, icons, selection).
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 20
    for name in (n for n in names if n != "main-window.png"):
        with Image.open(tmp_path / name) as image:
            assert image.width > 400 and image.height > 300
