"""Names and limits every way into the question engine shares (engine, CLI, ``%ask``, server).

Why one module: the engine names and the question length limit used to be copied into the CLI,
the magics and the server, and the copies drifted (the server accepted 500 characters that the
engine then refused at 400). Anything that validates a question before it reaches
:func:`nl2sql.ask.ask` imports these instead of restating them.

>>> ENGINES, MAX_QUESTION_CHARS
(('rules', 'llm', 'auto'), 400)
"""

from __future__ import annotations

#: The question engines :func:`nl2sql.ask.ask` accepts: offline rules, the LLM, or rules first
#: with the LLM as fallback when one is configured.
ENGINES: tuple[str, ...] = ("rules", "llm", "auto")

#: The longest question any engine accepts (characters). A longer text is several questions or
#: a pasted document; it is refused with this number in the message.
MAX_QUESTION_CHARS = 400
