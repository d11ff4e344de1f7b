"""Stands in for `python -m app.engine.sampling` in the sampler's tests: the same JSON-lines
protocol ({"text"} per token, then {"done"} or {"error"}), without torch."""

import json
import sys

step, options, prompt = int(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
if "é" in prompt:
    print(json.dumps({"error": "'é' is not among this corpus's 65 characters"}), flush=True)
    sys.exit(1)
for token in f" from step {step} with seed {options['seed']}".split(" ")[1:]:
    print(json.dumps({"text": " " + token}), flush=True)
print(json.dumps({"done": True, "step": step}), flush=True)
