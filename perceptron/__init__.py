"""Perceptron Lab's engine: one sigmoid neuron, trained as in the teaching notebook.

Pure numpy/pandas/plotly; it never imports Streamlit, so everything here is
usable from the CLI, the tests and a notebook.
"""

from perceptron import limits
from perceptron.datasets import PRESETS, Preset, get_preset
from perceptron.landscape import loss_landscape, output_surface, train_many
from perceptron.maths import LOSSES, sigmoid, sigmoid_derivative
from perceptron.training import History, StepView, initial_weights, train
from perceptron.validation import DatasetError, Problem, check_dataset, check_frame, check_params

__all__ = [
    "LOSSES",
    "PRESETS",
    "DatasetError",
    "History",
    "Preset",
    "Problem",
    "StepView",
    "check_dataset",
    "check_frame",
    "check_params",
    "get_preset",
    "initial_weights",
    "limits",
    "loss_landscape",
    "output_surface",
    "sigmoid",
    "sigmoid_derivative",
    "train",
    "train_many",
]
