"""The UI benchmark's parts; ``benchmarks/bench_ui.py`` runs them (see its docstring).

Read in this order: ``floors`` (what the app is measured against), ``page_js`` (how a
page is watched from inside), ``wire`` (bytes on the wire, a server's CPU and memory, the
pages the phases open), then one module per phase (``first_load`` for phases 3 and 4,
``steps``, ``play``, ``load``) and the table (``cells``, ``rows_steps``, ``rows_loads``,
``table``).
"""
