"""Spaces the starts with torch.linspace and rounds them to the nearest token instead of rounding down."""

EXERCISE = "analysis.evaluate_loss"
DIAGNOSIS = "starts rounded to the nearest token"


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    starts = torch.linspace(0, span, n).round().long().tolist()
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    losses = []
    try:
        with torch.no_grad():
            for b in range(batches):
                chunk = starts[b * batch_size:(b + 1) * batch_size]
                x = torch.stack([data[s:s + block_size] for s in chunk]).to(device)
                y = torch.stack([data[s + 1:s + block_size + 1] for s in chunk]).to(device)
                _, loss = model(x, y)
                losses.append(loss.item())
    finally:
        model.train(was_training)
    return sum(losses) / len(losses)
