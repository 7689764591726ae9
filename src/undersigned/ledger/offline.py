"""Reading an evidence bundle (a zip that mirrors a site's log resources under `site/`)
as if it were the site: `verify --bundle` feeds the ordinary verifier from it, offline."""

import json
import zipfile
from pathlib import Path

from undersigned_verify.checker import Failed


class Bundle:
    def __init__(self, path: Path) -> None:
        try:
            self.archive = zipfile.ZipFile(path)
            manifest = json.loads(self.archive.read("manifest.json"))
            self.url = str(manifest["url"])
            self.size = int(manifest["size"])
        except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
            raise Failed(f"not an evidence bundle: {path} ({error})") from None
        # Everything before /l/<slug>/ is the site's base address.
        at = self.url.rstrip("/").rfind("/l/")
        if at < 0:
            raise Failed(f"not an evidence bundle: its manifest names no letter ({self.url})")
        self.base = self.url[:at]

    def fetch(self, url: str) -> bytes:
        if not url.startswith(self.base + "/"):
            raise Failed(f"not in the evidence bundle: {url}")
        name = "site/" + url.removeprefix(self.base + "/")
        try:
            return self.archive.read(name)
        except KeyError:
            raise Failed(f"not in the evidence bundle: {name}") from None
