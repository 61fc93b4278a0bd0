"""The offline, deterministic rules engine: question -> ``SemanticQuery`` or a refusal.

Why rules and a refusal instead of a best guess: a business user who gets a confident wrong
number is worse off than one who is told "I don't know '颜色'; did you mean 类目 (category)?".
So every word of the question must be accounted for — a model term (from the catalog), a time
expression, a number, or general language — and every structure must resolve to exactly one
reading; anything else ends in :class:`Understanding` with ``refused=True`` and suggestions.

The pipeline: normalize -> find time expressions -> split the rest into units -> fix English
typos against the model's words -> leftmost-longest match of model terms and general words
(jieba segments leftovers) -> passes over the item list (thresholds, top-N, group-by, counts,
filters, sorting) -> validation against the catalog.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from dataclasses import dataclass, field

from nl2sql.general import ABBREVIATIONS, GRAINS, SINGLE_CHAR_STOP, STOP_EN, STOP_ZH
from nl2sql.lexicon import (
    Lexicon,
    Sense,
    acronyms,
    correct_typo,
    lexicon_for,
    normalize,
    segment,
    units,
)
from nl2sql.timeparse import TimeMatch, find_times
from semantic_layer.catalog import Catalog
from semantic_layer.query import (
    DimensionFilter,
    MetricThreshold,
    OrderBy,
    SemanticQuery,
)

MAX_QUESTION_CHARS = 400
DEFAULT_TOP_N = 10


@dataclass
class Item:
    """One understood piece of the question."""

    kind: str  # domain | role | num | time | unknown | stop
    text: str
    start: int
    end: int
    senses: list[Sense] = field(default_factory=list)
    role: str = ""
    number: float | None = None
    pct: bool = False
    time: TimeMatch | None = None
    used: bool = False
    sense: Sense | None = None  # resolved sense

    def is_kind(self, kind: str) -> bool:
        """Whether the item is a model term of ``kind`` (metric/dimension/entity/value)."""
        if self.kind != "domain":
            return False
        if self.sense is not None:
            return self.sense.kind == kind
        return any(s.kind == kind for s in self.senses)


@dataclass
class Understanding:
    """What the rules engine made of a question."""

    question: str
    query: SemanticQuery | None = None
    refused: bool = False
    reason: str = ""
    suggestions: list[str] = field(default_factory=list)
    lang: str = "en"
    time: TimeMatch | None = None
    notes: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0


class Refusal(Exception):
    """Raised inside the passes; turned into a refused :class:`Understanding`."""

    def __init__(self, reason: str, suggestions: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.suggestions = suggestions or []


def detect_lang(question: str) -> str:
    """``zh`` when the question contains Chinese characters, else ``en``.

    >>> detect_lang("各渠道GMV"), detect_lang("GMV by channel")
    ('zh', 'en')
    """
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in question) else "en"


# ---------------------------------------------------------------------------- tokenizing
def _cjk_boundaries(text: str) -> set[int]:
    """Positions where jieba starts or ends a word inside each run of Chinese characters."""
    bounds: set[int] = set()
    i = 0
    while i < len(text):
        if "\u3400" <= text[i] <= "\u9fff":
            j = i
            while j < len(text) and "\u3400" <= text[j] <= "\u9fff":
                j += 1
            pos = i
            bounds.add(i)
            for word in segment(text[i:j]):
                pos += len(word)
                bounds.add(pos)
            i = j
        else:
            i += 1
    return bounds


def _items(
    text: str,
    times: list[TimeMatch],
    lex: Lexicon,
    notes: list[str],
    caps: frozenset[str] = frozenset(),
) -> list[Item]:
    items: list[Item] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for tm in times:
        spans.append((pos, tm.start))
        pos = tm.end
    spans.append((pos, len(text)))
    bounds = _cjk_boundaries(text)
    for idx, (a, b) in enumerate(spans):
        items.extend(_match_segment(text, a, b, lex, bounds, notes, caps))
        if idx < len(times):
            tm = times[idx]
            items.append(Item("time", text[tm.start : tm.end], tm.start, tm.end, time=tm))
    items.sort(key=lambda it: it.start)
    return items


def _match_segment(
    text: str,
    a: int,
    b: int,
    lex: Lexicon,
    bounds: set[int],
    notes: list[str],
    caps: frozenset[str] = frozenset(),
) -> list[Item]:
    us = units(text[a:b], offset=a)
    known_words = lex.vocab_words
    texts = [u.text for u in us]
    for k, u in enumerate(us):
        if (
            u.kind == "word"
            and u.text in ABBREVIATIONS
            and not any(
                tuple(texts[k : k + n]) in lex.terms
                for n in range(1, min(lex.max_len, len(us) - k) + 1)
            )
        ):
            texts[k] = ABBREVIATIONS[u.text]  # "avg order value", "refund amt"
            continue
        if (
            u.kind == "word"
            and (u.text,) not in lex.terms
            and (u.text,) not in lex.general
            and u.text not in STOP_EN
            and u.text not in _word_index(lex)
        ):
            fixed = correct_typo(u.text, lex)
            if fixed and fixed in known_words:
                notes.append(f"'{u.text}' read as '{fixed}'")
                texts[k] = fixed
    out: list[Item] = []
    leftover: list[int] = []  # indexes of unmatched CJK units

    def flush() -> None:
        if not leftover:
            return
        start, end = us[leftover[0]].start, us[leftover[-1]].end
        pos = start
        for word in segment(text[start:end]):
            kind = (
                "stop"
                if (word in STOP_ZH or (len(word) == 1 and word in SINGLE_CHAR_STOP))
                else "unknown"
            )
            out.append(Item(kind, word, pos, pos + len(word)))
            pos += len(word)
        leftover.clear()

    i = 0
    n = len(us)
    last_end = -1
    while i < n:
        matched = False
        for length in range(min(lex.max_len, n - i), 0, -1):
            seq = tuple(texts[i : i + length])
            s, e = us[i].start, us[i + length - 1].end
            # a phrase never spans a gap in the original text other than spaces
            senses = lex.terms.get(seq)
            if not senses and length == 1 and seq[0] in caps:
                senses = lex.caps_terms.get(seq)
            if senses:
                flush()
                out.append(Item("domain", text[s:e], s, e, senses=list(senses)))
                last_end = e
                i += length
                matched = True
                break
            role = lex.general.get(seq)
            if role and (
                us[i].kind != "cjk"
                or ((s in bounds or s == last_end) and (e in bounds or i + length == n))
            ):
                flush()
                out.append(Item("role", text[s:e], s, e, role=role))
                i += length
                matched = True
                break
        if matched:
            continue
        u = us[i]
        if u.kind == "cjk":
            leftover.append(i)
        else:
            flush()
            if u.kind == "num":
                pct = i + 1 < n and us[i + 1].text == "%"
                end = us[i + 1].end if pct else u.end
                out.append(
                    Item("num", text[u.start : end], u.start, end, number=float(u.text), pct=pct)
                )
                i += 2 if pct else 1
                continue
            if u.kind == "word":
                out.append(
                    Item("stop" if texts[i] in STOP_EN else "unknown", texts[i], u.start, u.end)
                )
            elif u.text in "?!.;:()[]{}\"'`~-_/|" or u.kind == "op" or _is_decoration(u.text):
                out.append(Item("stop", u.text, u.start, u.end))
            else:
                out.append(Item("unknown", u.text, u.start, u.end))
        i += 1
    flush()
    return out


def _is_decoration(ch: str) -> bool:
    """Punctuation, symbols and emoji ("GMV by channel 😀", "…", "→") carry no meaning here.

    >>> _is_decoration("😀"), _is_decoration("…"), _is_decoration("é")
    (True, True, False)
    """
    return all(
        unicodedata.category(c)[0] in "PSZ" or unicodedata.category(c) in ("Mn", "Cf") for c in ch
    )


_word_cache: dict[int, frozenset[str]] = {}


def _word_index(lex: Lexicon) -> frozenset[str]:
    got = _word_cache.get(id(lex))
    if got is None:
        got = frozenset(w for key in list(lex.terms) + list(lex.general) for w in key)
        _word_cache[id(lex)] = got
    return got


# ---------------------------------------------------------------------------- understanding
def understand(question: str, catalog: Catalog, today: dt.date | None = None) -> Understanding:
    """Map ``question`` onto ``catalog``; refuse rather than guess."""
    t0 = time.perf_counter()
    today = today or dt.date.today()
    result = Understanding(question=question, lang=detect_lang(question))
    try:
        if not question or not question.strip():
            raise Refusal("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise Refusal(
                f"the question is too long ({len(question)} characters, at most "
                f"{MAX_QUESTION_CHARS}); ask one thing at a time"
            )
        lex = lexicon_for(catalog)
        text = normalize(question)
        times = find_times(text, today)
        items = _items(text, times, lex, result.notes, acronyms(question))
        parser = _Parser(items, lex, catalog, today, result)
        result.query = parser.parse()
    except Refusal as r:
        result.refused, result.reason = True, r.reason
        # a refusal always offers a way forward: the closest terms, else what can be asked
        result.suggestions = r.suggestions or [
            f"metric {m.label} ({m.name})" for m in catalog.metrics[:8]
        ]
        result.query = None
    result.elapsed_ms = (time.perf_counter() - t0) * 1000
    return result


_GROUPABLE = ("dimension", "entity")


class _Parser:
    """The passes over the item list; each marks the items it consumes."""

    def __init__(
        self,
        items: list[Item],
        lex: Lexicon,
        catalog: Catalog,
        today: dt.date,
        result: Understanding,
    ) -> None:
        self.all = items
        self.its = [it for it in items if it.kind != "stop"]
        self.lex, self.catalog, self.today, self.result = lex, catalog, today, result
        self.metrics: list[str] = []
        self.group_by: list[str] = []
        self.filters: list[DimensionFilter] = []
        self.having: list[MetricThreshold] = []
        self.order_by: list[OrderBy] = []
        self.limit: int | None = None
        self._context_entities: list[Item] = []
        self._by_metric: str | None = None
        self._pending_rank: tuple[str | None, bool, int] | None = None
        self._threshold_items: list[Item] = []  # the words of every HAVING condition
        self._counted = False  # "how many X" already named the metric
        self._open_which = False  # a "which/哪个" not followed by what it picks

    # -- helpers -------------------------------------------------------------------------
    def _at(self, i: int) -> Item | None:
        return self.its[i] if 0 <= i < len(self.its) else None

    def _role(self, i: int, prefix: str) -> bool:
        it = self._at(i)
        return it is not None and it.kind == "role" and it.role.startswith(prefix)

    def _add_metric(self, name: str) -> None:
        if name not in self.metrics:
            self.metrics.append(name)

    def _add_group(self, name: str) -> None:
        if name not in self.group_by:
            self.group_by.append(name)

    def _group_name(self, it: Item) -> str | None:
        if it.kind == "role" and it.role.startswith(("grain:", "grainadj:")):
            return f"metric_time__{it.role.split(':')[1]}"
        sense = self._resolve(it, _GROUPABLE)
        if sense is None:
            return None
        return sense.name

    def _resolve(self, it: Item, kinds: tuple[str, ...]) -> Sense | None:
        """The one sense of ``it`` among ``kinds`` (refuses when several remain)."""
        if it.kind != "domain":
            return None
        if it.sense is not None:
            return it.sense if it.sense.kind in kinds else None
        cands = [s for s in it.senses if s.kind in kinds]
        if not cands:
            return None
        if len(cands) > 1:
            cands = self._disambiguate(it, cands)
        it.sense = cands[0]
        return it.sense

    def _disambiguate(self, it: Item, cands: list[Sense]) -> list[Sense]:
        # a dimension word that is also one of its own values ("预售"): the value (a filter)
        vals = [s for s in cands if s.kind == "value"]
        if (
            vals
            and all(
                s.kind == "value" or (s.kind == "dimension" and s.name == vals[0].name)
                for s in cands
            )
            and len({s.name for s in vals}) == 1
            and len({s.value for s in vals}) == 1
        ):
            return vals[:1]
        # a value next to the name of one of its dimensions ("华东地区", "channel jd")
        if vals:
            idx = self.its.index(it) if it in self.its else -1
            near = [self._at(idx - 1), self._at(idx + 1)] if idx >= 0 else []
            near_dims = {
                s.name
                for x in near
                if x is not None and x.kind == "domain"
                for s in x.senses
                if s.kind == "dimension"
            }
            close = [s for s in vals if s.name in near_dims]
            if len({s.name for s in close}) == 1:
                return close[:1]
        strong = [s for s in cands if s.strong]
        if len(strong) == 1:
            return strong
        cands = strong or cands
        # an entity and a dimension of the same name ("nation" / Nation name): the dimension is
        # the readable column users mean; the entity key is what they get when nothing else fits
        ents = [s for s in cands if s.kind == "entity"]
        dims = [s for s in cands if s.kind == "dimension"]
        if len(ents) == 1 and len(dims) == 1 and len(cands) == 2:
            return dims
        metric_names = self.metrics or [
            ms[0].name
            for x in self.its
            if x.kind == "domain"
            for ms in [[s for s in x.senses if s.kind == "metric"]]
            if len(ms) == 1
        ]
        if metric_names and all(s.kind in ("dimension", "value") for s in cands):
            ok = [s for s in cands if all(self._metric_allows(m, s.name) for m in metric_names)]
            if len(ok) == 1:
                return ok
            if ok:
                cands = ok
            nearest = self._nearest_same_dimension(cands, metric_names)
            if nearest is not None:
                return [nearest]
        if len({(s.kind, s.name) for s in cands}) == 1:
            return cands[:1]
        opts = [self.lex.describe(s) for s in cands]
        raise Refusal(
            f"'{it.text}' is ambiguous: it could be " + " or ".join(opts) + "; say which one", opts
        )

    def _nearest_same_dimension(self, cands: list[Sense], metrics: list[str]) -> Sense | None:
        """One dimension copied along a join path ("destination_country" of the shipment and of
        its order): the copy nearest the metric's own rows, the way the metric's dimension list
        orders them. Different dimensions (customer region vs destination region) stay
        ambiguous."""
        if (
            len(cands) < 2
            or len({(s.kind, s.value) for s in cands}) != 1
            or len({s.name.split("__")[-1] for s in cands}) != 1
        ):
            return None
        order = None
        for m in metrics:
            cm = self.catalog.metric(m)
            if cm is None or not all(s.name in cm.dimensions for s in cands):
                return None
            pos = sorted(cands, key=lambda s: cm.dimensions.index(s.name))[0]
            if order is not None and pos != order:
                return None
            order = pos
        return order

    def _metric_allows(self, metric: str, name: str) -> bool:
        m = self.catalog.metric(metric)
        if m is None or not m.dimensions or name.startswith("metric_time"):
            return True
        if name in m.dimensions:
            return True
        # entity group-by: allowed when the metric reaches any dimension of that entity
        return any(d.startswith(f"{name}__") or d == name for d in m.dimensions)

    def count_metric(self, it: Item) -> str | None:
        """The metric that counts what ``it`` names ("orders" -> order_count), if the model has one."""
        metric_senses = [s for s in it.senses if s.kind == "metric"]
        if len(metric_senses) == 1 and it.kind == "domain":
            return metric_senses[0].name
        sense = self._resolve(it, ("entity", "dimension", "metric"))
        if sense is None:
            return None
        if sense.kind == "metric":
            return sense.name
        words: set[str] = set()
        if sense.kind == "entity":
            ent = next((e for e in self.catalog.entities if e.name == sense.name), None)
            base = [sense.name] + ([ent.label, *ent.synonyms] if ent else [])
        else:
            dim = self.catalog.dimension(sense.name)
            base = [sense.name.split("__")[-1]] + ([dim.label, *dim.synonyms] if dim else [])
        for w in base:
            words.add(normalize(w.replace("_", " ")))
        words.add(normalize(it.text))
        cands: list[tuple[int, str]] = []
        for m in self.catalog.metrics:
            forms = {normalize(x.replace("_", " ")) for x in (m.name, m.label, *m.synonyms)}
            for w in words:
                ascii_w = w.replace(" ", "_")
                wp = w.rstrip("s")
                name_forms = {
                    f"{ascii_w}_count",
                    f"{ascii_w}s",
                    f"num_{ascii_w}s",
                    f"{ascii_w}s_count",
                    f"count_{ascii_w}s",
                    f"n_{ascii_w}s",
                    f"{ascii_w}_cnt",
                    f"number_of_{ascii_w}s",
                    f"total_{ascii_w}s",
                    f"{ascii_w}_num",
                    f"{wp}_count",
                }
                if m.name in name_forms:
                    cands.append((0, m.name))
                elif forms & {
                    f"{w}数",
                    f"{w}数量",
                    f"{w}量",
                    f"{w}总数",
                    f"{w} count",
                    f"{wp} count",
                    f"number of {w}",
                    f"number of {wp}s",
                    f"{wp}s",
                    f"{w}个数",
                    f"{w}笔数",
                    f"{w}单数",
                }:
                    cands.append((1, m.name))
        if not cands:
            return None
        best = min(c[0] for c in cands)
        names = sorted({n for r, n in cands if r == best})
        if len(names) > 1:
            opts = [self.lex.describe(Sense("metric", n)) for n in names]
            raise Refusal(f"counting '{it.text}' is ambiguous: " + " or ".join(opts), opts)
        return names[0]

    # -- passes --------------------------------------------------------------------------
    def parse(self) -> SemanticQuery:
        self._check_unknown()
        self._metric_or_noun()
        self._time()
        self._grains()
        self._thresholds()
        self._top_bottom()
        self._group_markers()
        self._which()
        self._how_many()
        self._values()
        self._booleans()
        self._bare()
        self._metrics()
        self._sort()
        self._trend()
        self._leftovers()
        return self._build()

    def _listed(self, i: int) -> bool:
        """Whether item ``i`` is part of a list of metrics ("GMV, orders and AOV")."""
        for step in (-1, 1):
            j = i + step
            while self._role(j, "and"):
                j += step
            x = self._at(j)
            if (
                j != i + step
                and x is not None
                and x.kind == "domain"
                and any(s.kind == "metric" for s in x.senses)
            ):
                return True
        return False

    def _metric_or_noun(self) -> None:
        """A word that names both a metric and a thing ("orders", "customers") is the thing
        when another word of the question is unambiguously a metric ("GMV of refunded orders",
        "top 10 customers by GMV")."""

        def only_metric(x: Item) -> bool:
            return x.kind == "domain" and all(s.kind == "metric" for s in x.senses)

        if not any(only_metric(x) for x in self.its):
            return

        for i, x in enumerate(self.its):
            if self._listed(i):
                continue
            if (
                x.kind == "domain"
                and not only_metric(x)
                and any(s.kind == "metric" for s in x.senses)
                and any(s.kind in ("entity", "dimension") for s in x.senses)
            ):
                x.senses = [s for s in x.senses if s.kind != "metric"]

    def _check_unknown(self) -> None:
        unknown = [it for it in self.its if it.kind == "unknown"]
        if unknown:
            words = [it.text for it in unknown]
            sugg: list[str] = []
            for w in words:
                sugg.extend(s for s in self.lex.suggest(w) if s not in sugg)
            quoted = ", ".join(f"'{w}'" for w in words)
            raise Refusal(f"I don't know {quoted} in this semantic model", sugg[:8])

    def _time(self) -> None:
        times = [it for it in self.its if it.kind == "time"]
        if len(times) > 1:
            raise Refusal(
                "the question names more than one time range ("
                + ", ".join(t.text for t in times)
                + "); ask about one at a time"
            )
        if times:
            times[0].used = True
            self.result.time = times[0].time

    def _grains(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind == "role" and it.role.startswith("grainadj:"):
                it.used = True
                self._add_group(f"metric_time__{it.role.split(':')[1]}")
            elif it.kind == "role" and it.role.startswith("grain:"):
                it.used = True
                self._add_group(f"metric_time__{it.role.split(':')[1]}")
                if self._role(i - 1, "group"):
                    self.its[i - 1].used = True

    def _subject_metric(self, it: Item | None) -> str | None:
        if it is None or it.kind != "domain":
            return None
        if it.is_kind("metric"):
            sense = self._resolve(it, ("metric",))
            return sense.name if sense else None
        if it.is_kind("entity") or it.is_kind("dimension"):
            return self.count_metric(it)
        return None

    def _thresholds(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind != "role" or not it.role.startswith("cmp:"):
                continue
            op = it.role.split(":")[1]
            nxt, prev = self._at(i + 1), self._at(i - 1)
            if op in ("=", "!=") and nxt is not None and nxt.is_kind("value"):
                it.used = True  # "channel = jd": a filter, handled with the values
                if op == "!=":
                    nxt.role = "negated"
                continue
            if nxt is not None and nxt.kind == "num" and not nxt.used:
                num, num_i = nxt, i + 1
            elif prev is not None and prev.kind == "num" and not prev.used:
                num, num_i = prev, i - 1
            else:
                raise Refusal(f"'{it.text}' needs a number to compare with")
            left = min(i, num_i)
            subject_i = None
            for j in (left - 1, max(i, num_i) + 1):
                cand = self._at(j)
                if (
                    cand is not None
                    and cand.kind == "domain"
                    and not cand.is_kind("value")
                    and (cand.is_kind("metric") or self.count_metric(cand))
                ):
                    subject_i = j
                    break
            if subject_i is None:
                cand = self._at(left - 1)
                if cand is not None and cand.kind == "domain" and not cand.is_kind("value"):
                    subject_i = left - 1
            if subject_i is None:
                raise Refusal(
                    f"I can't tell which metric '{it.text} {num.text}' is about; "
                    "name the metric next to the comparison",
                    [self.lex.describe(Sense("metric", m.name)) for m in self.catalog.metrics[:8]],
                )
            subject = self.its[subject_i]
            metric = self._subject_metric(subject)
            if metric is None:
                raise Refusal(
                    f"'{subject.text}' is not a metric, so '{it.text} {num.text}' "
                    "cannot be applied to it",
                    self.lex.suggest(subject.text),
                )
            if self._role(subject_i - 1, "avg"):
                self.its[subject_i - 1].used = True
            m = self.catalog.metric(metric)
            value = float(num.number or 0.0)
            is_pct = m is not None and m.value_format == "percent"
            if num.pct:
                if not is_pct:
                    raise Refusal(f"{metric} is not a percentage, so '{num.text}' does not apply")
                value /= 100
            elif is_pct and value > 1:
                value /= 100
            if self._role(i - 1, "neg") or self._role(i - 2, "neg"):
                op = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}.get(op, op)
            self.having.append(MetricThreshold(metric=metric, op=op, value=value))
            self._add_metric(metric)
            it.used = num.used = subject.used = True
            self._threshold_items.extend((it, num, subject))
            for j in range(i + 1, len(self.its)):
                if self._role(j, "or"):
                    if any(
                        x.kind == "role" and x.role.startswith("cmp:") for x in self.its[j + 1 :]
                    ):
                        raise Refusal(
                            "conditions joined by 'or' are not supported; ask each "
                            "condition separately"
                        )
                    break

    def _top_bottom(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind != "role" or it.role not in ("top", "bottom") or it.used:
                continue
            desc = it.role == "top"
            it.used = True
            j = i + 1
            n: int | None = None
            nxt = self._at(j)
            if nxt is not None and nxt.kind == "num" and not nxt.pct and not nxt.used:
                n = int(nxt.number or 0)
                nxt.used = True
                j += 1
            metric = None
            cand = self._at(j)
            prev = self._at(i - 1)
            if cand is not None and cand.kind == "domain" and cand.is_kind("metric"):
                metric = self._subject_metric(cand)
                cand.used = True
                j += 1
            elif (
                prev is not None
                and prev.kind == "domain"
                and not prev.used
                and any(s.kind != "value" for s in prev.senses)
                and (prev.is_kind("metric") or self.count_metric(prev))
            ):
                metric = self._subject_metric(prev)
                prev.used = True
            elif (
                cand is not None
                and cand.kind == "domain"
                and cand.is_kind("entity")
                and self._at(j + 1) is None
            ):
                metric = self.count_metric(cand)
                cand.used = True
            # the "by GMV" of "top 5 SKUs by GMV"
            for k in range(j, len(self.its)):
                if (
                    metric is None
                    and self._role(k, "group")
                    and self._at(k + 1) is not None
                    and self.its[k + 1].is_kind("metric")
                ):
                    metric = self._subject_metric(self.its[k + 1])
                    self.its[k].used = self.its[k + 1].used = True
                    break
            # what is ranked: the next dimension/entity, else one named elsewhere
            target = None
            for k in range(j, len(self.its)):
                x = self.its[k]
                if x.used:
                    continue
                if (
                    x.kind == "domain"
                    and (x.is_kind("dimension") or x.is_kind("entity"))
                    and not x.is_kind("value")
                ):
                    target = x
                    break
                if x.kind == "role" and x.role.startswith(("grain:", "grainadj:")):
                    break
                if x.kind == "domain" and x.is_kind("value"):
                    continue
                if x.kind == "num" and n is None and not x.pct:
                    n = int(x.number or 0)
                    x.used = True
            if target is None:
                # "the 3 channels with the lowest GMV": the ranked noun comes first
                for k in range(i - 1, -1, -1):
                    x = self.its[k]
                    if (
                        x.kind == "domain"
                        and not x.used
                        and not x.is_kind("value")
                        and (x.is_kind("dimension") or x.is_kind("entity"))
                    ):
                        target = x
                        break
            if target is not None:
                if n is None:
                    prev_t = self._at(self.its.index(target) - 1)
                    if prev_t is not None and prev_t.kind == "num" and not prev_t.used:
                        n = int(prev_t.number or 0)
                        prev_t.used = True
                name = self._group_name(target)
                if name:
                    self._add_group(name)
                    target.used = True
            if n is None:
                plural_list = it.text in ("top", "bottom") and target_plural(target)
                n = DEFAULT_TOP_N if plural_list else 1
            if n < 1:
                raise Refusal(f"'{it.text}' needs a positive number")
            self._pending_rank = (metric, desc, n)

    def _group_markers(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind != "role" or it.role != "group":
                continue
            j = i + 1
            got = False
            while j < len(self.its):
                x = self.its[j]
                if x.kind == "domain" and x.is_kind("metric") and not got:
                    # "by GMV" / "按GMV排序": a ranking metric, not a grouping
                    self._by_metric = self._subject_metric(x)
                    x.used = it.used = True
                    break
                if (
                    x.kind == "domain"
                    and (x.is_kind("dimension") or x.is_kind("entity"))
                    and not x.is_kind("value")
                ):
                    name = self._group_name(x)
                    if name:
                        self._add_group(name)
                        x.used = it.used = got = True
                elif x.kind == "role" and x.role.startswith(("grain:", "grainadj:")):
                    x.used = it.used = got = True
                elif x.kind == "role" and x.role == "and" and got:
                    x.used = True
                else:
                    break
                j += 1

    def _which(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind == "role" and it.role == "which":
                nxt = self._at(i + 1)
                it.used = True
                if not (
                    nxt is not None
                    and nxt.kind == "domain"
                    and not nxt.is_kind("value")
                    and (nxt.is_kind("dimension") or nxt.is_kind("entity"))
                ):
                    self._open_which = True
                if (
                    nxt is not None
                    and nxt.kind == "domain"
                    and not nxt.is_kind("value")
                    and (nxt.is_kind("dimension") or nxt.is_kind("entity"))
                ):
                    name = self._group_name(nxt)
                    if name:
                        self._add_group(name)
                        nxt.used = True

    def _how_many(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind != "role" or it.role != "howmany":
                continue
            it.used = True
            j = i + 1
            while j < len(self.its) and (
                self.its[j].is_kind("value") or self._role(j, "neg") or self._role(j, "and")
            ):
                j += 1
            nxt = self._at(j)
            head = self._entity_in_value(self._at(i + 1)) if j > i + 1 else None
            if head is not None:
                # "how many VIP customers", "有多少VIP客户": the value names what is counted
                metric = self.count_metric(head)
                if metric is not None:
                    self._add_metric(metric)
                    self._counted = True
                    continue
            if (
                nxt is not None
                and nxt.kind == "domain"
                and not nxt.used
                and nxt.is_kind("entity")
                and nxt.is_kind("metric")
                and not self._listed(j)
            ):
                # "how many customers placed orders": the noun right after is what is counted
                sense = self._resolve(nxt, ("metric",))
                if sense is not None:
                    self._add_metric(sense.name)
                    nxt.used = self._counted = True
                    continue
            if (
                nxt is not None
                and nxt.kind == "domain"
                and not nxt.used
                and (nxt.is_kind("entity") or nxt.is_kind("dimension"))
                and not nxt.is_kind("metric")
            ):
                metric = self.count_metric(nxt)
                if metric is None:
                    raise Refusal(
                        f"the model has no metric that counts '{nxt.text}'",
                        self.lex.suggest(nxt.text + " count"),
                    )
                self._add_metric(metric)
                nxt.used = True
                self._counted = True
                continue
            prev = self._at(i - 1)
            if (
                (nxt is None or nxt.kind != "domain")
                and prev is not None
                and prev.kind == "domain"
                and not prev.used
                and prev.is_kind("entity")
            ):
                metric = self.count_metric(prev)
                if metric is None:
                    raise Refusal(
                        f"the model has no metric that counts '{prev.text}'",
                        self.lex.suggest(prev.text),
                    )
                self._add_metric(metric)
                prev.used = True

    def _entity_in_value(self, it: Item | None) -> Item | None:
        """The entity a value phrase ends with ("VIP客户" -> 客户, "vip customers" ->
        customers), as an item of its own, or None."""
        if it is None or it.kind != "domain" or not all(s.kind == "value" for s in it.senses):
            return None
        us = units(it.text)
        for k in range(1, len(us)):
            senses = self.lex.terms.get(tuple(u.text for u in us[k:]))
            ents = [s for s in senses or [] if s.kind == "entity"]
            if ents:
                return Item(
                    "domain", it.text[us[k].start :], it.start + us[k].start, it.end, senses=ents
                )
        return None

    def _values(self) -> None:
        its = self.its
        by_dim: dict[str, tuple[list[str], bool]] = {}
        order: list[str] = []
        # "京东和天猫哪个GMV高", "which sold more, jd or tmall": a choice between listed values
        # compares them side by side
        compare = self._open_which or any(x.kind == "role" and x.role == "compare" for x in its)
        for i, it in enumerate(its):
            if it.kind != "domain" or not it.is_kind("value") or it.used:
                continue
            if any(s.kind != "value" for s in it.senses) and not all(
                s.kind == "value" for s in it.senses
            ):
                # a word that is both a value and a metric/dimension: values win only when
                # nothing else claimed it
                sense = self._resolve(it, ("value",))
            else:
                sense = self._resolve(it, ("value",))
            if sense is None:
                continue
            it.used = True
            neg = it.role == "negated" or self._role(i - 1, "neg") or self._role(i + 1, "neg")
            if self._role(i - 1, "neg"):
                its[i - 1].used = True
            if self._role(i + 1, "neg"):
                its[i + 1].used = True
            # "channel jd" / "京东渠道" / "channel is jd": the dimension word is part of the filter
            for j in (i - 1, i + 1):
                x = self._at(j)
                if (
                    x is not None
                    and x.kind == "domain"
                    and not x.used
                    and any(s.kind == "dimension" and s.name == sense.name for s in x.senses)
                ):
                    x.used = True
            if self._role(i - 1, "cmp:"):
                its[i - 1].used = True
                x = self._at(i - 2)
                if (
                    x is not None
                    and x.kind == "domain"
                    and any(s.kind == "dimension" and s.name == sense.name for s in x.senses)
                ):
                    x.used = True
            dim = sense.name
            if dim in by_dim:
                vals, was_neg = by_dim[dim]
                if neg != was_neg and not (self._role(i - 1, "and") or self._role(i - 1, "or")):
                    raise Refusal(f"both including and excluding values of {dim}")
                vals.append(sense.value or "")
                if self._role(i - 1, "and") or self._role(i - 1, "or"):
                    its[i - 1].used = True
            else:
                by_dim[dim] = ([sense.value or ""], neg)
                order.append(dim)
        for dim in order:
            vals, neg = by_dim[dim]
            vals = list(dict.fromkeys(vals))
            if dim in self.lex.boolean_dims:
                flags = {v == "true" for v in vals}
                if len(flags) != 1:
                    raise Refusal(f"both yes and no asked for {dim}")
                flag = flags.pop() != neg
                self.filters.append(DimensionFilter(dimension=dim, op="=", values=[flag]))
                continue
            if len(vals) == 1:
                self.filters.append(
                    DimensionFilter(dimension=dim, op="!=" if neg else "=", values=vals)
                )
            else:
                self.filters.append(
                    DimensionFilter(dimension=dim, op="not in" if neg else "in", values=vals)
                )
                if compare:
                    self._add_group(dim)
        for x in its:
            if x.kind == "role" and x.role == "compare":
                x.used = True

    def _booleans(self) -> None:
        for i, it in enumerate(self.its):
            if it.used or it.kind != "domain":
                continue
            sense = next(
                (s for s in it.senses if s.kind == "dimension" and s.name in self.lex.boolean_dims),
                None,
            )
            if sense is None:
                continue
            it.sense = sense
            it.used = True
            neg = self._role(i - 1, "neg")
            if neg:
                self.its[i - 1].used = True
            self.filters.append(DimensionFilter(dimension=sense.name, op="=", values=[not neg]))

    def _bare(self) -> None:
        non_stop = self.its
        for idx, it in enumerate(non_stop):
            if it.used or it.kind != "domain" or it.is_kind("metric") or it.is_kind("value"):
                continue
            if it.is_kind("dimension") and not it.is_kind("entity"):
                name = self._group_name(it)
                if name:
                    self._add_group(name)
                    it.used = True
                continue
            if it.is_kind("entity"):
                if self._entity_is_target(it, idx):
                    name = self._group_name(it)
                    if name:
                        self._add_group(name)
                it.used = True  # otherwise a context noun ("GMV of VIP customers")
                self._context_entities.append(it)

    def _entity_is_target(self, it: Item, idx: int) -> bool:
        pos = self.all.index(it)
        before = self.all[pos - 1] if pos > 0 else None
        after = [x for x in self.all[pos + 1 :] if x.text.strip()]
        rest_used = all(x.kind == "stop" for x in after) or not after
        if before is not None and before.text in ("的",) and rest_used:
            return True  # "...退货率>15%的SKU"
        if before is not None and before.text == "的" and self.having:
            # "退货率>15%的SKU的复购率": a threshold describing the noun makes it the grain,
            # whatever is asked about it afterwards
            ahead = [x for x in self.all[: pos - 1] if x.kind != "stop"]
            if ahead and any(ahead[-1] is x for x in self._threshold_items):
                return True
        if after and after[0].text in ("whose", "with", "that", "where", "having", "which"):
            return True  # "SKUs whose return rate..."
        if after and after[0].text in ("有", "中") and idx == 0:
            return True
        # a trailing "...的SKU有哪些"
        if before is not None and before.text == "的":
            tail = [x for x in after if x.kind != "stop"]
            if all(x.kind == "role" and x.role == "which" for x in tail) and tail:
                return True
        return False

    def _metrics(self) -> None:
        for i, it in enumerate(self.its):
            if it.kind == "domain" and it.is_kind("metric") and not it.used:
                if self._counted and it.is_kind("entity") and not self._listed(i):
                    # "how many customers placed orders": the counted noun is the question,
                    # a later noun that could also be a metric is only context
                    it.used = True
                    continue
                sense = self._resolve(it, ("metric",))
                if sense is None:
                    continue
                it.used = True
                if self._role(i - 1, "avg"):
                    self.its[i - 1].used = True
                    self._check_average(sense.name, self.its[i - 1].text)
                self._add_metric(sense.name)
        rank = self._pending_rank
        if rank is not None:
            metric, desc, n = rank
            metric = (
                metric or self._by_metric or (self.metrics[0] if len(self.metrics) == 1 else None)
            )
            if metric is None:
                if not self.metrics:
                    raise Refusal(
                        "top/bottom by which metric? name one",
                        [
                            self.lex.describe(Sense("metric", m.name))
                            for m in self.catalog.metrics[:8]
                        ],
                    )
                raise Refusal(
                    "several metrics are named; say which one to rank by: "
                    + ", ".join(self.metrics)
                )
            self._add_metric(metric)
            self.order_by = [OrderBy(name=metric, descending=desc)]
            self.limit = n
        elif self._by_metric:
            self._add_metric(self._by_metric)
        dist = [it for it in self.its if it.kind == "role" and it.role == "dist"]
        for it in dist:
            it.used = True
        if not self.metrics and dist:
            # "退货原因分布", "order distribution by status": counts of what the grouped
            # dimension describes
            dims = [g for g in self.group_by if not g.startswith("metric_time")]
            if dims:
                d = self.catalog.dimension(dims[-1])
                owner = d.entity if d is not None else dims[-1]
                if owner:
                    metric = self.count_metric(
                        Item(
                            "domain",
                            owner,
                            dist[0].start,
                            dist[0].end,
                            senses=[Sense("entity", owner)],
                        )
                    )
                    if metric:
                        self._add_metric(metric)
        if not self.metrics:
            for it in self._context_entities:
                metric = self.count_metric(it)
                if metric:
                    self._add_metric(metric)
                    break
        if not self.metrics:
            raise Refusal(
                "the question names no metric I know",
                [self.lex.describe(Sense("metric", m.name)) for m in self.catalog.metrics[:10]],
            )

    def _check_average(self, metric: str, word: str) -> None:
        m = self.catalog.metric(metric)
        if m is None:
            return
        text = " ".join((m.name, m.label, *m.synonyms, m.description)).lower()
        if (
            m.metric_type in ("ratio", "derived")
            or m.value_format == "percent"
            or any(w in text for w in ("avg", "average", "mean", "平均", "per ", "均"))
        ):
            return
        raise Refusal(
            f"'{word} {m.label}' would need an average of a total; the model has no such metric",
            self.lex.suggest(f"average {m.label}"),
        )

    def _sort(self) -> None:
        sorts = [it for it in self.its if it.kind == "role" and it.role == "sort"]
        asc = any(it.kind == "role" and it.role == "asc" for it in self.its)
        for it in self.its:
            if it.kind == "role" and it.role in ("asc", "desc"):
                it.used = True
        if not sorts:
            if self.order_by and asc:
                self.order_by = [OrderBy(name=o.name, descending=False) for o in self.order_by]
            return
        for it in sorts:
            it.used = True
        if self.order_by:
            return
        metric = self._by_metric or (self.metrics[0] if self.metrics else None)
        if metric:
            self.order_by = [OrderBy(name=metric, descending=not asc)]

    def _trend(self) -> None:
        trend = [it for it in self.its if it.kind == "role" and it.role == "trend"]
        for it in trend:
            it.used = True
        if trend and not any(g.startswith("metric_time__") for g in self.group_by):
            tm = self.result.time
            days = None
            if tm and tm.range.start and tm.range.end:
                days = (tm.range.end - tm.range.start).days
            grain = "day" if days is not None and days <= 62 else "month"
            self._add_group(f"metric_time__{grain}")

    def _leftovers(self) -> None:
        for it in self.its:
            if it.used:
                continue
            if it.kind == "num":
                raise Refusal(f"I don't know what the number '{it.text}' refers to here")
            if it.kind == "role" and it.role.startswith("cmp:"):
                raise Refusal(f"I can't tell what '{it.text}' compares")
            if it.kind == "role" and it.role in ("which",):
                continue
            if it.kind == "role" and it.role == "group":
                nxt = self._at(self.its.index(it) + 1)
                if nxt is not None and nxt.kind == "role" and nxt.role == "unit":
                    raise Refusal(
                        f"the model has no '{nxt.text}' time grain to break down by; "
                        "use day, week, month, quarter or year"
                    )
            if it.kind == "domain" and it.is_kind("value"):
                raise Refusal(f"I can't place '{it.text}'")

    def _build(self) -> SemanticQuery:
        for g in self.group_by:
            for m in self.metrics:
                if not self._metric_allows(m, g):
                    cm = self.catalog.metric(m)
                    raise Refusal(
                        f"{cm.label if cm else m} cannot be broken down by {g}",
                        [
                            self.lex.describe(Sense("dimension", d))
                            for d in (cm.dimensions[:8] if cm else ())
                        ],
                    )
        for f in self.filters:
            for m in self.metrics:
                if not self._metric_allows(m, f.dimension):
                    cm = self.catalog.metric(m)
                    raise Refusal(f"{cm.label if cm else m} cannot be filtered by {f.dimension}")
        order_by = list(self.order_by)
        if not order_by and self.group_by:
            time_groups = [g for g in self.group_by if g.startswith("metric_time__")]
            if time_groups:
                order_by = [OrderBy(name=time_groups[0], descending=False)]
            else:
                order_by = [OrderBy(name=self.metrics[0], descending=True)]
        tr = self.result.time.range if self.result.time else None
        return SemanticQuery(
            metrics=self.metrics,
            group_by=self.group_by,
            filters=self.filters,
            time_range=tr,
            having=self.having,
            order_by=order_by,
            limit=self.limit,
        )


def target_plural(target: Item | None) -> bool:
    """Whether an English target noun is plural ("SKUs"), which makes "top" mean a list."""
    return target is not None and target.text.isascii() and target.text.endswith("s")


GRAIN_NAMES = GRAINS
