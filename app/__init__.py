"""tinylm-tui: the Textual app, the CLI and the engine behind them."""
