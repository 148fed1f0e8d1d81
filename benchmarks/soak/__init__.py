"""The soak benchmark's parts; ``benchmarks/bench_soak.py`` runs them (see its docstring).

Read in this order: ``floor`` (the plain three-page app the app is read against),
``probe`` (heap, nodes and listeners after a forced GC), ``pages`` (the navigation and
how each page is recognised as drawn), ``cycle`` (one lecture cycle), ``play_end`` (Play
to the last step, again and again) and ``table`` (the printed figures and budgets).
"""
