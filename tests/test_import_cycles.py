"""No module imports one that imports it back, not even inside a function: a cycle hides a layer in the wrong place."""

from __future__ import annotations

import grimp


def test_no_two_modules_import_each_other():
    graph = grimp.build_graph("paemployer")
    cycles = sorted({
        tuple(sorted((module, imported)))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("paemployer.") and graph.find_shortest_chain(importer=imported, imported=module)
    })
    assert cycles == []
