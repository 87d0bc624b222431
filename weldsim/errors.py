"""The errors weldsim raises.

Every error a user can cause (a bad job, a bad scenario or robot file, an unreachable pose,
a malformed array passed to the API) derives from :class:`WeldsimError`, so a command-line
front end can catch that one class, print its message and exit non-zero without a traceback.
Errors about the *shape or value* of an argument also derive from :class:`ValueError`, so code
written against plain numpy conventions keeps working.
"""

from __future__ import annotations

__all__ = [
    "InvalidInputError",
    "ModelFileError",
    "UnknownRobotError",
    "UnknownScenarioError",
    "UnreachableError",
    "WeldsimError",
]


class WeldsimError(Exception):
    """Base class of every error weldsim raises on purpose.

    Parameters
    ----------
    *args
        As for :class:`Exception`: the English text (``str(exc)``).
    message : weldsim.i18n.Message, optional
        The same text as a catalogue message, so a front end shows it in the reader's
        language (:meth:`text`). Without ``args``, ``str(exc)`` is its English rendering.
    """

    message = None  # a subclass that sets its own args keeps this default

    def __init__(self, *args, message=None) -> None:
        if not args and message is not None:
            from weldsim.i18n import render

            args = (render(message, "en"),)
        super().__init__(*args)
        self.message = message

    def text(self, lang: str) -> str:
        """The error in ``lang``: its message rendered, else ``str(self)`` (English)."""
        if self.message is None:
            return str(self)
        from weldsim.i18n import render

        return render(self.message, lang)


class InvalidInputError(WeldsimError, ValueError):
    """An argument has the wrong shape, a non-finite value, or is not a valid pose."""


class ModelFileError(WeldsimError, ValueError):
    """A model file (robot, scenario) is missing, unreadable or has a bad key or value.

    The message always names the file and, where there is one, the key.
    """


class UnknownRobotError(WeldsimError, LookupError):
    """A robot id that is neither a bundled model nor a path to a model file."""


class UnknownScenarioError(WeldsimError, LookupError):
    """A scenario id that is neither a bundled exercise nor a path to a scenario file."""


class UnreachableError(WeldsimError):
    """No configuration of the robot reaches a pose within its joint limits."""
