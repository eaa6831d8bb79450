/**
 * Address classes for the crawler's SSRF guard. The classification is shared
 * with the SMTP sidecar, which refuses the same addresses as MX targets; the
 * code lives in the sidecar's folder (the Worker already imports the
 * sidecar's shared modules, never the other way round), so the sidecar's
 * image needs nothing from outside it.
 */
export {
  type AddressClass,
  classifyAddress,
  isIpLiteral,
  parseIPv4,
  parseIPv6,
} from "../../../workers/smtp-sidecar/src/ip-ranges.ts";
