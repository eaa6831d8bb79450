/**
 * What one SMTP session produced and how it ended, and the small readings
 * of a report the session and its callers share: a report for a session
 * that never connected, how many of its replies were blocklistings, and
 * what it said about the host's load (for the host's pace).
 */
import type { OutboundRoute } from "../pool/outbound.ts";
import { classifyRcptReply, isSessionLimitReply, type RcptAction, type SessionAction } from "./classify.ts";
import type { SessionSignal } from "./mx-pace.ts";
import type { SmtpReply } from "./smtp-reply.ts";

/** How a session ended. */
export type MxSessionEnd =
  | { kind: "completed" }
  /** The target guard refused the address: no connection was attempted. */
  | { kind: "blocked"; detail: string }
  /** `routeFault`: our route (a proxy, a source address) failed, not the host. */
  | { kind: "connect_failed"; timedOut: boolean; routeFault: boolean; detail: string }
  | { kind: "refused"; stage: "greeting" | "hello" | "mail_from"; action: SessionAction; reply: SmtpReply }
  | { kind: "timeout"; stage: "greeting" | "conversation"; detail: string }
  | { kind: "lost"; detail: string; tlsFailed: boolean; greeted: boolean };

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

/**
 * What a session says about the host's load: a 421 anywhere, another 4xx
 * greeting or a busy reply is a push-back, and so are a refused or dropped
 * connection before the greeting and a timeout; a session that got its
 * answers is `answered`; a 5xx refusal, a blocklisting, a failure of our
 * own route or the target guard say nothing about load, nor does a session
 * closed for its own errors ("421 too many errors" after many unknown users).
 */
export function paceSignal(report: MxSessionReport): SessionSignal {
  const { end } = report;
  const replies = [...report.replies.values()];
  if (replies.some(isSessionLimitReply)) return { kind: "neutral" };
  const busy = replies.some((reply) => reply.code === 421 || classifyRcptReply(reply).kind === "busy");
  switch (end.kind) {
    case "blocked":
      return { kind: "neutral" };
    case "connect_failed":
      if (end.routeFault) return { kind: "neutral" };
      return { kind: "pushback", cause: end.timedOut ? "timeout" : "refused" };
    case "timeout":
      return { kind: "pushback", cause: "timeout" };
    case "lost":
      if (busy) return { kind: "pushback", cause: "busy" };
      return end.greeted ? { kind: "neutral" } : { kind: "pushback", cause: "refused" };
    case "refused": {
      const fourXxGreeting = end.stage === "greeting" && end.reply.code >= 400 && end.reply.code < 500;
      return busy || fourXxGreeting || end.action.kind === "busy"
        ? { kind: "pushback", cause: "busy" }
        : { kind: "neutral" };
    }
    case "completed":
      return busy ? { kind: "pushback", cause: "busy" } : { kind: "answered" };
  }
}
