"""The passes of the rules engine, one module each; :mod:`nl2sql.rules.parser` runs them."""
