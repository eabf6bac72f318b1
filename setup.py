"""Builds the optional C tree walk (``newsdesk.extract._trees``); everything else is in
pyproject.toml.

The extension only speeds up the body model: without a C compiler the build prints one
warning and newsdesk installs without it, scoring with numpy (same results, slower).
"""

import warnings

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

TREES = Extension(
    "newsdesk.extract._trees",
    sources=["src/newsdesk/extract/_trees.c"],
    extra_compile_args=["-O3"],
    optional=True,
)


class OptionalBuildExt(build_ext):
    """build_ext that never fails the install: a missing or broken compiler only warns."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler at all (DistutilsPlatformError and kin)
            _warn(exc)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # the compiler failed on this file
            _warn(exc)


def _warn(exc: Exception) -> None:
    # A warning, not a print: pip --quiet (as in `make install`) still shows the backend's
    # warnings, and only those.
    warnings.warn(
        f"newsdesk's C tree walk (newsdesk.extract._trees) could not be built"
        f" ({type(exc).__name__}: {exc}). newsdesk works without it, scoring page blocks with"
        " numpy (same results, slower). Install a C compiler and the Python headers (e.g."
        " apt install gcc python3-dev), then reinstall newsdesk to build it.",
        stacklevel=2,
    )


setup(ext_modules=[TREES], cmdclass={"build_ext": OptionalBuildExt})
