"""Ships the top-level resources/ and i18n/ inside the wheel, as paemployer/_data/ (DESIGN.md: they stay at the top level)."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_DIRS = ("resources", "i18n")


class build_py_with_data(build_py):
    """build_py, then copy the rates tables, fonts and catalogues into the package being built."""

    def run(self):
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        for name in DATA_DIRS:
            source = os.path.join(here, name)
            if os.path.isdir(source):  # an sdist without them would make a wheel that cannot start: MANIFEST.in grafts them
                self.copy_tree(source, os.path.join(self.build_lib, "paemployer", "_data", name))


setup(cmdclass={"build_py": build_py_with_data})
