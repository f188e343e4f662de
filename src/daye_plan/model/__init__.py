"""The domain, with no I/O and no command-line words: plan models and the rules that tie them
together, recorded figures, units and numbers, formulas, finding things by name, and the one
family of errors. Every other layer builds on this one; it imports none of them."""
