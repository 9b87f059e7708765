"""A kernel reused for the next chapter made as a new one: the build's first, hidden cell.

A build worker runs its chapters one after another in one kernel (metabok/build/execution.py), so
the kernel's start and the third-party imports (pandas, Altair) are paid once per worker instead of
once per chapter. Before each chapter this cell forgets everything an earlier chapter left: the
notebook's variables, the package's modules (imported again by the chapter, so their cached results
are gone, the chapter reads and records every file it uses, and its record names the modules it
imported itself), the observed inputs, the working folder and which warnings were already shown.
The tests check that a chapter run after others in one kernel gives the same page and record as in
a new kernel (tests/build/test_cache_freshness.py).
"""

from __future__ import annotations

import os
import sys
import warnings
from types import ModuleType

from metabok import config
from metabok.build import observe


def _in_package(name: str) -> bool:
    return name == "metabok" or name.startswith("metabok.")


# What this cell has loaded when it first runs in a new kernel: kept (observe holds the audit hook).
BASE_MODULES = frozenset(name for name in sys.modules if _in_package(name))


def forget_package_modules() -> None:
    """Unload every module of the package that a new kernel's first cell would not have loaded."""
    dropped = {name for name in sys.modules if _in_package(name) and name not in BASE_MODULES}
    for name in dropped:
        del sys.modules[name]
    for name in BASE_MODULES:
        kept = sys.modules[name]
        for attribute, value in list(vars(kept).items()):
            if isinstance(value, ModuleType) and value.__name__ in dropped:
                delattr(kept, attribute)  # or `from metabok.build import site` finds the old module
        for value in list(vars(kept).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def forget_shown_warnings() -> None:
    """A warning shown once per place is shown again, as in a new kernel (it reaches the build's report)."""
    warnings.onceregistry.clear()
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()


def fresh() -> None:
    """Forget the earlier chapter (next to nothing to forget in a new kernel)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=False)
    forget_package_modules()
    observe.forget()
    forget_shown_warnings()
    os.chdir(config.PROJECT_ROOT)
