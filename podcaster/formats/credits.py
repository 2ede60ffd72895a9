"""Who an episode credits, named the same way everywhere: every host, then every guest.

The narrator's introduction, the ID3 artists, the feed's ``podcast:person`` and show notes and
the pages' byline all take their names from here, so none names someone another leaves out.
Speakers who are neither (a reporter, an audience member, a caller) ask but are not credited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def and_list(names: Iterable[str]) -> str:
    """"A", "A and B", "A, B and C": how every listing of people reads."""
    named = [n for n in names if n]
    return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + (named[-1] if named else "")


@dataclass(frozen=True)
class Credits:
    hosts: tuple[str, ...]
    guests: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """Hosts first, then guests: the ID3 artists."""
        return [*self.hosts, *self.guests]

    @property
    def roles(self) -> list[tuple[str, str]]:
        """(name, "host" or "guest") for each: the feed's podcast:person."""
        return [(name, "host") for name in self.hosts] + [(name, "guest") for name in self.guests]

    @property
    def with_roles(self) -> str:
        """"Maya Okafor (host), Tomas Lindqvist (guest)": the show notes."""
        return ", ".join(f"{name} ({role})" for name, role in self.roles)

    @property
    def byline(self) -> str:
        """"Maya Okafor and Ann Lee with Tomas Lindqvist": the listening pages."""
        return " with ".join(part for part in (and_list(self.hosts), and_list(self.guests)) if part)

    @property
    def introduction(self) -> str:
        """"A talks with B.", "A and C talk with B.", "A conversation with B.", "With A.": the narrator's."""
        hosts, guests = and_list(self.hosts), and_list(self.guests)
        if hosts and guests:
            return f"{hosts} {'talks' if len(self.hosts) == 1 else 'talk'} with {guests}."
        if guests:
            return f"A conversation with {guests}."
        return f"With {hosts}." if hosts else ""


def credits(hosts: list[str], guests: list[str]) -> Credits:
    """Each named once (someone listed as both is a host); blank names are left out."""
    named = [name for name in hosts if name.strip()]
    return Credits(tuple(dict.fromkeys(named)),
                   tuple(dict.fromkeys(name for name in guests if name.strip() and name not in named)))
