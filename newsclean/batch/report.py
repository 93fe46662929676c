"""The Report of a batch: it owns the counts, the messages, the summary and the exit status."""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

from ..output import is_special, named_file, temporary_beside
from .discover import STDIN, display
from .work import Result

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_STDOUT_CLOSED = 128 + 13  # as if killed by SIGPIPE, the status a shell shows for `yes | head -1`
NOTE_NAMES = 3  # inputs a grouped note names (-v: all of them)
NO_ARTICLE = "no article found"


class Report:
    """Counts results as they come, says what failed (stderr), and writes --report FILE.

    The --report entries are streamed to a temporary file next to FILE, so a batch of any size
    holds none of them in memory; the file appears complete (with the summary) at close().
    """

    def __init__(self, say: Callable[[str], None], quiet: bool = False, path: str | None = None,
                 summary: bool = True, verbose: bool = False):
        self.say = say  # prints one line on stderr (through the progress bar when one is shown)
        self.quiet, self.verbose = quiet, verbose
        self.notes: dict[str, tuple[int, list[str]]] = {}  # kind -> (inputs, the first names)
        self.details: dict[str, dict[str, dict[str, None]]] = {}  # kind -> label -> items seen, in order
        self.nothing_found: str | None = None  # a batch without inputs says why (exit 1)
        self.show_summary = summary and not quiet  # a single run has none
        self.files = self.articles = self.no_article = self.failed = self.skipped = self.duplicates = 0
        self.template_lines = 0
        self.bytes = 0
        self.interrupted = 0  # the signal that stopped the batch
        self.stdout_closed = False  # nobody reads stdout any more: no more messages either
        self.stopped_by: str | None = None  # why the batch stopped early (--fail-fast)
        self.usage_error: str | None = None  # a single run's records asked for in a format of one article
        self.started = time.monotonic()
        self._path = named_file(str(path)) if path else None
        self._entries = None
        self._temporary: str | None = None  # renamed onto the report's path when complete
        if self._path and is_special(self._path):  # a device or a pipe (--report /dev/stderr): written into
            self._entries = open(self._path, "w", encoding="utf-8")  # noqa: SIM115 (closed in close or discard)
        elif self._path:  # opened now, so a report that cannot be written fails before any work
            descriptor, self._temporary = temporary_beside(self._path)
            self._entries = os.fdopen(descriptor, "w", encoding="utf-8")
        if self._entries:
            self._entries.write('{"inputs": [')
            self._separator = "\n"

    def add(self, result: Result) -> None:
        self.files += 1
        self.bytes += result.size
        self.template_lines += result.template_lines
        if result.status == "skipped":
            self.skipped += 1
        elif result.status == "failed":
            self.failed += 1
        for reason in result.errors:
            self._say(f"newsclean: error: {_input_name(result.path)}: {reason}")
        if result.note:
            self.note(result.note, _input_name(result.path))
        for piece in result.pieces:
            for warning in piece.warnings:
                self.note(warning, piece.label)
            if piece.duplicate_of:
                self.duplicates += 1
            elif piece.no_article:
                self.no_article += 1
                self.note(NO_ARTICLE, piece.label)
            else:
                self.articles += 1
        if self._entries:
            self._entries.write(self._separator + json.dumps(self.entry(result), ensure_ascii=False))
            self._separator = ",\n"

    @staticmethod
    def entry(result: Result) -> dict:
        entry: dict[str, object] = {"input": _input_name(result.path), "status": result.status,
                 "reason": "; ".join(result.errors) or result.note,
                 "outputs": [display(p) for p in result.outputs]}
        duplicates = [{"article": p.label, "duplicate_of": p.duplicate_of} for p in result.pieces if p.duplicate_of]
        if duplicates:
            entry["duplicates"] = duplicates
        if result.template_lines:
            entry["template_lines_dropped"] = result.template_lines
        return entry

    def note(self, note: str, name: str) -> None:
        """A per-input note: with -v said at once, else grouped by kind at close; -q: none.

        A note "KIND; LABEL: a, b" groups under KIND, and the items of LABEL seen in all of them
        are listed once ("text field 'body' missing; fields seen: url, text")."""
        if self.quiet:
            return
        if self.verbose:
            self._say(f"newsclean: {name}: {note}")
            return
        kind, _, detail = note.partition("; ")
        label, _, items = detail.partition(": ")
        if items:
            seen = self.details.setdefault(kind, {}).setdefault(label, {})
            seen.update(dict.fromkeys(items.split(", ")))
        count, names = self.notes.get(kind, (0, []))
        self.notes[kind] = (count + 1, names + [name] if len(names) < NOTE_NAMES else names)

    def _say_notes(self) -> None:
        for kind, (count, names) in self.notes.items():
            details = "".join(f"; {label}: {', '.join(items)}" for label, items in self.details.get(kind, {}).items())
            if count == 1:
                self._say(f"newsclean: {names[0]}: {kind}{details}")
            else:
                more = f" and {count - len(names)} more (-v names them all)" if count > len(names) else ""
                self._say(f"newsclean: {kind} in {count} inputs: {', '.join(names)}{more}{details}")

    def _say(self, message: str) -> None:
        if not self.stdout_closed:
            self.say(message)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 128 + self.interrupted  # 130 for Ctrl-C, 143 for SIGTERM, as the shell reports them
        if self.stdout_closed:
            return EXIT_STDOUT_CLOSED
        if self.usage_error:
            return EXIT_USAGE
        return EXIT_FAILED if self.failed or self.nothing_found else EXIT_OK

    def summary_dict(self) -> dict:
        seconds = time.monotonic() - self.started
        return {"files": self.files, "articles": self.articles, "no_article": self.no_article,
                "failed": self.failed, "skipped": self.skipped, "duplicates": self.duplicates,
                "template_lines_dropped": self.template_lines,
                "seconds": round(seconds, 3), "files_per_second": round(self.files / seconds, 1) if seconds else None,
                "megabytes_per_second": round(self.bytes / 2**20 / seconds, 2) if seconds else None,
                "interrupted": bool(self.interrupted), "stopped_by": self.stopped_by, "exit_status": self.exit_code}

    def summary(self) -> str:
        s = self.summary_dict()
        text = (f"newsclean: {_n(s['files'], 'file')}, {_n(s['articles'], 'article')} "
                f"({s['no_article']} without an article), {s['failed']} failed, {s['skipped']} skipped, "
                f"{_n(s['duplicates'], 'duplicate')} in {s['seconds']:.1f}s")
        if s["files_per_second"] is not None:
            text += f" ({s['files_per_second']:g} files/s, {s['megabytes_per_second']:g} MB/s)"
        if self.template_lines:
            text += f"; {_n(self.template_lines, 'line')} dropped as site template"
        if self.interrupted:
            text += "; interrupted: rerun with --skip-existing to finish"
        elif self.stopped_by:
            text += f"; stopped by {self.stopped_by}"
        return text

    def close(self) -> None:
        """Print the notes and the summary (unless quiet) and finish --report FILE."""
        self._say_notes()
        if self.usage_error:
            self._say(f"newsclean: error: {self.usage_error}")
        if self.nothing_found:
            self._say(f"newsclean: error: {self.nothing_found}")
        if self.show_summary:
            self._say(self.summary())
        if self._entries:
            self._entries.write(f'\n], "summary": {json.dumps(self.summary_dict())}}}\n')
            self._entries.close()
            if self._temporary:
                os.replace(self._temporary, str(self._path))
            self._entries = None

    def discard(self) -> None:
        """Remove the unfinished report file (when the batch could not start)."""
        if self._entries:
            self._entries.close()
            if self._temporary:
                os.unlink(self._temporary)
            self._entries = None


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _input_name(path: str) -> str:
    """An input as messages name it: stdin as its articles' source does (<stdin>)."""
    return "<stdin>" if path == STDIN else display(path)
