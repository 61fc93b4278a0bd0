"""IPython magics: ``%ask QUESTION``, ``%%ask`` and ``%orderlens_config``.

Why thin (JupySQL's habit): the magics only parse options, call :func:`nl2sql.ask` and display
one :class:`lab.rendering.AnswerView`. Settings are traitlets with ``config=True`` on
:class:`AskMagics`, so ``%config AskMagics.today = "2026-01-31"`` and IPython profile config
files work, and ``%orderlens_config`` is a friendlier way to set the same traits.

``%ask``'s options are declared with IPython's ``magic_arguments`` (``%ask?`` lists them):
``--engine rules|llm|auto``, ``--sql`` (show the SQL unfolded), ``-o NAME`` (store the Answer in
the namespace), ``--today YYYY-MM-DD``, ``--new``. They are recognised anywhere in the line, and
the line is not shell-split (questions are free text and may contain quotes).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments
from IPython.display import display
from traitlets import Bool, CaselessStrEnum, Int, Unicode, default

from connectors.errors import ConnectorError
from connectors.warehouse import default_db_path
from lab.rendering import AnswerView, ErrorView
from nl2sql import ask as ask_question
from nl2sql.ask import get_model  # the process's one model cache (reloads edited YAML)
from nl2sql.options import ENGINES

log = logging.getLogger("orderlens.magics")


class MagicUsageError(ValueError):
    """A ``%ask`` line with a missing or invalid option value (shown, never raised at users)."""


@dataclass
class AskOptions:
    """What one ``%ask`` line asked for."""

    question: str
    engine: str | None = None
    out: str | None = None
    today: str | None = None
    sql: bool = False
    #: ignore the previous answer (no follow-up merging)
    new: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def parse_ask_line(line: str, cell: str | None = None) -> AskOptions:
    """Split a ``%ask`` line into options and the question (the rest, or the cell body).

    The options are the ``magic_arguments`` declared on :meth:`AskMagics.ask` (so ``%ask?``
    lists them). Two differences from IPython's ``parse_argstring``, both because a question is
    free text: the line is split on whitespace, not shell-split (``what's`` has a quote), and
    options may come anywhere (argparse's intermixed parsing). A word that starts with ``-``
    but is no option (``-5%``) stays in the question, where it was.

    >>> o = parse_ask_line("--sql -o res 各渠道的GMV")
    >>> (o.question, o.sql, o.out)
    ('各渠道的GMV', True, 'res')
    >>> parse_ask_line("what's revenue by channel --engine=rules").engine
    'rules'
    >>> parse_ask_line("--today 2026-01-31", "top 5 SKUs\\nby GMV").question
    'top 5 SKUs by GMV'
    >>> parse_ask_line("GMV change -5% --new").question
    'GMV change -5%'
    >>> parse_ask_line("--engine gpt revenue")
    Traceback (most recent call last):
    ...
    lab.magics.MagicUsageError: --engine must be one of rules, llm, auto (got 'gpt')
    """
    # @magic_arguments/@argument attach ``decorators`` and ``parser`` to the function at run
    # time; IPython's types do not declare them, so the function is read as Any here.
    magic: Any = AskMagics.ask
    options = {
        name for deco in magic.decorators for name in getattr(deco, "args", ()) if name[:1] == "-"
    }
    # words that look like options but are none are hidden from argparse, then put back
    hidden: dict[str, str] = {}
    tokens = []
    for i, tok in enumerate(line.split()):
        if tok[:1] == "-" and tok.partition("=")[0] not in options:
            hidden[f"\0{i}"] = tok
            tok = f"\0{i}"
        tokens.append(tok)
    try:
        args = magic.parser.parse_intermixed_args(tokens)
    except UsageError as exc:  # e.g. "argument -o/--out: expected one argument"
        raise MagicUsageError(str(exc)) from None
    words = [hidden.get(w, w) for w in args.question]
    question = " ".join(words)
    if cell is not None and cell.strip():
        question = " ".join([*words, *cell.split()])
    if args.engine and args.engine not in ENGINES:
        raise MagicUsageError(f"--engine must be one of {', '.join(ENGINES)} (got {args.engine!r})")
    if args.today:
        try:
            date.fromisoformat(args.today)
        except ValueError:
            raise MagicUsageError(f"--today must be YYYY-MM-DD (got {args.today!r})") from None
    if args.out and not args.out.isidentifier():
        raise MagicUsageError(f"-o needs a Python variable name (got {args.out!r})")
    return AskOptions(
        question=question.strip(),
        engine=args.engine,
        out=args.out,
        today=args.today,
        sql=args.sql,
        new=args.new,
    )


@magics_class
class AskMagics(Magics):
    """``%ask`` / ``%%ask`` / ``%orderlens_config``; settings below are ``%config``-able."""

    db = Unicode("", help="Warehouse file; empty = $ORDERLENS_DB or .orderlens/demo.duckdb.").tag(
        config=True
    )
    semantic_model = Unicode("", help="Semantic model directory; empty = built-in.").tag(
        config=True
    )
    engine = CaselessStrEnum(ENGINES, default_value="auto", help="Question engine.").tag(
        config=True
    )
    today = Unicode("", help="Relative dates ('last month') count from this YYYY-MM-DD.").tag(
        config=True
    )
    show_sql = Bool(False, help="Show the SQL unfolded by default.").tag(config=True)
    max_rows = Int(50, help="Rows of the result table shown in the display.").tag(config=True)

    @default("semantic_model")
    def _default_semantic_model(self) -> str:
        return os.environ.get("ORDERLENS_SEMANTIC_MODEL", "")  # set by `orderlens lab`

    def __init__(self, shell: Any = None, **kwargs: Any) -> None:
        super().__init__(shell=shell, **kwargs)
        #: the last answered question's follow-up context: "%ask 那京东呢？" continues it
        self._previous: dict[str, Any] | None = None

    def _model(self) -> Any:
        """The semantic model for the current setting (reloaded when its files change)."""
        return get_model(self.semantic_model or None)

    def _answer(self, opts: AskOptions) -> Any:
        answer = ask_question(
            opts.question,
            model=self._model(),
            db=self.db or None,
            engine=opts.engine or self.engine,
            today=opts.today or self.today or None,
            context=None if opts.new else self._previous,
        )
        if answer.ok:
            self._previous = answer.followup_context()
        return answer

    @line_cell_magic
    @magic_arguments()
    @argument("--engine", help=f"question engine: {', '.join(ENGINES)} (default: the setting)")
    @argument("--sql", action="store_true", help="show the SQL unfolded")
    @argument("-o", "--out", metavar="NAME", help="store the Answer in this variable")
    @argument("--today", metavar="YYYY-MM-DD", help="relative dates count from this day")
    @argument("--new", action="store_true", help="ignore the previous answer (no follow-up)")
    # help texts are %-formatted by argparse, so "%%%%" shows as "%%"
    @argument("question", nargs="*", help="the question (%%%%ask: the cell body)")
    def ask(self, line: str, cell: str | None = None) -> None:
        """Answer a question about the warehouse: ``%ask 最近30天各渠道的GMV``.

        Options may come anywhere in the line; ``%%ask`` takes the question from the cell
        body. A follow-up ("%ask 那京东呢？", "%ask only last month") continues the session's
        last answered question; ``--new`` asks without it.
        """
        try:
            opts = parse_ask_line(line, cell)
        except MagicUsageError as exc:
            display(ErrorView(line.strip(), str(exc), "Usage: %ask [--sql] [-o NAME] QUESTION"))
            return
        if not opts.question:
            display(ErrorView("", "no question given", "Usage: %ask [--sql] [-o NAME] QUESTION"))
            return
        try:
            answer = self._answer(opts)
        except Exception as exc:  # business users get the message, never a traceback
            log.debug("ask failed", exc_info=True)
            display(ErrorView(opts.question, _user_message(exc), _hint(exc)))
            return
        if opts.out and self.shell is not None:
            self.shell.user_ns[opts.out] = answer
        display(AnswerView(answer, show_sql=opts.sql or self.show_sql, max_rows=self.max_rows))

    @line_magic
    def orderlens_config(self, line: str) -> None:
        """Show or set settings: ``%orderlens_config db=w.duckdb today=2026-11-20 model=DIR``.

        Keys: ``db``, ``model`` (semantic model dir), ``engine``, ``today``, ``show_sql``,
        ``max_rows``; ``key=`` (empty) resets to the default.
        """
        aliases = {"model": "semantic_model", "database": "db"}
        try:
            for item in line.split():
                key, sep, value = item.partition("=")
                if not sep:
                    raise MagicUsageError(f"expected key=value, got {item!r}")
                trait = aliases.get(key, key)
                if trait not in self.class_trait_names(config=True):
                    known = "db, model, engine, today, show_sql, max_rows"
                    raise MagicUsageError(f"unknown setting {key!r}; known: {known}")
                if trait == "today" and value:
                    date.fromisoformat(value)
                if not value:
                    self.set_trait(trait, self.traits()[trait].default_value)
                    continue
                if trait == "show_sql":
                    self.show_sql = value.lower() in {"1", "true", "yes", "on"}
                elif trait == "max_rows":
                    self.max_rows = int(value)
                else:
                    self.set_trait(trait, value)
        except (MagicUsageError, ValueError) as exc:
            display(ErrorView("%orderlens_config " + line.strip(), str(exc)))
            return
        print(self.settings_text())

    def settings_text(self) -> str:
        """The current settings, with the defaults they fall back to."""
        return "\n".join(
            [
                f"db        = {self.db or f'{default_db_path()} (default)'}",
                f"model     = {self.semantic_model or '(built-in)'}",
                f"engine    = {self.engine}",
                f"today     = {self.today or '(today)'}",
                f"show_sql  = {self.show_sql}",
                f"max_rows  = {self.max_rows}",
            ]
        )


def _user_message(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0] if len(text) > 600 else text


def _hint(exc: BaseException) -> str:
    if isinstance(exc, ConnectorError):
        return "Point %orderlens_config db=FILE at a warehouse (or build the demo: orderlens demo)."
    if isinstance(exc, ModuleNotFoundError | ImportError):
        return "OrderLens is not fully installed in this kernel: pip install -e . in its venv."
    return ""


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext lab``: register the magics (also makes ``%config AskMagics`` work)."""
    ipython.register_magics(AskMagics(shell=ipython))


def unload_ipython_extension(ipython: Any) -> None:
    """``%unload_ext lab``: remove the magics and their configurable."""
    manager = ipython.magics_manager
    for kind, names in (("line", ("ask", "orderlens_config")), ("cell", ("ask",))):
        for name in names:
            manager.magics[kind].pop(name, None)
    manager.registry.pop("AskMagics", None)
    ipython.configurables[:] = [c for c in ipython.configurables if not isinstance(c, AskMagics)]
