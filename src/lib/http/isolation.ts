// The cross-origin isolation headers (COOP/COEP, plus CORP for our own files): the one source for
// Vite's dev/preview servers, the static server (src/cli/static.ts) and the service worker, which
// adds them on static hosts that cannot send headers. Isolation is what lets wasm use threads.

/** Headers that make a page cross-origin isolated (`crossOriginIsolated === true`). */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});
