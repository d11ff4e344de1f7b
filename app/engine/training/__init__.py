"""Pretraining runs: configuration and presets, the detached worker, checkpoints, launching.

`config` and `launch` never import torch at module level (the app and the CLI use them);
`worker`, `checkpoints` and `device` do, and run in the worker or in a sampling process.
"""
