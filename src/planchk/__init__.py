"""planchk: check actual figures against a five-year plan (bundled: the Dadukou education plan 2021-2025)."""

try:
    # Written from pyproject.toml's version when planchk is built or installed (hatch's version hook).
    from planchk._version import __version__ as __version__
except ImportError:  # a source tree that was never installed: ask the package metadata, if any
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("planchk")
    except PackageNotFoundError:
        __version__ = "0+unknown"
