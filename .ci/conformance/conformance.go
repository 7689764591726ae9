// Conformance of a live Undersigned log against the reference implementation,
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog (Debian's
// golang-golang-x-mod-dev): the signed checkpoint (note.Open with the site's key),
// every hash tile against the entries (tlog.RecordHash, tlog.ReadTileData) and through
// tlog.TileHashReader (which authenticates each tile against the signed root), and a
// receipt (C2SP tlog-proof) with tlog.CheckRecord. With -witness, the checkpoint must also
// carry that witness's C2SP tlog-cosignature (cosignature/v1), checked through note.Open
// with a verifier written here from the specification on Go's crypto/ed25519.
//
// Usage: conformance -letter URL -vkey VKEY [-receipt FILE] [-witness VKEY]
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const height = 8

var prefix string // the letter's log: <letter URL>log/

func fetch(path string) ([]byte, error) {
	resp, err := http.Get(prefix + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", prefix+path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// tlog's paths carry the tile height (tile/8/0/000); C2SP tlog-tiles' do not
// (tile/0/000), and call the level -1 data tiles "entries".
func tilePath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", height))
	return "tile/" + strings.Replace(p, "data/", "entries/", 1)
}

type siteTiles struct{ read int }

func (s *siteTiles) Height() int { return height }

func (s *siteTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := fetch(tilePath(t))
		if err != nil {
			return nil, err
		}
		out[i] = data
		s.read++
	}
	return out, nil
}

func (s *siteTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// cosignatureV1 is a note.Verifier for C2SP tlog-cosignature Ed25519 cosignatures: key
// type 0x04, signature = big-endian u64 timestamp || Ed25519 signature over
// "cosignature/v1\ntime <t>\n" || the checkpoint text.
type cosignatureV1 struct {
	name string
	hash uint32
	key  ed25519.PublicKey
	time uint64
}

func newCosignatureV1(vkey string) (*cosignatureV1, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		return nil, errors.New("malformed witness vkey")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 1+ed25519.PublicKeySize || raw[0] != 0x04 {
		return nil, errors.New("not a cosignature/v1 vkey")
	}
	id := sha256.Sum256(append([]byte(parts[0]+"\n"), raw...))
	hash := binary.BigEndian.Uint32(id[:4])
	if fmt.Sprintf("%08x", hash) != parts[1] {
		return nil, errors.New("witness vkey: wrong key ID")
	}
	return &cosignatureV1{name: parts[0], hash: hash, key: raw[1:]}, nil
}

func (v *cosignatureV1) Name() string    { return v.name }
func (v *cosignatureV1) KeyHash() uint32 { return v.hash }
func (v *cosignatureV1) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	signed := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), msg...)
	if !ed25519.Verify(v.key, signed, sig[8:]) {
		return false
	}
	v.time = t
	return true
}

func parseCheckpoint(text string) (origin string, tree tlog.Tree, err error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", tree, errors.New("malformed checkpoint")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return "", tree, err
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return "", tree, errors.New("malformed checkpoint root")
	}
	tree.N = size
	copy(tree.Hash[:], root)
	return lines[0], tree, nil
}

