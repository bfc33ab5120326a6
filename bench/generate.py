"""Synthetic profile sites for the benchmark: N profiles with the skew of a real directory.

A few topics and organizations are held by thousands of people and most by a handful (Zipf-like
weights); co-authored works are shared by small groups of people who already share a community.
The same seed gives the same files, so runs and machines compare.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_FIRST = (  # noqa: SIM905 (a list of words reads best as words)
    "Ada Alan Barbara Beidi Carlos Chen Dana Diego Elena Emre Fatima Felix Grace Hannah Hiro Ines Ivan "
    "Jia Jonas Kai Karin Lena Liam Maya Mei Nadia Noah Olga Omar Priya Quentin Rosa Ravi Sara Sofia Tariq "
    "Tomas Uma Victor Wen Xin Yara Yuki Zoe Łukasz Zeynep Amara Bruno Chiara"
).split()
_LAST = (  # noqa: SIM905 (a list of words reads best as words)
    "Abe Alvarez Becker Bianchi Chen Costa Dao Dubois Eriksen Fischer Garcia Gupta Han Haddad Ito Jensen "
    "Kim Kowalski Kumar Lee Lin Lopez Moreau Müller Nakamura Novak Okafor Olsen Park Patel Petrov Quinn "
    "Rossi Sato Schmidt Silva Singh Tanaka Tian Ueda Varga Wang Weber Xu Yamada Yilmaz Zhang Zhou Ziegler"
).split()
_TOPIC_WORDS = (  # noqa: SIM905 (a list of words reads best as words)
    "attention caching compilers compression decoding distillation embeddings evaluation federated graphs "
    "hardware inference kernels learning memory networks optimization pruning quantization retrieval "
    "robotics safety scheduling search sparsity speech streaming systems training vision"
).split()
_TOPIC_SHAPES = ("{a} {b}", "Efficient {a}", "{a} for {b}", "Long-context {a}", "Scalable {a}", "{a}")
_ORG_SHAPES = ("University of {p}", "{p} Institute of Technology", "{p} Research Lab", "{p} AI", "{p} University")
_PLACES = (  # noqa: SIM905 (a list of words reads best as words)
    "Aarhus Berlin Boston Cairo Delft Edinburgh Geneva Helsinki Kyoto Lagos Lisbon Madrid Montreal "
    "Nairobi Oslo Paris Porto Prague Seoul Sydney Taipei Toronto Turin Vienna Warsaw Zurich"
).split()
_KINDS = ("paper", "paper", "paper", "repository", "project", "talk", "article", "dataset", "website")
_VENUES = ("NeurIPS", "ICML", "ICLR", "MLSys", "OSDI", "SOSP", "ACL", "CVPR", "ISCA", "EuroSys")
_LINKS = ("homepage", "scholar", "github", "orcid", "x", "dblp")
_CLAIMS = (
    "First open-source system for",
    "The benchmark everyone uses for",
    "A widely adopted method for",
    "Early, influential work on",
    "The reference implementation of",
)
_SENTENCES = (
    "Their work asks which parts of a model actually matter at inference time.",
    "They have shipped systems that thousands of practitioners use every day.",
    "Much of it is open source and comes with careful, reproducible measurements.",
    "A recurring theme is trading a little accuracy for a lot of memory and speed.",
    "They moved between academia and industry, and the papers show both.",
    "Several of the ideas became defaults in widely used serving stacks.",
)


def _vocabulary(count: int, make: object, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for index in itertools.count():
        if len(names) >= count:
            break
        name = make(index, rng)  # type: ignore[operator]
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _topic(index: int, rng: random.Random) -> str:
    a, b = rng.choice(_TOPIC_WORDS), rng.choice(_TOPIC_WORDS)
    name = rng.choice(_TOPIC_SHAPES).format(a=a, b=b)
    name = name[0].upper() + name[1:]
    return name if index < 200 else f"{name} {index}"


def _organization(index: int, rng: random.Random) -> str:
    name = rng.choice(_ORG_SHAPES).format(p=rng.choice(_PLACES))
    return name if index < 100 else f"{name} {index}"


class _Zipf:
    """Draws indexes 0..n-1 with weight 1 / (rank + 1) ** exponent: a few very common, a long tail."""

    def __init__(self, n: int, exponent: float) -> None:
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(n)))

    def sample(self, rng: random.Random, k: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < k:
            index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
            if index not in chosen:
                chosen.append(index)
        return chosen


@dataclass(frozen=True)
class SiteShape:
    """What :func:`generate_profiles` made, for the benchmark's report."""

    profiles: int
    topics: int
    organizations: int
    shared_works: int


