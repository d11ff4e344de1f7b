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


PROBE = "ROMEO:\nBut soft, what light through yonder window breaks?"


def compare_attention(run):
    """Your MultiHeadAttention's weights beside the reference's, same input, same weights."""
    yours = run.implementation("attention.MultiHeadAttention", "attention")
    from lessons.attention.reference import MultiHeadAttention as Reference

    text = PROBE[:32]
    chars = sorted(set(text))
    ids = torch.tensor([[chars.index(c) for c in text]])
    d_model, n_heads = 32, 4
    embed = torch.nn.Embedding(len(chars), d_model)
    reference = Reference(d_model, n_heads).eval()
    mine = yours(d_model, n_heads).eval()
    mine.load_state_dict(reference.state_dict(), strict=False)
    with torch.no_grad():
        x = embed(ids)
        reference(x)
        mine(x)
    labels = [repr(c)[1:-1] for c in text]
    for head in range(n_heads):
        run.progress(head / n_heads, f"head {head}")
        run.heatmap(f"head {head}: yours", mine.last_attention[0, head], labels, labels)
        run.heatmap(f"head {head}: reference", reference.last_attention[0, head], labels, labels)
    diff = float((mine.last_attention - reference.last_attention).abs().max())
    run.text(f"Largest difference between the two sets of weights: {diff:.2e}. Untrained weights give "
             "no pattern yet beyond the causal triangle: row t spreads its weight over positions 0..t.")
    run.progress(1.0, "done")


class _TwoReadouts(torch.nn.Module):
    """One attention layer whose output must name two things: the previous and the first token."""

    def __init__(self, attention_class, vocab, block, d_model, n_heads):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, d_model)
        self.position = torch.nn.Embedding(block, d_model)
        self.attention = attention_class(d_model, n_heads)
        self.previous = torch.nn.Linear(d_model, vocab)
        self.first = torch.nn.Linear(d_model, vocab)

    def forward(self, ids):
        h = self.embed(ids) + self.position(torch.arange(ids.size(1)))
        h = h + self.attention(h)
        return self.previous(h), self.first(h)


def heads_specialise(run):
    """Train one attention layer on a task that needs two different heads, then read their maps."""
    attention_class = run.implementation("attention.MultiHeadAttention", "attention")
    vocab, block, d_model, n_heads, steps = 16, 12, 32, 4, 250
    generator = torch.Generator().manual_seed(run.seed)
    model = _TwoReadouts(attention_class, vocab, block, d_model, n_heads)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    cross_entropy = torch.nn.functional.cross_entropy
    losses = []
    for step in range(steps):
        ids = torch.randint(0, vocab, (32, block), generator=generator)
        previous, first = model(ids)
        loss = (cross_entropy(previous[:, 1:].reshape(-1, vocab), ids[:, :-1].reshape(-1))
                + cross_entropy(first.reshape(-1, vocab), ids[:, :1].expand(-1, block).reshape(-1)))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if step % 25 == 0:
            run.progress(step / steps, f"training step {step} of {steps}, loss {losses[-1]:.3f}")
    run.lines("Training loss (previous-token + first-token cross-entropy)",
              {"loss": (list(range(steps)), losses)}, x_label="step", y_label="loss", log_y=True)
    attention_entropy = run.implementation("attention.attention_entropy", "attention")
    head_role = run.implementation("attention.head_role", "attention")
    with torch.no_grad():
        ids = torch.randint(0, vocab, (256, block), generator=generator)
        model(ids)
        weights = model.attention.last_attention  # (256, n_heads, T, T)
    entropy = attention_entropy(weights).mean(0)  # (n_heads,): each sequence's maps, averaged
    uniform = torch.ones(block, block).tril()
    uniform_entropy = float(attention_entropy(uniform / uniform.sum(-1, keepdim=True)))
    labels = [str(t) for t in range(block)]
    rows = []
    for head in range(n_heads):
        role = head_role(weights[:, head])
        rows.append([head, role, f"{float(entropy[head]):.2f}"])
        run.heatmap(f"head {head}: {role}", weights[:, head].mean(0), labels, labels)
    run.table("What each head does (256 random sequences)", ["head", "role", "entropy (nats)"], rows)
    run.text("The task asks every position to report the token just before it and the first token "
             "of the sequence. One head is enough for each, so heads split the work: a previous-token "
             "head puts its weight just below the diagonal, a first-token head on column 0. "
             f"Entropy says how many keys a head reads: {uniform_entropy:.2f} nats if it spread its weight "
             f"evenly over every visible key (ln(t+1) for row t, averaged over the {block} rows), 0 if each "
             "row looked at exactly one key.")
    run.progress(1.0, "done")
