"""Perceptron Lab's engine: one sigmoid neuron, trained as in the teaching notebook.

Pure numpy and pandas; it never imports Streamlit, so everything here is usable
from the CLI, the tests and a notebook.
"""

from perceptron import limits
from perceptron.datasets import PRESETS, Preset, get_preset
from perceptron.history import History, StepView
from perceptron.landscape import loss_landscape, output_surface
from perceptron.maths import LOSSES, sigmoid, sigmoid_derivative
from perceptron.settings import SETTINGS, RunSpec
from perceptron.training import initial_weights, train, train_many
from perceptron.validation import DatasetError, Problem, check_dataset, check_frame, check_params

__all__ = [
    "LOSSES",
    "PRESETS",
    "SETTINGS",
    "DatasetError",
    "History",
    "Preset",
    "Problem",
    "RunSpec",
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