func splitBundle(data []byte) ([][]byte, error) {
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("truncated entry bundle")
		}
		n := int(data[0])<<8 | int(data[1])
		if len(data) < 2+n {
			return nil, errors.New("truncated entry bundle")
		}
		out = append(out, data[2:2+n])
		data = data[2+n:]
	}
	return out, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "conformance: FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	letter := flag.String("letter", "", "the letter's URL, https://host/l/<slug>/")
	vkey := flag.String("vkey", "", "the log's verifier key")
	receiptFile := flag.String("receipt", "", "a receipt (c2sp.org/tlog-proof@v1) to check")
	witnessKey := flag.String("witness", "", "a witness's cosignature/v1 vkey that must have cosigned")
	flag.Parse()
	if *letter == "" || *vkey == "" {
		flag.Usage()
		os.Exit(2)
	}
	prefix = strings.TrimSuffix(*letter, "/") + "/log/"

	// 1. The signed checkpoint, with the reference note implementation.
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("vkey: %v", err)
	}
	msg, err := fetch("checkpoint")
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: note.Open: %v", err)
	}
	origin, tree, err := parseCheckpoint(n.Text)
	if err != nil {
		fail("checkpoint: %v", err)
	}
	fmt.Printf("checkpoint: %s, size %d, signed by %s (note.Open)\n", origin, tree.N, verifier.Name())
	if *witnessKey != "" {
		witness, err := newCosignatureV1(*witnessKey)
		if err != nil {
			fail("%v", err)
		}
		cosigned, err := note.Open(msg, note.VerifierList(witness))
		if err != nil || len(cosigned.Sigs) != 1 {
			fail("checkpoint: no valid cosignature by %s: %v", witness.name, err)
		}
		fmt.Printf("checkpoint: cosigned by the witness %s at %d (cosignature/v1)\n", witness.name, witness.time)
	}

	// 2. The entries, and every stored hash of the tree they make (tlog.RecordHash).
	var entries [][]byte
	for i := int64(0); i*256 < tree.N; i++ {
		w := tree.N - i*256
		if w > 256 {
			w = 256
		}
		data, err := fetch(tilePath(tlog.Tile{H: height, L: -1, N: i, W: int(w)}))
		if err != nil {
			fail("%v", err)
		}
		bundle, err := splitBundle(data)
		if err != nil || int64(len(bundle)) != w {
			fail("entry bundle %d is malformed", i)
		}
		entries = append(entries, bundle...)
	}
	var stored []tlog.Hash
	storedReader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, e := range entries {
		hashes, err := tlog.StoredHashes(int64(i), e, storedReader)
		if err != nil {
			fail("StoredHashes: %v", err)
		}
		stored = append(stored, hashes...)
	}
	root, err := tlog.TreeHash(tree.N, storedReader)
	if err != nil || root != tree.Hash {
		fail("the entries do not hash to the checkpoint's root")
	}
	fmt.Printf("entries: %d, their tree hash is the checkpoint's root (tlog.RecordHash, tlog.TreeHash)\n", len(entries))

	// 3. Every hash tile, compared with the tile the entries make.
	site := &siteTiles{}
	// NewTiles lists every tile published on the way to this size, partial ones of every
	// width included; the tree of this size is made of the full tiles and the last one.
	var tiles []tlog.Tile
	for _, t := range tlog.NewTiles(height, 0, tree.N) {
		last := tree.N >> (height * t.L)
		if t.W == 1<<height || (t.N == last>>height && int64(t.W) == last%(1<<height)) {
			tiles = append(tiles, t)
		}
	}
	for _, t := range tiles {
		want, err := tlog.ReadTileData(t, storedReader)
		if err != nil {
			fail("ReadTileData %s: %v", tilePath(t), err)
		}
		got, err := fetch(tilePath(t))
		if err != nil {
			fail("%v", err)
		}
		if !bytes.Equal(got, want) {
			fail("tile %s does not match the entries", tilePath(t))
		}
	}
	// And the same tiles through tlog.TileHashReader, which checks each against the root.
	thr := tlog.TileHashReader(tree, site)
	fromTiles, err := tlog.TreeHash(tree.N, thr)
	if err != nil || fromTiles != tree.Hash {
		fail("TileHashReader: %v", err)
	}
	for i := int64(0); i < tree.N; i++ {
		proof, err := tlog.ProveRecord(tree.N, i, thr)
		if err != nil {
			fail("ProveRecord %d via TileHashReader: %v", i, err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, i, tlog.RecordHash(entries[i])); err != nil {
			fail("CheckRecord %d: %v", i, err)
		}
	}
	fmt.Printf("tiles: all %d match the entries; every record proves through tlog.TileHashReader\n", len(tiles))

	// 4. A receipt, with tlog.CheckRecord.
	if *receiptFile != "" {
		text, err := os.ReadFile(*receiptFile)
		if err != nil {
			fail("%v", err)
		}
		head, signed, ok := strings.Cut(string(text), "\n\n")
		lines := strings.Split(head, "\n")
		if !ok || lines[0] != "c2sp.org/tlog-proof@v1" {
			fail("receipt: not a c2sp.org/tlog-proof@v1")
		}
		at := 1
		if strings.HasPrefix(lines[at], "extra ") {
			at++
		}
		index, err := strconv.ParseInt(strings.TrimPrefix(lines[at], "index "), 10, 64)
		if err != nil || index < 0 || index >= int64(len(entries)) {
			fail("receipt: bad index line %q", lines[at])
		}
		var proof tlog.RecordProof
		for _, line := range lines[at+1:] {
			h, err := base64.StdEncoding.DecodeString(line)
			if err != nil || len(h) != tlog.HashSize {
				fail("receipt: bad proof line %q", line)
			}
			var hash tlog.Hash
			copy(hash[:], h)
			proof = append(proof, hash)
		}
		rn, err := note.Open([]byte(signed), note.VerifierList(verifier))
		if err != nil {
			fail("receipt checkpoint: note.Open: %v", err)
		}
		_, rtree, err := parseCheckpoint(rn.Text)
		if err != nil {
			fail("receipt checkpoint: %v", err)
		}
		if err := tlog.CheckRecord(proof, rtree.N, rtree.Hash, index, tlog.RecordHash(entries[index])); err != nil {
			fail("receipt: tlog.CheckRecord: %v", err)
		}
		fmt.Printf("receipt: record %d is in the tree of size %d (tlog.CheckRecord)\n", index, rtree.N)
	}
	fmt.Println("conformance: OK")
}
