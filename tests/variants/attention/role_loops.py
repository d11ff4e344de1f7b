"""Python loops over the rows, roles checked in a different order."""

EXERCISE = "attention.head_role"


def head_role(weights):
    T = weights.shape[-1]
    avg = weights.reshape(-1, T, T).mean(dim=0)
    rows = range(2, T)
    on_self = sum(float(avg[t, t]) for t in rows) / len(rows)
    on_first = sum(float(avg[t, 0]) for t in rows) / len(rows)
    on_previous = sum(float(avg[t, t - 1]) for t in rows) / len(rows)
    if on_self > 0.5:
        return "self"
    if on_first > 0.5:
        return "first-token"
    if on_previous > 0.5:
        return "previous-token"
    return "broad"
