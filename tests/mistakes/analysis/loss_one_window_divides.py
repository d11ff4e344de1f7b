"""Spaces the starts with span // (n - 1): right for two windows or more, ZeroDivisionError for one."""

EXERCISE = "analysis.evaluate_loss"
DIAGNOSIS = "one window, n = 1, divides by n - 1 = 0"


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = [i * span // (n - 1) for i in range(n)]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    total = 0.0
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                total += model(x, y)[1].item()
    finally:
        model.train(was_training)
    return total / batches
