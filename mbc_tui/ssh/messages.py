"""Every line the SSH server says to a reader, in one place (plain words, no jargon)."""

from __future__ import annotations

NO_COMMANDS = (
    "This server only shows the guide. It runs no commands and transfers no files.\n"
    "Connect without a command:  ssh -t{port_option} {user}@{host}\n"
)
SERVER_FULL = (
    "The guide has as many readers as it can take right now. Please try again in a few minutes."
)
TOO_MANY_FROM_ADDRESS = (
    "There are already {limit} guide sessions open from your address. "
    "Please close one and try again."
)
IDLE_WARNING = "No key pressed for a while: this session closes in {when}. Press any key to stay."
IDLE_GOODBYE = "Closed after {minutes} without a key press. Connect again any time. Goodbye."
SESSION_TIME_GOODBYE = (
    "This session reached its time limit of {minutes}. Connect again any time. Goodbye."
)
SHUTDOWN_GOODBYE = "The guide server is shutting down for now. Please connect again later. Goodbye."
OPENING_SLOWLY = "Opening the guide. Many people are reading now: this may take a few seconds."
TOO_MANY_CONNECTIONS = "The guide has too many connections right now. Please try again later."
APP_STOPPED = "Sorry, the guide stopped unexpectedly. Please connect again."
APP_FAILED = "Sorry, the guide could not start. Please try again in a few minutes."
APP_TOO_BIG = (
    "Sorry, this guide grew too large for the server and was stopped. Please connect again."
)
NO_FORWARDING = "This server does not forward connections."
ONE_SESSION = "This server opens one guide per connection. Connect again for another."
NO_SESSION_IN_TIME = "No guide session was opened in time. Connect again any time."


def minutes(seconds: float) -> str:
    """'15 minutes', '1 minute', '30 seconds' (for short test limits)."""
    if seconds < 60:
        whole = round(seconds)
        return f"{whole} second" + ("" if whole == 1 else "s")
    whole = round(seconds / 60)
    return f"{whole} minute" + ("" if whole == 1 else "s")


def terminal_lines(text: str) -> bytes:
    """Text for a terminal: CR LF line ends (a raw pty does not add the CR), UTF-8."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
