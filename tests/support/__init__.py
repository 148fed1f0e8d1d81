"""Helpers shared by the tests (and benchmarks/), one module per subject.

=================  ======================================================================
``paths``          where things are: the repository, app.py, ui/static, screenshots/
``expected``       what the app should show, computed here with ``perceptron``
``apptest``        Streamlit AppTest sessions: open one, read its stage, link and sidebar
``browser``        the server factory (``start_server``/``running_server``) and Chromium
``page``           any page in Chromium: readiness, waits on a condition, errors, frames
``stage``          the Train page's stage in Chromium: step, press, wait, read the numbers
``editor``         the sidebar's data grid in Chromium: select, type, paste, apply the form
``measure``        screen measurements in Chromium: boxes, contrast, chart parts
``jsfiles``        ``page_js(name)``: the JavaScript in ``tests/support/js/<name>.js``
=================  ======================================================================

Fixtures live in ``tests/conftest.py``; see ``tests/README.md`` for which test covers what.
"""
