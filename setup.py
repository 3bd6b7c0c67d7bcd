"""The wheel carries resources/ (fonts, icons, reference data, translations) inside the
package, as fieldkit/_resources, where fieldkit/resources.py looks for it in an installed
copy: a top-level "resources" folder in site-packages would clash with other projects'.
Everything else about the build is in pyproject.toml."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        # An editable install reads resources/ in the checkout (fieldkit/resources.py).
        if not getattr(self, "editable_mode", False):
            self.copy_tree("resources", os.path.join(self.build_lib, "fieldkit", "_resources"))


setup(cmdclass={"build_py": BuildPyWithResources})
