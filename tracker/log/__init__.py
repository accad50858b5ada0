"""The training log: the runner's profile, runs, strength sessions and their sets, leg
measurements, protein, and the exercises a runner adds for themselves; their forms and pages."""
