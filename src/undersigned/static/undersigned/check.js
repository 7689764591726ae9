// Check a letter's count in your own browser: the same checks as `undersigned verify`.
//
// 1. Fetch the log's verifying key (or use the one you pasted) and the signed checkpoint,
//    and verify its Ed25519 signature (C2SP signed-note, tlog-checkpoint).
// 2. Verify the witnesses' cosignatures on it (C2SP tlog-cosignature, cosignature/v1).
// 3. Fetch every entry bundle, hash every entry, and recompute the Merkle root
//    (RFC 6962: SHA-256, leaves 0x00 || entry, nodes 0x01 || left || right); recompute it
//    again from the published hash tiles (C2SP tlog-tiles). Both must equal the signed root.
// 4. Replay the entries (undersigned/v1) to the count and compare it with the page's count.
// 5. Compare with the checkpoint this browser remembered from the last visit: the first
//    entries of today's log must hash to that old root, so nothing seen then has changed.
//
// Everything uses the browser's own WebCrypto; no other code is loaded.
(function () {
  "use strict";

  var box = document.getElementById("check");
  var WIDTH = 256; // entries per bundle, hashes per tile
  var HEIGHT = 8; // tree levels per tile
  var LOG_KEY = 0x01; // Ed25519 signed-note key
  var COSIGNATURE_KEY = 0x04; // Ed25519 cosignature/v1 key
  var PARALLEL = 8; // requests in flight at once
  var TIMEOUT = 60000; // milliseconds a request may take
  var utf8 = new TextEncoder();
  var fromUtf8 = new TextDecoder("utf-8", { fatal: true });

  // Messages go through Django's JavaScript catalogue when the page loaded it.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }

  if (!box || !window.fetch) { return; }

  var urls = box.dataset;
  var progress = document.getElementById("check-progress");
  var verdict = document.getElementById("check-verdict");
  // Browsers give WebCrypto to secure pages only (https, or this computer).
  var noCrypto = !window.crypto || !window.crypto.subtle;
  var logPrefix = urls.checkpoint.slice(0, -"checkpoint".length);
  var memoryKey = "undersigned-checkpoint " + new URL(urls.checkpoint, location.href).href;

  // A failure: its message is the reason shown to the reader.
  function Failed(message) { this.message = message; }

  function fail(message) { throw new Failed(message); }

  // Bytes -------------------------------------------------------------------------------

  function concat(parts) {
    var size = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var out = new Uint8Array(size);
    var at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }

  function equal(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function base64(text) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4) { fail(gettext("malformed base64")); }
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }

  function hex(bytes) {
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }

  // Merkle tree (RFC 6962) ---------------------------------------------------------------

  var LEAF = new Uint8Array([0]);
  var NODE = new Uint8Array([1]);

  function hashLeaf(entry) { return sha256(concat([LEAF, entry])); }

  function hashChildren(left, right) { return sha256(concat([NODE, left, right])); }

  // Every complete subtree of the tree, level by level: levels[0] are the leaf hashes,
  // levels[k][i] the root of leaves i*2^k .. (i+1)*2^k - 1. Hashed in parallel batches.
  async function buildLevels(leafHashes, onLevel) {
    var levels = [leafHashes];
    while (levels[levels.length - 1].length > 1) {
      var below = levels[levels.length - 1];
      var above = [];
      for (var start = 0; start + 1 < below.length; start += 2 * 4096) {
        var batch = [];
        for (var i = start; i + 1 < below.length && i < start + 2 * 4096; i += 2) {
          batch.push(hashChildren(below[i], below[i + 1]));
        }
        above = above.concat(await Promise.all(batch));
      }
      levels.push(above);
      onLevel(levels.length - 1);
    }
    return levels;
  }

  // The complete subtrees of a tree of `size` leaves, leftmost (largest) first.
  function decompose(size) {
    var parts = [];
    var offset = 0;
    for (var level = Math.floor(Math.log2(size)); level >= 0; level--) {
      if (Math.floor(size / Math.pow(2, level)) % 2 === 1) {
        parts.push({ level: level, index: offset / Math.pow(2, level) });
        offset += Math.pow(2, level);
      }
    }
    return parts;
  }

  // The root of the first `size` leaves: the complete subtrees of `size`, folded from
  // the right, as RFC 6962's split always puts the largest power of two on the left.
  async function rootOf(node, size) {
    if (size === 0) { return sha256(new Uint8Array(0)); }
    var parts = [];
    for (var part of decompose(size)) { parts.push(await node(part.level, part.index)); }
    var root = parts.pop();
    while (parts.length) { root = await hashChildren(parts.pop(), root); }
    return root;
  }

  function levelsNode(levels) {
    return function (level, index) { return levels[level][index]; };
  }

  // A node function over hash tiles: a subtree at `level` is 2^(level % 8) hashes of one
  // tile at level / 8, reduced.
  function tileNode(readTile) {
    return async function (level, index) {
      var tileLevel = Math.floor(level / HEIGHT);
      var depth = level % HEIGHT;
      var first = index * Math.pow(2, depth);
      var data = await readTile(tileLevel, Math.floor(first / WIDTH));
      var offset = first % WIDTH;
      var end = (offset + Math.pow(2, depth)) * 32;
      if (data.length < end) { fail(gettext("the hash tiles are incomplete")); }
      var hashes = [];
      for (var at = offset * 32; at < end; at += 32) { hashes.push(data.slice(at, at + 32)); }
      while (hashes.length > 1) {
        var next = [];
        for (var i = 0; i < hashes.length; i += 2) { next.push(hashChildren(hashes[i], hashes[i + 1])); }
        hashes = await Promise.all(next);
      }
      return hashes[0];
    };
  }

  // tlog-tiles paths ---------------------------------------------------------------------

  function encodeIndex(n) {
    var digits = String(n);
    digits = "0".repeat((3 - (digits.length % 3)) % 3) + digits;
    var groups = digits.match(/.{3}/g);
    return groups.map(function (g, i) { return i < groups.length - 1 ? "x" + g : g; }).join("/");
  }

  function tilePath(level, index, width) {
    return "tile/" + level + "/" + encodeIndex(index) + (width < WIDTH ? ".p/" + width : "");
  }

  // Fetching -------------------------------------------------------------------------------

  // Tiles never change once published, so the browser may keep them; whatever it keeps is
  // checked against the signed root all the same. Everything else is fetched afresh.
  async function get(url, kind) {
    var response;
    var cache = kind ? "no-store" : "default";
    // A request that never answers must end in a verdict, not a spinner.
    var abort = new AbortController();
    var timer = setTimeout(function () { abort.abort(); }, TIMEOUT);
    try {
      response = await fetch(url, { cache: cache, credentials: "omit", signal: abort.signal });
    } catch (error) {
      fail(abort.signal.aborted
        ? fill(gettext("could not fetch %(url)s: no answer within %(seconds)s seconds"), { url: url, seconds: TIMEOUT / 1000 })
        : fill(gettext("could not fetch %(url)s: the network failed"), { url: url }));
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) { fail(fill(gettext("could not fetch %(url)s: HTTP %(status)s"), { url: url, status: response.status })); }
    if (kind === "text") { return response.text(); }
    if (kind === "json") {
      try { return await response.json(); } catch (error) { fail(fill(gettext("%(url)s is not JSON"), { url: url })); }
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  // Run fn(i) for i in 0..n-1 with a few requests in flight at once, in order of results.
  async function inParallel(n, fn) {
    var results = new Array(n);
    var next = 0;
    async function worker() {
      while (next < n) { var i = next++; results[i] = await fn(i); }
    }
    var workers = [];
    for (var w = 0; w < Math.min(PARALLEL, n); w++) { workers.push(worker()); }
    await Promise.all(workers);
    return results;
  }

  // Signed notes and keys (C2SP signed-note, tlog-checkpoint, tlog-cosignature) --------------

  // "<name>+<hex key ID>+<base64(type || key)>", with the key ID checked.
  async function parseKey(text, type, what) {
    var m = /^([^+]+)\+([0-9a-f]{8})\+(.*)$/.exec(text.trim());
    var parts = m ? m.slice(1) : [];
    var raw;
    try { raw = parts.length === 3 ? base64(parts[2]) : null; } catch (error) { raw = null; }
    if (!raw || !parts[0] || raw.length !== 33 || raw[0] !== type) {
      fail(type === LOG_KEY
        ? fill(gettext("%(what)s is not an Ed25519 verifier key: %(key)s"), { what: what, key: text.trim() })
        : fill(gettext("%(what)s is not an Ed25519 witness key: %(key)s"), { what: what, key: text.trim() }));
    }
    var id = (await sha256(concat([utf8.encode(parts[0] + "\n"), raw]))).slice(0, 4);
    if (hex(id) !== parts[1]) { fail(fill(gettext("%(what)s has the wrong key ID: %(key)s"), { what: what, key: text.trim() })); }
    var key;
    try {
      key = await crypto.subtle.importKey("raw", raw.slice(1), { name: "Ed25519" }, false, ["verify"]);
    } catch (error) {
      fail(gettext("this browser cannot check Ed25519 signatures; run undersigned verify instead"));
    }
    return { name: parts[0], id: id, key: key, raw: raw, text: text.trim() };
  }

  // The same key under another name (a log signs under its origin line since the log
  // audit; under the site's host before): the key ID covers the name.
  async function renamed(key, name) {
    var id = (await sha256(concat([utf8.encode(name + "\n"), key.raw]))).slice(0, 4);
    return { name: name, id: id, key: key.key, raw: key.raw, text: key.text };
  }

  function splitNote(note) {
    var at = note.lastIndexOf("\n\n");
    if (at < 0 || !note.endsWith("\n")) { fail(gettext("malformed checkpoint note")); }
    var lines = note.slice(at + 2, -1).split("\n").map(function (line) {
      var m = /^\u2014 (\S+) (\S+)$/.exec(line);
      var raw = null;
      if (m) { try { raw = base64(m[2]); } catch (error) { raw = null; } }
      return m && raw ? { name: m[1], raw: raw } : null;
    });
    return { text: note.slice(0, at + 1), signatures: lines.filter(Boolean) };
  }

  function verifyEd25519(key, signature, message) {
    return crypto.subtle.verify({ name: "Ed25519" }, key.key, signature, message);
  }

  // The note's text if `key` signed it, as the Go note package and the Python verifier do.
  async function openNote(key, note) {
    var split = splitNote(note);
    var keys = [key, await renamed(key, split.text.split("\n")[0])];
    for (var candidate of keys) {
      for (var line of split.signatures) {
        if (line.name !== candidate.name || line.raw.length !== 68 || !equal(line.raw.slice(0, 4), candidate.id)) { continue; }
        if (!(await verifyEd25519(candidate, line.raw.slice(4), utf8.encode(split.text)))) {
          fail(fill(gettext("bad signature: the checkpoint's signature does not verify with the key %(key)s"), { key: key.text }));
        }
        return split.text;
      }
    }
    fail(fill(gettext("bad signature: the checkpoint is not signed by the key %(key)s"), { key: key.text }));
  }

  function parseCheckpoint(text) {
    var lines = text.split("\n");
    var size = Number(lines[1]);
    var root = null;
    try { root = base64(lines[2] || ""); } catch (error) { root = null; }
    if (!lines[0] || String(size) !== lines[1] || !Number.isSafeInteger(size) || !root || root.length !== 32) {
      fail(gettext("malformed checkpoint"));
    }
    return { origin: lines[0], size: size, root: root };
  }

  // The witnesses (of those given) whose cosignature/v1 on this checkpoint verifies:
  // signed message "cosignature/v1\ntime <unix>\n" + checkpoint text; the line carries
  // key ID || 8-byte big-endian time || signature.
  async function cosigners(note, text, witnesses) {
    var found = [];
    var lines = splitNote(note).signatures;
    for (var witness of witnesses) {
      for (var line of lines) {
        if (line.name !== witness.name || line.raw.length !== 76 || !equal(line.raw.slice(0, 4), witness.id)) { continue; }
        var time = new DataView(line.raw.buffer, 4, 8).getBigUint64(0);
        var message = utf8.encode("cosignature/v1\ntime " + time + "\n" + text);
        if (await verifyEd25519(witness, line.raw.slice(12), message)) {
          found.push({ name: witness.name, time: new Date(Number(time) * 1000) });
        } else {
          fail(fill(gettext("bad cosignature: %(name)s's cosignature does not verify"), { name: witness.name }));
        }
        break;
      }
    }
    return found;
  }

  // Entries (undersigned/v1) and the count ------------------------------------------------

  var KINDS = ["text", "sign", "withdraw", "remove", "restore"];

  function parseEntry(bytes, index) {
    var text;
    try { text = fromUtf8.decode(bytes); } catch (error) { fail(fill(gettext("malformed log: entry %(index)s is not UTF-8"), { index: index })); }
    if (!text.endsWith("\n")) { fail(fill(gettext("malformed log: entry %(index)s does not end with a newline"), { index: index })); }
    var lines = text.slice(0, -1).split("\n");
    if (lines[0] !== "undersigned/v1") { fail(fill(gettext("malformed log: entry %(index)s does not start with undersigned/v1"), { index: index })); }
    var fields = {};
    lines.slice(1).forEach(function (line) {
      var at = line.indexOf(" ");
      var key = line.slice(0, at);
      if (at < 1 || Object.prototype.hasOwnProperty.call(fields, key)) {
        fail(fill(gettext("malformed log: entry %(index)s has a bad line"), { index: index }));
      }
      fields[key] = line.slice(at + 1);
    });
    if (KINDS.indexOf(fields.kind) < 0) { fail(fill(gettext("malformed log: entry %(index)s has an unknown kind"), { index: index })); }
    return fields;
  }

  // Sign entries are counted until withdrawn or removed, and again once restored.
  function replay(entries) {
    var counted = new Map();
    entries.forEach(function (entry, index) {
      var fields = parseEntry(entry, index);
      if (index === 0 && (fields.kind !== "text" || fields.version !== "1")) {
        fail(gettext("malformed log: the log does not start with version 1 of the letter's text"));
      }
      if (fields.kind === "sign") {
        counted.set(index, true);
      } else if (fields.kind !== "text") {
        var ref = /^(0|[1-9][0-9]*)$/.test(fields.ref || "") ? Number(fields.ref) : -1;
        if (!counted.has(ref)) { fail(fill(gettext("malformed log: entry %(index)s refers to a missing sign entry"), { index: index })); }
        counted.set(ref, fields.kind === "restore");
      }
    });
    var count = 0;
    counted.forEach(function (yes) { if (yes) { count++; } });
    return count;
  }

  function splitBundle(data, index, width) {
    var entries = [];
    var at = 0;
    while (at < data.length) {
      if (at + 2 > data.length) { fail(fill(gettext("entry bundle %(index)s is malformed"), { index: index })); }
      var length = data[at] * 256 + data[at + 1];
      if (at + 2 + length > data.length) { fail(fill(gettext("entry bundle %(index)s is malformed"), { index: index })); }
      entries.push(data.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    if (entries.length !== width) {
      fail(fill(gettext("entry bundle %(index)s has %(found)s entries, not %(width)s"), { index: index, found: entries.length, width: width }));
    }
    return entries;
  }

  // Showing what happens ----------------------------------------------------------------

  var lastShown = 0;

  function say(text, always) {
    var now = Date.now();
    if (always || now - lastShown > 400) { progress.textContent = text; lastShown = now; }
  }

  function element(tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function when(date) {
    return date.toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" });
  }

  function show(ok, title, lines, limits) {
    verdict.replaceChildren();
    verdict.className = "verdict " + (ok ? "verdict-ok" : "verdict-failed");
    var heading = element("h2", title);
    heading.id = "verdict-title";
    heading.tabIndex = -1;
    verdict.appendChild(heading);
    var list = element("ul");
    lines.forEach(function (line) { list.appendChild(element("li", line)); });
    verdict.appendChild(list);
    if (limits) { verdict.appendChild(element("p", limits)); }
    verdict.hidden = false;
    say(title, true);
    heading.focus();
  }

  // The check -----------------------------------------------------------------------------

  function pins() {
    var params = new URLSearchParams(location.search);
    var witnesses = (params.get("witnesses") || "").split(/\s+/).filter(Boolean);
    var min = params.get("min");
    var form = document.getElementById("check-pins");
    form.elements.key.value = params.get("key") || "";
    form.elements.witnesses.value = witnesses.join("\n");
    form.elements.min.value = min || "";
    return {
      key: (params.get("key") || "").trim(),
      witnesses: witnesses,
      min: /^[0-9]+$/.test(min || "") ? Number(min) : witnesses.length,
    };
  }

  async function siteWitnesses() {
    var response = await fetch(urls.witnesses, { cache: "no-store" });
    if (response.status === 404) { return []; }
    if (!response.ok) { fail(fill(gettext("could not fetch the witness list: HTTP %(status)s"), { status: response.status })); }
    var list;
    try { list = await response.json(); } catch (error) { fail(gettext("the witness list is not JSON")); }
    return (Array.isArray(list) ? list : []).map(function (w) { return w && w.vkey; }).filter(Boolean);
  }

  // The last checkpoint checked, kept in this browser only; storage may be turned off.
  function recall() {
    try { return localStorage.getItem(memoryKey); } catch (error) { return null; }
  }

  function remember(note) {
    try { localStorage.setItem(memoryKey, note); return true; } catch (error) { return false; }
  }

  function sleep(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  async function check() {
    var pinned = pins();
    say(gettext("Fetching the log's key and checkpoint…"), true);
    var key = await parseKey(pinned.key || (await get(urls.vkey, "text")), LOG_KEY, pinned.key ? gettext("The key you pasted") : gettext("The site's key"));
    var witnessKeys = pinned.witnesses.length ? pinned.witnesses : await siteWitnesses();
    var witnesses = [];
    for (var text of witnessKeys) { witnesses.push(await parseKey(text, COSIGNATURE_KEY, gettext("A witness key"))); }

    // The count may move between the two requests: try again a few times, as verify does.
    var claimed, note, checkpoint;
    for (var attempt = 0; attempt < 6; attempt++) {
      claimed = await get(urls.count, "json");
      note = await get(urls.checkpoint, "text");
      checkpoint = parseCheckpoint(await openNote(key, note));
      if (claimed.tree_size === checkpoint.size && claimed.pending === 0) { break; }
      await sleep(1000);
    }
    // Logs are named "<host>/l/<slug>/log" (older ones "<host>/l/<slug>").
    if (!checkpoint.origin.endsWith("/l/" + urls.slug) && !checkpoint.origin.endsWith("/l/" + urls.slug + "/log")) { fail(fill(gettext("the checkpoint is for another log (%(origin)s)"), { origin: checkpoint.origin })); }
    var text = splitNote(note).text;
    var cosigned = await cosigners(note, text, witnesses);
    if (cosigned.length < pinned.min) {
      var missing = witnesses.filter(function (w) { return !cosigned.some(function (c) { return c.name === w.name; }); });
      var names = missing.map(function (w) { return w.name; }).join(", ");
      fail(fill(ngettext("missing cosignatures: %(min)s witness required, %(found)s cosigned",
        "missing cosignatures: %(min)s witnesses required, %(found)s cosigned", pinned.min),
        { min: pinned.min, found: cosigned.length }) +
        (names ? " " + fill(gettext("(none from %(names)s)"), { names: names }) : ""));
    }

    var size = checkpoint.size;
    var bundles = Math.ceil(size / WIDTH);
    var hashed = 0;
    var started = Date.now();
    var leafHashes = [];
    var entries = [];
    var perBundle = await inParallel(bundles, async function (index) {
      var width = Math.min(WIDTH, size - index * WIDTH);
      var found = splitBundle(await get(logPrefix + tilePath("entries", index, width)), index, width);
      var hashes = await Promise.all(found.map(hashLeaf));
      hashed += found.length;
      say(fill(gettext("Entry bundles fetched and entries hashed: %(hashed)s of %(size)s."), { hashed: hashed, size: size }));
      return { entries: found, hashes: hashes };
    });
    perBundle.forEach(function (b) {
      Array.prototype.push.apply(entries, b.entries);
      Array.prototype.push.apply(leafHashes, b.hashes);
    });
    say(fill(gettext("Recomputing the root from %(size)s entries…"), { size: size }), true);
    var levels = await buildLevels(leafHashes, function () {});
    if (!equal(await rootOf(levelsNode(levels), size), checkpoint.root)) {
      fail(gettext("root mismatch: the entries do not hash to the signed checkpoint's root"));
    }

    var tilesFetched = 0;
    var tops = {};
    for (var level = 0; size / Math.pow(2, HEIGHT * level) >= 1; level++) {
      var count = Math.floor(size / Math.pow(2, HEIGHT * level));
      tops[level] = { index: Math.floor(count / WIDTH), width: count % WIDTH };
    }
    var tileCache = new Map();
    var fromTiles = await rootOf(tileNode(function (level, index) {
      var top = tops[level];
      var width = top && index === top.index ? top.width : WIDTH;
      if (!top || index > top.index || width === 0) { fail(fill(gettext("tile %(level)s/%(index)s is outside the tree"), { level: level, index: index })); }
      var path = tilePath(level, index, width);
      if (!tileCache.has(path)) {
        tileCache.set(path, get(logPrefix + path).then(function (data) {
          tilesFetched++;
          say(fill(gettext("Hash tiles fetched: %(n)s."), { n: tilesFetched }));
          return data;
        }));
      }
      return tileCache.get(path);
    }), size);
    if (!equal(fromTiles, checkpoint.root)) { fail(gettext("root mismatch: the hash tiles do not match the entries")); }

    say(fill(gettext("Replaying %(size)s entries to the count…"), { size: size }), true);
    var replayed = replay(entries);
    if (claimed.tree_size === size && claimed.logged_count !== replayed) {
      fail(fill(gettext("count mismatch: count.json says %(logged)s logged, the log replays to %(replayed)s"), { logged: claimed.logged_count, replayed: replayed }));
    }
    if (claimed.count !== replayed) {
      fail(fill(gettext("count mismatch: the page says %(count)s, the log replays to %(replayed)s"), { count: claimed.count, replayed: replayed }) +
        (claimed.pending ? " " + fill(gettext("(%(pending)s events not yet logged)"), { pending: claimed.pending }) : ""));
    }

    var remembered = null;
    var old = recall();
    if (old) {
      var reason = gettext("inconsistent with the checkpoint this browser remembered") + ": ";
      var previous;
      try { previous = parseCheckpoint(await openNote(key, old)); } catch (error) {
        fail(reason + fill(gettext("it is not signed by the same key (%(error)s)"), { error: error.message || error }));
      }
      if (previous.origin !== checkpoint.origin) { fail(reason + gettext("it is for another log")); }
      if (previous.size > size) {
        fail(reason + fill(gettext("the log had %(then)s entries then and has %(now)s now, so it was rolled back"), { then: previous.size, now: size }));
      }
      if (!equal(await rootOf(levelsNode(levels), previous.size), previous.root)) {
        fail(reason + fill(gettext("the first %(then)s entries no longer hash to the root signed then, so the history was rewritten"), { then: previous.size }));
      }
      remembered = previous.size;
    }
    var kept = remember(note);

    var seconds = ((Date.now() - started) / 1000).toFixed(1);
    var cosignedBy = cosigned.map(function (c) {
      return fill(gettext("%(name)s at %(time)s"), { name: c.name, time: when(c.time) });
    }).join("; ");
    var lines = [
      (pinned.key
        ? fill(gettext("The checkpoint for %(origin)s is signed by the key %(key)s (the key you pasted)."), { origin: checkpoint.origin, key: key.text })
        : fill(gettext("The checkpoint for %(origin)s is signed by the key %(key)s (as published by this site; paste a key obtained elsewhere to pin it)."), { origin: checkpoint.origin, key: key.text })),
      witnesses.length
        ? fill(ngettext("%(found)s of %(n)s witness cosigned it", "%(found)s of %(n)s witnesses cosigned it", witnesses.length), { found: cosigned.length, n: witnesses.length }) +
          (cosignedBy ? ": " + cosignedBy : "") + " " +
          (pinned.min ? fill(gettext("(%(min)s required)."), { min: pinned.min }) : gettext("(none required)."))
        : gettext("No witnesses were given, so no independent party vouches that everyone sees this same log."),
      fill(ngettext("All %(size)s entries were fetched and hashed; they, and the %(tiles)s hash tile along the edge of the tree, recompute the signed root.",
        "All %(size)s entries were fetched and hashed; they, and the %(tiles)s hash tiles along the edge of the tree, recompute the signed root.", tilesFetched), { size: size, tiles: tilesFetched }),
      fill(ngettext("Replayed, the log counts %(replayed)s signature; the page shows %(count)s.",
        "Replayed, the log counts %(replayed)s signatures; the page shows %(count)s.", replayed), { replayed: replayed, count: claimed.count }),
      !kept
        ? gettext("This browser does not let the page store anything, so it cannot remember this checkpoint for next time.")
        : remembered === null
        ? gettext("This browser has now remembered this checkpoint: next time, the page will check that the log only grew.")
        : fill(gettext("The log only grew since the checkpoint this browser remembered (%(then)s entries): nothing seen then was changed or removed."), { then: remembered }),
      fill(gettext("Checked on %(time)s in %(seconds)s seconds."), { time: when(new Date()), seconds: seconds }),
    ];
    show(true, fill(gettext("Checked: the count of %(count)s matches the signed log of %(size)s entries"), { count: replayed, size: size }), lines, box.dataset.limits);
  }

  box.hidden = false;
  document.getElementById("check-forget").addEventListener("click", function () {
    try { localStorage.removeItem(memoryKey); } catch (error) { /* nothing was stored */ }
    say(gettext("This browser no longer remembers a checkpoint for this letter."), true);
  });
  (noCrypto
    ? Promise.reject(new Failed(gettext("this browser offers no WebCrypto on this page (pages served over plain http do not get it); run undersigned verify instead")))
    : check()
  ).catch(function (error) {
    var reason = error instanceof Failed ? error.message : fill(gettext("the check could not run: %(error)s"), { error: error });
    show(false, fill(gettext("Check failed: %(reason)s"), { reason: reason }), [], box.dataset.failedHelp);
  });
})();
