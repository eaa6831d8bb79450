/** The shapes of the mail world's MX hosts: what one is told to do, and what it saw. */

/** How one MX host behaves. */
export interface MailHostSpec {
  /** Host name (gets an A record with `ip`). */
  name: string;
  /** Loopback address it listens on (and its A record). */
  ip: string;
  /** false: the A record exists but nothing listens (connection refused). */
  listen?: boolean;
  /** Wait before the greeting (a tarpit when long). Defaults to `replyLatencyMs`. */
  greetingDelayMs?: number;
  /**
   * Called before each greeting (after its delay); the greeting waits until the promise returned
   * settles (in-process worlds only): a test holds a session open until something else has
   * happened, whatever the machine's speed.
   */
  holdGreeting?: () => Promise<unknown> | undefined;
  /** Extra first lines of a multi-line 220 greeting. */
  greetingLines?: string[];
  /** A full reply sent instead of the greeting, then the connection is closed (e.g. "554 5.7.1 ..."). */
  greetingReply?: string;
  /** Concurrent connections per client IP; beyond it the greeting is "421 4.7.0 too many connections". */
  maxConnectionsPerClient?: number;
  /**
   * New connections per client IP in any 1 s window, counting the refused ones (as Postfix's
   * anvil counts attempts); beyond it the greeting is "421 4.7.0 too many connections".
   */
  maxConnectionsPerSecondPerClient?: number;
  /** Over a per-client limit: answer 421 (default), or `drop` the connection without a reply. */
  overLimit?: "421" | "drop";
  /**
   * Delay before the greeting (unless `greetingDelayMs`) and before each reply to MAIL FROM and
   * RCPT TO: time the server spends, one command after another, so pipelined RCPTs queue.
   */
  replyLatencyMs?: number;
  /**
   * Network round trip: everything the host sends (every reply, the greeting and a 421 refusal
   * included) reaches the client this much later, on top of the delays above. Each reply is
   * delayed from its own moment, so replies to pipelined commands overlap (all 20 ms after their
   * commands) rather than queue (20, 40, 60 ms). The TLS handshake itself is not delayed.
   * Such a host greets right after its delays (without smtp-server's own 100 ms pause).
   */
  roundTripMs?: number;
  /** Key and certificate (PEM): STARTTLS is offered with them. Without them STARTTLS is not offered. */
  tls?: { key: string; cert: string };
  /** Advertise PIPELINING (default true). */
  pipelining?: boolean;
  /** Accept EHLO (default true); false answers 500 so clients must fall back to HELO. */
  ehlo?: boolean;
  /** RCPTs per connection; later ones get "452 4.5.3 too many recipients". */
  maxRecipientsPerSession?: number;
  /** A full reply to every MAIL FROM instead of accepting it (e.g. "553 5.7.1 Sender address rejected"). */
  refuseMailFrom?: string;
  /** Client IPs refused at RCPT with a Spamhaus-style 554 5.7.1 blocklist reply. */
  blockedClients?: string[];
}

/** What the host saw of one client connection. */
export interface SessionRecord {
  host: string;
  client: string;
  /** When the connection was accepted (performance.now()). */
  connectedAt: number;
  /** Refused before SMTP began ("421" or "drop" over a per-client limit, or `greetingReply`'s code). */
  refused: string | null;
  /** STARTTLS was completed. */
  secure: boolean;
  rcpts: string[];
  /** When each RCPT of `rcpts` reached the server (performance.now()). */
  rcptAt: number[];
  /** Mail transactions (MAIL FROM commands accepted). */
  transactions: number;
  /** Most RCPT commands seen in one read from the socket: > 1 means the client pipelined. */
  maxRcptsPerRead: number;
  /** MAIL FROM arrived in the same read as RCPTs (pipelined together, RFC 2920). */
  mailWithRcpts: boolean;
}

/** The answer to one RCPT: null accepts, else code and text. */
export type RecipientAnswer = { code: number; message: string } | null;

/** Decides RCPT answers for the host (the world looks up the domain's mailbox rules). */
export type AnswerRecipient = (
  address: string,
  session: { client: string; host: MailHostSpec },
) => RecipientAnswer;

/** A running MX host. */
export interface RunningMailHost {
  spec: MailHostSpec;
  sessions: SessionRecord[];
  /** Most connections open at the same time (a connection counts until QUIT or disconnect). */
  maxConcurrent: number;
  close(): Promise<void>;
}
