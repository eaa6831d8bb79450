/**
 * Cloudflare email protection: `data-cfemail="<hex>"` and
 * `/cdn-cgi/l/email-protection#<hex>`. The first byte is the XOR key; each
 * following byte XOR the key is one character. Odd-length or non-hex input
 * is refused (null), never guessed.
 */

/** Decodes a Cloudflare-protected address, or null when the input is not valid encoding. */
export function decodeCloudflareEmail(hex: string): string | null {
  const clean = hex.trim();
  if (clean.length < 4 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return null;
  const key = Number.parseInt(clean.slice(0, 2), 16);
  let out = "";
  for (let i = 2; i < clean.length; i += 2) {
    out += String.fromCharCode(Number.parseInt(clean.slice(i, i + 2), 16) ^ key);
  }
  try {
    // Cloudflare percent-encodes non-ASCII before XOR-ing.
    return decodeURIComponent(escape(out));
  } catch {
    return out;
  }
}

/** Encodes an address the way Cloudflare does (for fixtures and tests). */
export function encodeCloudflareEmail(email: string, key = 0x5a): string {
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return hex(key) + [...email].map((ch) => hex(ch.charCodeAt(0) ^ key)).join("");
}
