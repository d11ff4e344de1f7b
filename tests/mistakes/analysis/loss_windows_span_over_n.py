"""Spaces the windows span // n apart: the last window starts short of the end of the data."""

EXERCISE = "analysis.evaluate_loss"
DIAGNOSIS = "windows spaced span // n apart"


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // n for i in range(n)]
    was_training = model.training
    model.eval()
    losses = []
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk])
                y = torch.stack([data[s + 1:s + 1 + block_size] for s in chunk])
                losses.append(model(x, y)[1].item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
