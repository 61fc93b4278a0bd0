"""Chinese people words read against the model's person: 人 counting a person noun, 谁 "who".

人: Chinese counts people with 人 after 多少 / 几 (几个人, 多少人) where another noun would take a
counter such as 个 or 位 (几位患者 already read as a count of patients). 人 was an unknown word,
so "活跃患者有多少人" ("how many active patients are there") was refused. It adds nothing to the
count when the question's topic is a person the model counts (an entity whose name says it is
a person: ``counters.PERSON_WORDS``), named before the count, and the count ends the question:
人 then restates that noun. Everything else stays unknown (refused): no person noun ("上个月有
多少人预约": who are they?), two person nouns, a word after 人 ("患者中有多少人爽约" counts the
patients who did something, not the no-shows), or a metric of something else in the question.

谁: "谁的终身收入最高" asks which person. When the model has exactly one person entity, 谁 is
"哪个<that person>" (a which-word and the entity: ``passes.which`` groups by it); with none or
several, which one is meant is unknown and 谁 stays unknown (refused). Several counts any other
entity that may name people: one CC-CEDICT renders with a Chinese word for a person (作者,
司机, 用户: ending 者, 员, 人, 师, 户...), so a media model's writers and users leave 谁 refused
rather than answered for the users. A metric that cannot be broken down by that person is
refused later, as "哪个患者的收入最高" is.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.people_counts import persons
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.english import name_words
from semantic_layer.catalog import Catalog

#: the counters of people after a "how many" word
PEOPLE_COUNTERS = frozenset({"人", "个人"})
#: "who" (谁; 哪些人 is a which-word and 人)
WHO = frozenset({"谁"})
#: last characters of Chinese words for a person (作者, 会员, 司机 is not: a blocker may miss)
_PERSON_ENDS = tuple("者员人师生家手户客工官士主夫民长")
#: how many of CC-CEDICT's renderings of an entity's head word are looked at
_RENDERINGS = 8


def _may_be_people(catalog: Catalog, entity: str) -> bool:
    """Whether an entity's head word has a Chinese rendering that names a person."""
    words = name_words(entity)
    if not words:
        return False
    found = [w for w, *_ in cedict.chinese_for(words[-1])[:_RENDERINGS]]
    return any(w.endswith(_PERSON_ENDS) for w in found)


def the_one_person(catalog: Catalog) -> str | None:
    """The model's one person entity when no other entity may name people, else None."""
    people = persons(catalog)
    if len(people) != 1:
        return None
    (person,) = people
    others = [e.name for e in catalog.entities if e.name != person]
    return None if any(_may_be_people(catalog, e) for e in others) else person


def _people(catalog: Catalog) -> set[str]:
    """The entities that may name people: the persons, and those CC-CEDICT renders so."""
    return persons(catalog) | {e.name for e in catalog.entities if _may_be_people(catalog, e.name)}


def _reached_person(p: ParseState) -> str | None:
    """The one person entity every metric the question's words may name reaches, when the
    model has several entities that may name people and that one alone is reached.

    Why: a shop keeps customers on orders and employees on shifts; 谁 / "who" over orders can
    only be the customer, as orders never reach an employee, and was refused as "who of which
    people?". Any other people-like entity the metric reaches (a carrier, a driver) leaves it
    refused, and so does one that is only people-like (a carrier is a company).
    """
    metrics = {s.name for x in p.all if x.kind == "domain" for s in x.senses if s.kind == "metric"}
    if not metrics:
        return None
    reached = [e for e in sorted(_people(p.catalog)) if all(p.metric_allows(m, e) for m in metrics)]
    return reached[0] if len(reached) == 1 and reached[0] in persons(p.catalog) else None


def _english_who(p: ParseState) -> bool:
    """Whether the question opens with "who" and names no people of its own ("who scored the
    most goals"; "who are our top customers" names them, and "players who scored" is a
    relative clause)."""
    first = next((x for x in p.all if x.text.strip()), None)
    if (
        first is None
        or first.text.strip().lower() != "who"
        or first.kind not in ("stop", "unknown")
    ):
        return False
    people = _people(p.catalog)
    return not any(
        x.kind == "domain" and any(s.kind == "entity" and s.name in people for s in x.senses)
        for x in p.all
    )


def _person_nouns(p: ParseState, upto: int) -> set[str]:
    """The person entities named by the items before ``p.all[upto]``."""
    people = persons(p.catalog)
    out: set[str] = set()
    for it in p.all[:upto]:
        if it.kind == "domain":
            out.update(s.name for s in it.senses if s.kind == "entity" and s.name in people)
    return out


def _other_metric(p: ParseState, people: set[str]) -> bool:
    """Whether any item may be a metric other than a count of ``people`` (the count would then
    be of something else)."""
    for it in p.all:
        for s in it.senses if it.kind == "domain" else ():
            m = p.catalog.metric(s.name) if s.kind == "metric" else None
            if s.kind == "metric" and (m is None or m.counts not in people):
                return True
    return False


def _counter_restates(p: ParseState, k: int) -> bool:
    """Whether the unknown 人 at ``p.all[k]`` restates the question's one person noun."""
    j = k - 1
    if j >= 0 and p.all[j].kind == "stop" and p.all[j].text.strip() == "个":
        j -= 1
    if j < 0 or p.all[j].kind != "role" or p.all[j].role != "howmany":
        return False
    if any(after.kind != "stop" for after in p.all[k + 1 :]):
        return False
    people = _person_nouns(p, j)
    return len(people) == 1 and not _other_metric(p, people)


def read_people_words(p: ParseState) -> None:
    """Read 人 after 多少 / 几 and 谁 as the module docstring says; others stay unknown."""
    who = None
    english = _english_who(p)
    if english or any(it.kind == "unknown" and it.text.strip() in WHO for it in p.all):
        who = the_one_person(p.catalog) or _reached_person(p)
    out: list[Item] = []
    for k, it in enumerate(p.all):
        word = it.text.strip()
        asks = (it.kind == "unknown" and word in WHO) or (english and k == 0)
        if it.kind == "unknown" and word in PEOPLE_COUNTERS and _counter_restates(p, k):
            out.append(Item("stop", it.text, it.start, it.end))
        elif asks and who is not None:
            out.append(Item("role", it.text, it.start, it.start, role="which"))
            person = Sense("entity", who)
            out.append(Item("domain", it.text, it.start, it.end, senses=[person]))
        else:
            out.append(it)
    p.all[:] = out
    p.its = [it for it in p.all if it.kind != "stop"]
