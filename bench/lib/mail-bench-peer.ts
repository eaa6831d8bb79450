/**
 * The peer: the npm package deep-email-validator run over the candidate
 * list the way its README suggests, a fixed number of validations in
 * flight. Each validation resolves the MX (through `node:dns`, pointed at
 * the world's DNS), opens its own connection to port 25 of the MX, says
 * HELO, MAIL FROM, RCPT TO and hangs up. Its answers are read in the
 * sidecar's status vocabulary by `peerStatus`.
 */
import { setServers } from "node:dns";
import { validate } from "deep-email-validator";
import type { ClientRun } from "./mail-bench-world.ts";

type PeerOutput = Awaited<ReturnType<typeof validate>>;

/**
 * The peer's answer as a sidecar status, as fairly as its output allows:
 * accepted is `valid`; any 550 ("Mailbox not found.", it does not tell
 * user unknown from disabled) and no MX are `invalid`; 552 ("run out of
 * space") is `risky_full_inbox`; everything else (421/450/451/452, 554,
 * timeouts, dropped connections) is `unknown`. It has no catch-all check
 * and does not retry, so catch-all addresses come out `valid` and
 * greylisted ones `unknown`.
 */
export function peerStatus(output: PeerOutput): string {
  if (output.valid) return "valid";
  if (output.reason === "mx" || output.reason === "regex") return "invalid";
  const reason = output.reason ? (output.validators[output.reason]?.reason ?? "") : "";
  if (reason === "Mailbox not found.") return "invalid";
  if (reason.includes("run out of space")) return "risky_full_inbox";
  return "unknown";
}

/** Validates `candidates` with `concurrency` validations in flight against the world at `dnsServer`. */
export async function runPeer(
  candidates: string[],
  options: { dnsServer: string; concurrency: number; sender: string },
): Promise<ClientRun> {
  setServers([options.dnsServer]);
  const statuses = new Map<string, string>();
  const details = new Map<string, string>();
  const queue = [...candidates];
  const started = performance.now();
  const worker = async () => {
    for (let email = queue.shift(); email !== undefined; email = queue.shift()) {
      const output = await validate({
        email,
        sender: options.sender,
        validateRegex: true,
        validateMx: true,
        validateTypo: false,
        validateDisposable: false,
        validateSMTP: true,
      });
      statuses.set(email, peerStatus(output));
      const level = output.reason;
      details.set(email, level ? `${level}: ${output.validators[level]?.reason ?? ""}` : "valid");
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { statuses, details, wallMs: performance.now() - started };
}
