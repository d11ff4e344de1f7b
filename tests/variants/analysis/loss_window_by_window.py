"""Scores each window alone (a batch of one) and averages the window losses: the batches are all
batch_size windows of block_size tokens, so the mean of the batch means is the mean over windows."""

EXERCISE = "analysis.evaluate_loss"


def evaluate_loss(model, data, block_size, batches, batch_size=8):
    n = batches * batch_size
    span = len(data) - block_size - 1
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            losses = []
            for i in range(n):
                s = i * span // max(n - 1, 1)
                x = data[s:s + block_size].unsqueeze(0).to(device)
                y = data[s + 1:s + block_size + 1].unsqueeze(0).to(device)
                losses.append(model(x, y)[1].item())
    finally:
        model.train(was_training)
    return sum(losses) / n
