// The sign form's proof-of-work check (ALTCHA), served from this site: no third party.
// The worker is a file of ours too, so the CSP needs neither blob: nor wasm.
import "./vendor/altcha/altcha.min.js";

const worker = new URL("./vendor/altcha/pbkdf2.js", import.meta.url);
for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Worker(worker));
}
