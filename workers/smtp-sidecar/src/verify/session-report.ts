/**
 * What one SMTP session produced and how it ended, and the small readings
 * of a report the session and its callers share: a report for a session
 * that never connected, and how many of its replies were blocklistings.
 */
import type { OutboundRoute } from "../pool/outbound.ts";
import { classifyRcptReply, type RcptAction, type SessionAction } from "./classify.ts";
import type { SmtpReply } from "./smtp-reply.ts";

/** How a session ended. */
export type MxSessionEnd =
  | { kind: "completed" }
  /** The target guard refused the address: no connection was attempted. */
  | { kind: "blocked"; detail: string }
  | { kind: "connect_failed"; timedOut: boolean; detail: string }
  | { kind: "refused"; stage: "greeting" | "hello" | "mail_from"; action: SessionAction; reply: SmtpReply }
  | { kind: "timeout"; stage: "greeting" | "conversation"; detail: string }
  | { kind: "lost"; detail: string; tlsFailed: boolean };

/** What one session produced. */
export interface MxSessionReport {
  end: MxSessionEnd;
  /** RCPT replies by recipient, for the recipients that got one. */
  replies: Map<string, SmtpReply>;
  route: OutboundRoute;
  secure: boolean;
  pipelining: boolean;
  /** Milliseconds from connecting to ready for MAIL FROM (greeting, hello, TLS); null if not reached. */
  setupMs: number | null;
  /** When the last reply before QUIT arrived (clock time). */
  conversedAt: number;
  /**
   * Settles once the connection is gone. The report comes as soon as the
   * replies are in; QUIT finishes behind it, and a session slot should be
   * released only when this settles (servers count open connections).
   */
  closed: Promise<void>;
}

/** What a session needs from the sidecar. */
/** Blocklist replies in a session: refused RCPTs plus a blocklist refusal of the session itself. */
export function blocklistReplies(replies: Map<string, SmtpReply>, end: MxSessionEnd): number {
  const isBlock = (action: RcptAction | SessionAction) =>
    action.kind === "final" && action.reason === "ip_blocklisted";
  const refusedSession = end.kind === "refused" && isBlock(end.action) ? 1 : 0;
  return [...replies.values()].filter((reply) => isBlock(classifyRcptReply(reply))).length + refusedSession;
}

/** The report of a session that never got a connection. */
export function unopened(route: OutboundRoute, end: MxSessionEnd, at: number): MxSessionReport {
  const none = { secure: false, pipelining: false, setupMs: null, closed: Promise.resolve() };
  return { end, replies: new Map(), route, conversedAt: at, ...none };
}
