"""How long the judge and the app wait; shared by both without importing torch."""

KILL_GRACE_S = 3.0  # the contestant's own watchdog fires first; this covers a wedged one
STARTUP_TIMEOUT_S = 120.0  # importing torch on a cold disk can take a while
WARM_CONTESTANTS = 2  # saves 1 s apart outrun one torch import; two spares keep up
