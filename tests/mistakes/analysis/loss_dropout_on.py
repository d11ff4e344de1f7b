"""Forgets model.eval(): dropout stays on while the loss is measured."""

EXERCISE = "analysis.evaluate_loss"
DIAGNOSIS = "dropout on during evaluation"


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // max(n - 1, 1) for i in range(n)]
    losses = []
    with torch.no_grad():
        for b in range(batches):
            chunk = starts[b * batch_size:(b + 1) * batch_size]
            x = torch.stack([data[s:s + block_size] for s in chunk])
            y = torch.stack([data[s + 1:s + 1 + block_size] for s in chunk])
            losses.append(model(x, y)[1].item())
    return sum(losses) / len(losses)
