"""Grading: the judge (checks and references) and the contestant (the learner's code), apart.

May import lessons' checks, `app.engine.results` and `app.engine.bans`; never textual.
`wire`, `sandbox` and `contestant` are loaded by file path in the contestant: stdlib, torch, numpy only.
"""
