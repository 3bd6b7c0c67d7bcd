# dmgbuild settings: the FieldKit disk image (the .app and a link to Applications).
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/FieldKit.app \
#       "FieldKit" dist/FieldKit-<version>.dmg
# Run by CI on macOS (.github/workflows/dist.yml). Signing and notarisation of the .app
# happen before (codesign), of the .dmg after: see docs/packaging.md.
import os.path

application = defines.get("app", "dist/FieldKit.app")  # noqa: F821 - given by dmgbuild
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
size = None  # computed from the contents
files = [application]
symlinks = {"Applications": "/Applications"}
icon_locations = {appname: (140, 160), "Applications": (420, 160)}
window_rect = ((200, 120), (560, 340))
default_view = "icon-view"
show_icon_preview = False
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
icon_size = 96
text_size = 13
