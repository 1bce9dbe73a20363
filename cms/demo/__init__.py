"""The project's own demo data set and the steps that load it.

Apps add their part of the demo with ``register_step``; ``load_demo`` runs
the steps in order, each inside its own transaction.
"""

from dataclasses import dataclass, field


class DemoDataError(Exception):
    """A demo file is malformed; the message names the file and the row."""


@dataclass(order=True)
class DemoStep:
    order: int
    name: str = field(compare=False)
    func: object = field(compare=False)


_steps = []


def register_step(name, order):
    """Register ``func(progress)`` as a demo step, run in ascending order."""

    def decorator(func):
        _steps.append(DemoStep(order, name, func))
        return func

    return decorator


def steps():
    return sorted(_steps)
