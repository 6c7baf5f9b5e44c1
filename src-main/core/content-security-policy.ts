/**
 * One CSP for both shells: only our own scripts, no remote content, sockets only to loopback
 * (web mode's RPC). Inline styles are allowed because React sets style attributes for
 * virtualized rows and column widths.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
