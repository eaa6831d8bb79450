/**
 * Parsing of `socks5://[user:pass@]host:port` proxy URLs from SOCKS_PROXIES.
 * Pure, so the config module can validate them at startup.
 */

/** One SOCKS5 proxy outbound sessions can go through. */
export interface SocksProxy {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** Parses a proxy URL; throws an Error naming the problem. */
export function parseSocksProxyUrl(text: string): SocksProxy {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`not a URL: ${JSON.stringify(redactProxyUrl(text))}`);
  }
  if (url.protocol !== "socks5:")
    throw new Error(`only socks5:// proxies are supported, got ${url.protocol}`);
  const port = Number(url.port);
  if (!url.hostname || !Number.isInteger(port) || port < 1) {
    throw new Error(`proxy needs host and port: ${redactProxyUrl(text)}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const proxy: SocksProxy = { host, port };
  if (url.username) {
    proxy.username = decodeURIComponent(url.username);
    proxy.password = decodeURIComponent(url.password);
    if (proxy.username.length > 255 || proxy.password.length > 255) {
      throw new Error("SOCKS5 user name and password are limited to 255 bytes");
    }
  }
  return proxy;
}

/** `host:port` of a proxy, safe to log and to show in the rotation status. */
export function socksProxyLabel(proxy: SocksProxy): string {
  return proxy.host.includes(":") ? `[${proxy.host}]:${proxy.port}` : `${proxy.host}:${proxy.port}`;
}

/** The URL with any password replaced, for error messages. */
function redactProxyUrl(text: string): string {
  return text.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}
