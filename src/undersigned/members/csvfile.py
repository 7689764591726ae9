"""Reading the CSV files organisers upload (rosters, regions and branches): UTF-8 with or
without a byte-order mark, comma or semicolon separated, with a header line. Problems are
collected with their line and column, the first 100 kept and all of them counted."""

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

MAX_REPORTED = 100
TOO_LONG = "A value on this line is too long (over 128 KB): is this the right file?"


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Problems:
    first: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.first) < MAX_REPORTED:
            self.first.append(Problem(line, column, message))

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def more(self) -> int:
        """How many problems were found beyond the ones kept."""
        return self.total - len(self.first)


def header_name(value: str) -> str:
    """'Membership Number' and 'membership-number' both name `membership_number`."""
    return "_".join(value.strip().lower().replace("-", " ").split())


def _lines(binary: Iterable[bytes], problems: Problems) -> Iterator[str]:
    # Decoding line by line (not in blocks) gives an exact line number for bad bytes.
    for number, raw in enumerate(binary, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.add(number, "", "This line is not UTF-8 text. Save the file as “CSV UTF-8”.")
            text = raw.decode("utf-8", "replace")
        if "\x00" in text:
            # No database may store it (PostgreSQL refuses it outright).
            problems.add(number, "", "This line contains a control character (NUL): remove it.")
            text = text.replace("\x00", "\ufffd")
        yield text


class Table:
    """A CSV file's header and its records, each with the line it starts on."""

    def __init__(self, binary: IO[bytes], problems: Problems) -> None:
        self.problems = problems
        self._lines = _lines(binary, problems)
        first = next(self._lines, "")
        self.delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            names = next(csv.reader([first], delimiter=self.delimiter), [])
        except csv.Error:
            problems.add(1, "", TOO_LONG)
            names = []
        self.header = [header_name(h) for h in names]

    def columns(self, required: Iterable[str], optional: Iterable[str]) -> dict[str, int] | None:
        """Where each known column is, or None (with the problems noted) if the header is
        unusable."""
        if not any(self.header):
            if not self.problems:
                self.problems.add(1, "", "The file is empty: it needs a header line.")
            return None
        found: dict[str, int] = {}
        for index, name in enumerate(self.header):
            if name in found:
                self.problems.add(1, name, "This column appears twice in the header.")
            found.setdefault(name, index)
        missing = [name for name in required if name not in found]
        for name in missing:
            self.problems.add(1, name, "This required column is missing from the header.")
        if missing or self.problems:
            return None
        return {name: found[name] for name in (*required, *optional) if name in found}

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line, values) for each non-blank record with as many values as the header."""
        reader = csv.reader(self._lines, delimiter=self.delimiter)
        width = len(self.header)
        previous = 0
        try:
            for values in reader:
                line, previous = previous + 2, reader.line_num  # the header is line 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) > width and not any(v.strip() for v in values[width:]):
                    values = values[:width]  # trailing empty cells, as spreadsheets write them
                if len(values) != width:
                    self.problems.add(
                        line, "", f"This line has {len(values)} values; the header has {width}."
                    )
                    continue
                yield line, values
        except csv.Error as error:
            message = (
                TOO_LONG
                if "field limit" in str(error)
                else f"The file cannot be read as CSV: {error}."
            )
            self.problems.add(previous + 2, "", message)
