"""WebP stills decoded at reduced size, through libwebp's own scaler (ctypes).

Pillow decodes every WebP through libwebp's animation decoder: an 89-megapixel still
costs several full-size RGBA copies (1.4 GB). libwebp itself can decode a still straight
to a smaller size (``WebPDecoderOptions.use_scaling``): a lossy picture is then decoded
macroblock row by macroblock row into the small output, and a lossless one needs one
full ARGB buffer (its back references reach any earlier pixel). No well-kept Python
binding exposes that option (the ``webp`` package's cdef leaves the scaling fields out),
so this calls the libwebp that Pillow's wheels already ship (``pillow.libs`` on Linux,
``PIL/.dylibs`` on macOS), or the system's. Where neither loads, or the ABI differs,
:func:`available` is False and callers decode with Pillow as before.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from pathlib import Path

from PIL import Image

# decode.h: WEBP_DECODER_ABI_VERSION of libwebp 1.x; the library refuses another major.
_ABI_VERSION = 0x0209
_MODE_RGB = 0
_MODE_RGBA = 1
# VP8StatusCode
_STATUS_OK = 0
_STATUS_UNSUPPORTED_FEATURE = 4
_STATUS_NOT_ENOUGH_DATA = 7


class _Features(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("has_alpha", ctypes.c_int),
        ("has_animation", ctypes.c_int),
        ("format", ctypes.c_int),
        ("pad", ctypes.c_uint32 * 5),
    ]


class _RGBABuffer(ctypes.Structure):
    _fields_ = [
        ("rgba", ctypes.c_void_p),
        ("stride", ctypes.c_int),
        ("size", ctypes.c_size_t),
    ]


class _YUVABuffer(ctypes.Structure):
    _fields_ = [
        ("y", ctypes.c_void_p),
        ("u", ctypes.c_void_p),
        ("v", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("y_stride", ctypes.c_int),
        ("u_stride", ctypes.c_int),
        ("v_stride", ctypes.c_int),
        ("a_stride", ctypes.c_int),
        ("y_size", ctypes.c_size_t),
        ("u_size", ctypes.c_size_t),
        ("v_size", ctypes.c_size_t),
        ("a_size", ctypes.c_size_t),
    ]


class _BufferUnion(ctypes.Union):
    _fields_ = [("RGBA", _RGBABuffer), ("YUVA", _YUVABuffer)]


class _DecBuffer(ctypes.Structure):
    _fields_ = [
        ("colorspace", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("is_external_memory", ctypes.c_int),
        ("u", _BufferUnion),
        ("pad", ctypes.c_uint32 * 4),
        ("private_memory", ctypes.c_void_p),
    ]


class _Options(ctypes.Structure):
    _fields_ = [
        ("bypass_filtering", ctypes.c_int),
        ("no_fancy_upsampling", ctypes.c_int),
        ("use_cropping", ctypes.c_int),
        ("crop_left", ctypes.c_int),
        ("crop_top", ctypes.c_int),
        ("crop_width", ctypes.c_int),
        ("crop_height", ctypes.c_int),
        ("use_scaling", ctypes.c_int),
        ("scaled_width", ctypes.c_int),
        ("scaled_height", ctypes.c_int),
        ("use_threads", ctypes.c_int),
        ("dithering_strength", ctypes.c_int),
        ("flip", ctypes.c_int),
        ("alpha_dithering_strength", ctypes.c_int),
        ("pad", ctypes.c_uint32 * 5),
    ]


class _Config(ctypes.Structure):
    _fields_ = [("input", _Features), ("output", _DecBuffer), ("options", _Options)]


class WebPDecodeError(Exception):
    """libwebp refused the data; ``truncated`` when it ended before the image did."""

    def __init__(self, message: str, *, truncated: bool = False) -> None:
        super().__init__(message)
        self.truncated = truncated


def _candidates() -> list[str]:
    """Pillow's own copy first (the one its WebP support is tested with), then the system's."""
    import PIL  # noqa: PLC0415

    pil = Path(PIL.__file__).resolve().parent
    found: list[str] = []
    folders = [
        (pil.parent / "pillow.libs", "libwebp-*.so*"),  # Linux wheels (auditwheel)
        (pil / ".dylibs", "libwebp.*dylib"),  # macOS wheels (delocate)
        (pil.parent / "pillow.libs", "libwebp*.dll"),
    ]
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle may flatten them
    if bundle:
        folders += [(Path(bundle), "libwebp*"), (Path(bundle) / "pillow.libs", "libwebp*")]
    for folder, pattern in folders:
        found += sorted(str(p) for p in folder.glob(pattern) if "mux" not in p.name)
    system = ctypes.util.find_library("webp") or ctypes.util.find_library("libwebp")
    if system:
        found.append(system)
    return found


@functools.cache
def _library() -> ctypes.CDLL | None:
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
            init = lib.WebPInitDecoderConfigInternal
            _ = lib.WebPDecode, lib.WebPFreeDecBuffer, lib.WebPGetFeaturesInternal
        except (OSError, AttributeError):
            continue
        init.argtypes = [ctypes.POINTER(_Config), ctypes.c_int]
        init.restype = ctypes.c_int
        lib.WebPGetFeaturesInternal.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.POINTER(_Features),
            ctypes.c_int,
        ]
        lib.WebPGetFeaturesInternal.restype = ctypes.c_int
        lib.WebPDecode.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_Config)]
        lib.WebPDecode.restype = ctypes.c_int
        lib.WebPFreeDecBuffer.argtypes = [ctypes.POINTER(_DecBuffer)]
        lib.WebPFreeDecBuffer.restype = None
        probe = _Config()
        if not init(ctypes.byref(probe), _ABI_VERSION):
            continue  # another ABI major: our structures would not match it
        return lib
    return None


def available() -> bool:
    """Whether a libwebp with the expected ABI could be loaded."""
    return _library() is not None


def decode_scaled(data: bytes, size: tuple[int, int]) -> Image.Image | None:
    """The WebP still in ``data`` decoded straight to ``size`` (RGB, or RGBA when it has
    alpha). None when this cannot be done here (no libwebp, or an animation): decode
    with Pillow instead. Raises WebPDecodeError when libwebp finds the data damaged."""
    lib = _library()
    if lib is None:
        return None
    config = _Config()
    if not lib.WebPInitDecoderConfigInternal(ctypes.byref(config), _ABI_VERSION):
        return None
    status = lib.WebPGetFeaturesInternal(data, len(data), ctypes.byref(config.input), _ABI_VERSION)
    if status != _STATUS_OK:
        raise WebPDecodeError(
            f"libwebp cannot read its header (status {status})",
            truncated=status == _STATUS_NOT_ENOUGH_DATA,
        )
    if config.input.has_animation:
        return None
    width, height = size
    mode, channels = ("RGBA", 4) if config.input.has_alpha else ("RGB", 3)
    stride = width * channels
    # The output goes straight into memory we own (no copy of libwebp's buffer needed).
    out = ctypes.create_string_buffer(stride * height)
    config.output.colorspace = _MODE_RGBA if channels == 4 else _MODE_RGB
    config.output.is_external_memory = 1
    config.output.u.RGBA.rgba = ctypes.cast(out, ctypes.c_void_p)
    config.output.u.RGBA.stride = stride
    config.output.u.RGBA.size = len(out)
    if (width, height) != (config.input.width, config.input.height):
        config.options.use_scaling = 1
        config.options.scaled_width = width
        config.options.scaled_height = height
    status = lib.WebPDecode(data, len(data), ctypes.byref(config))
    lib.WebPFreeDecBuffer(ctypes.byref(config.output))
    if status == _STATUS_UNSUPPORTED_FEATURE:
        return None
    if status != _STATUS_OK:
        raise WebPDecodeError(
            f"libwebp could not decode it (status {status})",
            truncated=status == _STATUS_NOT_ENOUGH_DATA,
        )
    return Image.frombytes(mode, (width, height), out.raw, "raw", mode, stride, 1)


def library_path() -> str | None:
    """Which libwebp was loaded (for the self-test and bug reports)."""
    lib = _library()
    return getattr(lib, "_name", None) if lib is not None else None


__all__ = ["WebPDecodeError", "available", "decode_scaled", "library_path"]
