"""Experiments of lesson 12.1: see what attention does that a recurrence cannot."""

import math

import torch

SEEDS = 5  # averaging over a few random initialisations smooths the curves


def gradient_flow(run):
    """Gradient norm of the last output w.r.t. each earlier input: RNN and GRU vs attention."""
    T, d = 64, 32
    flow = run.implementation("attention.rnn_vs_attention_gradient_flow", "attention")
    totals = None
    for index in range(SEEDS):
        run.progress(index / SEEDS, f"initialisation {index + 1} of {SEEDS}")
        norms = flow(T, d, seed=run.seed + index)
        totals = {name: norms[name].detach().double() + (totals[name] if totals else 0) for name in norms}
    mean = {name: (total / SEEDS).flip(0) for name, total in totals.items()}  # index = distance back
    distances = list(range(1, T))
    run.lines(
        "‖∂y_last/∂x_t‖ against distance back from the last position",
        {name: (distances, values[1:].tolist()) for name, values in mean.items()},
        x_label="distance (positions back)", y_label="gradient norm", log_y=True,
    )
    shown = [1, 3, 10, 30, 60]
    run.table(
        "Gradient norm at a distance (mean of 5 initialisations)",
        ["distance", *mean, "attention / rnn"],
        [[k, *(f"{float(values[k]):.2e}" for values in mean.values()), f"{float(mean['attention'][k] / mean['rnn'][k]):.1e}"] for k in shown],
    )
    ratio = float(mean["attention"][30] / mean["rnn"][30])
    run.text(
        f"Thirty positions back, attention's gradient is about 10^{math.log10(ratio):.0f} times the RNN's. "
        "Each step of a recurrence multiplies the gradient by the Jacobian ∂h_t/∂h_(t-1); with "
        "norms below 1 the product shrinks geometrically, which is the straight falling "
        "line of the RNN on this log-scale plot. The GRU's gates slow the decay but do not stop it. "
        "In attention every input is one weighted sum away from every output, so the curve stays flat."
    )
    run.progress(1.0, "done")
