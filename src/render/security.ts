import type { SearchEngine } from '../view/view.ts';

/**
 * The Content-Security-Policy every page carries, as a meta tag so that it holds on any static
 * host. Everything comes from the site itself: no inline script, no inline style, no plugins, no
 * forms posting elsewhere. Images may also come over https, because a Markdown article may show a
 * picture from the web (sanitising already drops `data:` and `javascript:` addresses).
 * `frame-ancestors` cannot be set from a meta tag; a host that wants it sets the header.
 */
export const contentSecurityPolicyFor = (searchEngine: SearchEngine) => [
  "default-src 'none'",
  // Pagefind's search runs as WebAssembly, which needs its own allowance; the archive's own search
  // is script alone. No eval of script either way.
  searchEngine === 'pagefind' ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');