def _work(rng: random.Random, url: str, title: str) -> dict[str, object]:
    work: dict[str, object] = {"title": title, "url": url, "kind": rng.choice(_KINDS)}
    if rng.random() < 0.8:
        work["year"] = rng.randint(2012, 2026)
    if rng.random() < 0.6:
        work["venue"] = f"{rng.choice(_VENUES)} {rng.randint(2012, 2026)}"
    if rng.random() < 0.2:
        work["note"] = "The paper most people cite; read the appendix on methodology too."
    return work


def generate_profiles(folder: Path, count: int, seed: int = 1) -> SiteShape:
    """Write ``count`` profile files into ``folder`` (created; existing ``*.yml`` files are removed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yml"):
        old.unlink()
    topics = _vocabulary(max(30, count // 8), _topic, rng)
    organizations = _vocabulary(max(20, count // 10), _organization, rng)
    topic_draw, org_draw = _Zipf(len(topics), 1.1), _Zipf(len(organizations), 1.0)

    people = []
    for index in range(count):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        slug = f"{first}-{last}-{index}".lower().replace("ł", "l").replace("ü", "u")
        people.append((slug, f"{first} {last}"))

    # Co-authored works: small groups (2-6) drawn from a community of nearby people, as labs publish.
    works_of: dict[int, list[dict[str, object]]] = {i: [] for i in range(count)}
    shared = 0
    for paper in range(int(count * 0.6)):
        start = rng.randrange(count)
        size = rng.choice((2, 2, 2, 3, 3, 4, 5, 6))
        authors = {(start + rng.randrange(40)) % count for _ in range(size)}
        if len(authors) < 2:
            continue
        shared += 1
        url = f"https://arxiv.org/abs/{2000 + paper // 10000:04d}.{paper % 10000:05d}"
        title = f"{rng.choice(_TOPIC_WORDS).capitalize()} at scale: a study of {rng.choice(_TOPIC_WORDS)} ({paper})"
        for author in authors:
            works_of[author].append(
                _work(rng, url if rng.random() < 0.7 else url.replace("/abs/", "/pdf/") + "v2", title)
            )

    for index, (slug, name) in enumerate(people):
        mine_topics = [topics[i] for i in topic_draw.sample(rng, rng.randint(3, 7))]
        mine_orgs = [organizations[i] for i in org_draw.sample(rng, rng.randint(1, 3))]
        own = [
            _work(rng, f"https://example.org/{slug}/work-{n}", f"{name}'s {rng.choice(_TOPIC_WORDS)} work {n}")
            for n in range(rng.randint(2, 5))
        ]
        works = works_of[index] + own
        rng.shuffle(works)
        cut_a, cut_b = 1 + len(works) // 4, 1 + len(works) // 2
        data: dict[str, object] = {
            "name": name,
            "summary": f"{name} is worth reading for {mine_topics[0].lower()}: {rng.choice(_SENTENCES)}",
            "focus": f"{mine_topics[0]} and {mine_topics[1].lower()}",
            "role": f"Researcher at {mine_orgs[0]}",
            "bio": " ".join(rng.sample(_SENTENCES, 3))
            + f"\n\nBest known for **{mine_topics[0]}**, with a long line of work on *{mine_topics[1]}*. "
            + f"See [the group page](https://example.org/{slug}/) for students and software.",
            "organizations": mine_orgs,
            "topics": mine_topics,
            "known_for": [
                f"{rng.choice(_CLAIMS)} *{topic.lower()}* ({rng.randint(2012, 2026)}, `{slug[:4]}-{n}`)"
                for n, topic in enumerate(mine_topics[: rng.randint(2, 5)])
            ],
            "start_here": works[:cut_a],
            "signature_works": works[cut_a:cut_b],
            "supporting_sources": works[cut_b:],
            "links": {kind: f"https://example.org/{slug}/{kind}" for kind in rng.sample(_LINKS, rng.randint(1, 4))},
            "editor_reviewed": rng.random() < 0.5,
            "last_reviewed": datetime.date(2026, rng.randint(1, 12), rng.randint(1, 28)),
        }
        if rng.random() < 0.1:
            others = {people[(index + rng.randint(1, 30)) % count][0] for _ in range(rng.randint(1, 2))}
            data["related"] = [{"profile": o, "note": "Frequent co-authors."} for o in sorted(others) if o != slug]
        if not data["signature_works"]:
            del data["signature_works"]
        if not data["supporting_sources"]:
            del data["supporting_sources"]
        text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{slug}.yml").write_text(text, encoding="utf-8")
    return SiteShape(count, len(topics), len(organizations), shared)
