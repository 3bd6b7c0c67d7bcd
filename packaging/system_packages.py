"""The Debian packages this machine lacks for FieldKit: print their names, one line.

``make run`` needs what Qt's xcb platform plugin links to: the wheel carries Qt, not the
X11 client libraries, and a fresh Debian lacks some (libxcb-icccm4, libxcb-keysyms1).
Qt's own hint names libxcb-cursor0 whatever is missing, so the plugin and the Qt library
behind it are asked with ``ldd`` which of their libraries cannot be found. ``--test`` adds
the programs the GUI tests run the app under (Xvfb, the openbox window manager, xdotool).

Not Linux (no xcb, no apt), nothing to say. A library missing that the table below does
not know is named on stderr and the exit status is 2, so ``make`` stops with its name.

    python packaging/system_packages.py [--test]
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Each library that libqxcb.so and libQt6XcbQpa link to (ldd, PySide6 6.7 to 6.11) outside
# the wheel, and the Debian package that ships it.
DEBIAN_PACKAGE_OF = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libpng16.so.16": "libpng16-16",
    "libexpat.so.1": "libexpat1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    # What those libraries link to in turn (ldd lists the whole tree).
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libcap.so.2": "libcap2",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libsystemd.so.0": "libsystemd0",
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
}

# The tests' programs: the command each package provides (the GUI tests run the app under
# Xvfb and openbox; the server's proxy test runs behind a real nginx on loopback).
TEST_PROGRAMS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "xwininfo": "x11-utils",  # the journeys read the window manager's frames (xwininfo, xprop)
    "nginx": "nginx-light",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def system_libraries(ldd_output: str) -> list[str]:
    """The sonames an ``ldd`` listing names (found or not) that the PySide6 wheel does not
    carry (Qt's own and ICU's sit beside the plugin), in order, once each."""
    names = []
    for soname, where in re.findall(r"^\s*(\S+)\s+=>\s+(.*?)\s*$", ldd_output, re.MULTILINE):
        if "/PySide6/" not in where:
            names.append(soname)
    return list(dict.fromkeys(names))


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` could not find, in order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def qt_xcb_binaries() -> list[Path]:
    """Qt's xcb platform plugin and the Qt library behind it, in the installed PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    found = [qt / "plugins" / "platforms" / "libqxcb.so"]
    found += sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]
    return [p for p in found if p.is_file()]


def ldd(paths: list[Path]) -> str:
    if not paths or shutil.which("ldd") is None:
        return ""
    run = subprocess.run(["ldd", *map(str, paths)], capture_output=True, text=True, check=False)
    return run.stdout


def main(argv: list[str]) -> int:
    if not sys.platform.startswith("linux"):
        return 0
    packages: list[str] = []
    unknown: list[str] = []
    for soname in missing_libraries(ldd(qt_xcb_binaries())):
        if soname in DEBIAN_PACKAGE_OF:
            packages.append(DEBIAN_PACKAGE_OF[soname])
        else:
            unknown.append(soname)
    if "--test" in argv:
        packages += [pkg for cmd, pkg in TEST_PROGRAMS.items() if shutil.which(cmd) is None]
    print(" ".join(dict.fromkeys(packages)))
    if unknown:
        print(
            "Qt's xcb plugin also needs " + ", ".join(unknown) + ", which no Debian package"
            " in packaging/system_packages.py provides: install it by hand.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
