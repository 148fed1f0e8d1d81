"""Streamlit glue shared by app.py and the pages: widgets in, validated runs out.

Everything here is layout and session state; the maths and the figures live in
the ``perceptron`` package, which never imports Streamlit.
"""
