"""``python -m perceptron`` prints what the notebook printed, and refuses bad input cleanly."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import perceptron
from perceptron import cli

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = Path("/work/shared/seed/notebook.txt")

# The notebook's printed output, copied from the cells' Out sections. (print() puts a space
# before its "\n our layer 1 error" argument, hence the \N{SPACE} at the end of one line.)
NOTEBOOK_OUTPUT = """\
original synapse weights
 [[-0.16595599]
 [ 0.44064899]]
our layer 1 predictions
 [[0.60841366]
 [0.60841366]
 [0.45860596]
 [0.45860596]]\N{SPACE}
 our layer 1 error compared to actual outputs
 [[ 0.60841366]
 [ 0.60841366]
 [-0.54139404]
 [-0.54139404]]
how much we should adjust our synapse values by
 [[-0.2688417 ]
 [ 0.28990482]]
new synapse value
 [[0.10288571]
 [0.15074416]]
Output After Training:
Synapse weights
 [[ 5.28321694]
 [-5.28316892]]
Synapse predictions
 [[0.00505094]
 [0.00505094]
 [0.99494931]
 [0.99494931]]
"""


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_default_output_is_the_notebooks_verbatim():
    code, out, err = run_main()
    assert (code, err) == (0, "")
    assert out == NOTEBOOK_OUTPUT


@pytest.mark.skipif(not NOTEBOOK.exists(), reason="seed notebook not mounted")
def test_every_printed_block_appears_in_the_seed_notebook():
    notebook = NOTEBOOK.read_text()
    blocks = re.split(r"\n(?=[a-zA-Z])", NOTEBOOK_OUTPUT)  # one block per printed heading
    assert len(blocks) == 7
    for block in blocks:
        assert block.strip() in notebook


def test_output_ignores_callers_print_options():
    with np.printoptions(precision=3, suppress=True):
        _, out, _ = run_main()
    assert " [[ 5.28321694]\n [-5.28316892]]" in out


def test_module_entry_point_in_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "perceptron"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTEBOOK_OUTPUT
    assert " [[-0.16595599]\n [ 0.44064899]]" in done.stdout


def test_options_reach_the_engine():
    argv = ["--preset", "and", "--bias", "--loss", "cross_entropy", "--learning-rate", "0.5"]
    code, out, _ = run_main(*argv, "--seed", "7", "--iterations", "300", "--json")
    assert code == 0
    summary = json.loads(out)
    preset = perceptron.get_preset("and")
    h = perceptron.train(preset.X, preset.y, 7, 300, 0.5, True, "cross_entropy")
    assert summary == json.loads(json.dumps(h.summary()))
    assert summary["weight_names"] == ["w1", "w2", "b"]


def test_csv_input(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x1,x2,y\n0,1,0\n0, 1,0\n1,0,1\n1,0,1\n")
    code, out, _ = run_main("--csv", str(path))
    assert code == 0 and out == NOTEBOOK_OUTPUT


def test_csv_with_unicode_minus_reads_as_minus(tmp_path):
    # A table pasted from a document carries U+2212; the CLI reads it as the app does
    typed, plain = tmp_path / "typed.csv", tmp_path / "plain.csv"
    typed.write_text("x1,x2,y\n\u22121,0.5,0\n1,\u22120.5,1\n", encoding="utf-8")
    plain.write_text("x1,x2,y\n-1,0.5,0\n1,-0.5,1\n")
    code, out, err = run_main("--csv", str(typed), "--iterations", "20", "--json")
    assert (code, err) == (0, "")
    assert run_main("--csv", str(plain), "--iterations", "20", "--json")[1] == out
    h = perceptron.train([[-1, 0.5], [1, -0.5]], [0, 1], iterations=20)
    assert json.loads(out)["final_weights"] == h.weights[-1].tolist()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x1,x2,y\n0,1,0\n0,abc,1\n", "Row 2, column 'x2': 'abc' is not a number"),
        ("x1,x2,y\n0,1,0\n,1,1\n", "Row 2, column 'x1': is empty"),
        (
            "x1,x2,y\n0,1,7\n",
            "Row 1, column 'y': '7' is outside 0 to 1; a target is 0, 1 or a value in between",
        ),
        (
            'x1,x2,y\n0,"0,5",0\n',
            "Row 1, column 'x2': '0,5' has a comma: write decimals with a point (0.5), "
            "no thousands commas",
        ),
        ("x1,x2,y\n0,1,0\n1e999,0,1\n", "Row 2, column 'x1': '1e999' is too large to use"),
        ("x1,x2,y\n1_000,1,0\n", "Row 1, column 'x1': '1_000' is not a number"),
        ("x1,x2,y\n0,NaN,0\n", "Row 1, column 'x2': 'NaN' is not a number"),
        ("x1,x2\n0,1\n", "'y' column"),
        ("x1,x2,y\n0,1,0,5,5\n", "more cells than the header"),
        ("x1,x2,y\n0,1\n", "Row 1, column 'y': is empty"),
        ("", "not a readable CSV"),
    ],
)
def test_bad_csv_exits_2_with_the_validation_message(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    code, out, err = run_main("--csv", str(path))
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_oversized_csv_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("x1,x2,y\n" + "0,1,0\n" * 200_000)
    code, _, err = run_main("--csv", str(path))
    assert code == 2 and "the limit is 1,000,000" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seed", "-1"], "seed: must be a whole number"),
        (["--seed", str(2**32)], "seed: must be a whole number"),
        (["--iterations", "-1"], "iterations: must be a whole number"),
        (["--iterations", "1.5"], "invalid int value"),
        (["--iterations", str(perceptron.limits.MAX_ITERATIONS + 1)], "more than the limit"),
        (["--learning-rate", "0"], "learning_rate: must be a finite number > 0"),
        (["--learning-rate", "inf"], "learning_rate: must be a finite number > 0"),
        (["--learning-rate", "abc"], "invalid float value"),
        (["--loss", "hinge"], "invalid choice"),
        (["--preset", "nope"], "invalid choice"),
        (["--preset", "and", "--csv", "x.csv"], "not allowed with"),
        (["--csv", "/definitely/not/here.csv"], "cannot read"),
    ],
)
def test_bad_arguments_exit_2(argv, message, capsys):
    code, out, err = run_main(*argv)
    argparse_err = capsys.readouterr().err  # argparse writes its own usage errors
    assert code == 2 and out == ""
    assert message in err + argparse_err
    assert "Traceback" not in err + argparse_err


def test_bad_argument_in_subprocess_has_no_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "perceptron", "--learning-rate", "-1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == (
        "python -m perceptron: error: learning_rate: must be a finite number > 0, got -1.0"
    )


def test_help_explains_with_examples(capsys):
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    for option in (
        "--seed",
        "--iterations",
        "--learning-rate",
        "--bias",
        "--loss",
        "--preset",
        "--csv",
        "--json",
        "examples:",
    ):
        assert option in text


def test_divergence_is_reported_not_raised(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("x1,x2,y\n1e306,1e306,0\n")
    argv = ["--csv", str(path), "--loss", "cross_entropy", "--learning-rate", "1000"]
    code, out, err = run_main(*argv, "--iterations", "5")
    assert code == 0
    assert "diverged at step 1" in err
    assert re.search(r"Synapse weights\n \[\[-0\.16595599\]", out)  # the last finite step


def test_zero_iterations_prints_only_the_draw():
    code, out, _ = run_main("--iterations", "0")
    assert code == 0 and "new synapse value" not in out
    assert out.endswith(
        "Synapse predictions\n [[0.60841366]\n [0.60841366]\n [0.45860596]\n [0.45860596]]\n"
    )
