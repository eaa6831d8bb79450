/** Table tests of the reply classifier: what each kind of real-world reply means. */
import { describe, expect, it } from "vitest";
import { classifyRcptReply, classifySessionReply } from "../src/verify/classify.ts";
import { toReply } from "../src/verify/smtp-reply.ts";

const reply = (code: number, text: string) => toReply(code, [text]);

describe("classifyRcptReply", () => {
  const cases: [number, string, ReturnType<typeof classifyRcptReply>][] = [
    [250, "2.1.5 Ok", { kind: "accepted" }],
    [251, "User not local; will forward", { kind: "accepted" }],
    [
      550,
      "5.1.1 <jo@x.test>: Recipient address rejected: User unknown in virtual mailbox table",
      { kind: "final", reason: "rcpt_5xx_user_unknown" },
    ],
    [
      550,
      "5.1.1 The email account that you tried to reach does not exist.",
      { kind: "final", reason: "rcpt_5xx_user_unknown" },
    ],
    [550, "No such user here", { kind: "final", reason: "rcpt_5xx_user_unknown" }],
    [
      550,
      "Requested action not taken: mailbox unavailable",
      { kind: "final", reason: "rcpt_5xx_user_unknown" },
    ],
    [
      550,
      "5.4.1 Recipient address rejected: Access denied. AS(201806281)",
      { kind: "final", reason: "rcpt_5xx_user_unknown" },
    ],
    [553, "5.1.3 Invalid recipient syntax", { kind: "final", reason: "rcpt_5xx_user_unknown" }],
    [
      550,
      "5.2.1 The email account that you tried to reach is disabled.",
      { kind: "final", reason: "mailbox_disabled" },
    ],
    [550, "Mailbox inactive", { kind: "final", reason: "mailbox_disabled" }],
    [
      552,
      "5.2.2 The email account that you tried to reach is over quota.",
      { kind: "final", reason: "over_quota" },
    ],
    [452, "4.2.2 Mailbox full", { kind: "final", reason: "over_quota" }],
    [
      554,
      "5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
      { kind: "final", reason: "ip_blocklisted" },
    ],
    [
      550,
      "5.7.1 Client host rejected: cannot find your reverse hostname",
      { kind: "final", reason: "ip_blocklisted" },
    ],
    [
      550,
      "5.7.606 Access denied, banned sending IP [192.0.2.1]",
      { kind: "final", reason: "ip_blocklisted" },
    ],
    [554, "Your IP has a poor reputation", { kind: "final", reason: "ip_blocklisted" }],
    [550, "5.7.1 Message rejected due to local policy", { kind: "final", reason: "ip_blocklisted" }],
    [550, "5.7.1 Unauthorized relay attempt", { kind: "final", reason: "ip_blocklisted" }],
    [451, "4.7.1 Listed at bl.spamcop.net, try again later", { kind: "final", reason: "ip_blocklisted" }],
    // The address a server echoes back must not be read as a blocklist word.
    [
      550,
      "5.1.1 <ann@rbl.example>: Recipient address rejected: User unknown",
      { kind: "final", reason: "rcpt_5xx_user_unknown" },
    ],
    [
      450,
      "4.7.1 <jo@x.test>: Recipient address rejected: Greylisted, try again later",
      { kind: "greylisted" },
    ],
    [451, "4.7.1 Please try again later", { kind: "greylisted" }],
    [450, "4.2.0 Greylisted for 5 minutes", { kind: "greylisted" }],
    [451, "Temporarily deferred", { kind: "greylisted" }],
    [452, "4.5.3 Error: too many recipients", { kind: "too_many_recipients" }],
    [452, "Too many recipients received this hour", { kind: "too_many_recipients" }],
    [421, "4.7.0 Too many connections from your IP", { kind: "busy" }],
    [450, "4.7.0 Rate limit exceeded, slow down", { kind: "busy" }],
    [451, "4.3.0 Local error in processing", { kind: "final", reason: "rcpt_4xx_unclassified" }],
    [550, "Rejected", { kind: "final", reason: "rcpt_5xx_unclassified" }],
    [554, "5.5.0 Transaction failed", { kind: "final", reason: "rcpt_5xx_unclassified" }],
    [354, "Go ahead", { kind: "final", reason: "protocol_error" }],
  ];
  for (const [code, text, expected] of cases) {
    it(`${code} ${text}`, () => {
      expect(classifyRcptReply(reply(code, text))).toEqual(expected);
    });
  }

  it("reads multi-line replies as a whole", () => {
    const multi = toReply(550, ["5.7.1 Service unavailable;", "5.7.1 client blocked using Spamhaus"]);
    expect(classifyRcptReply(multi)).toEqual({ kind: "final", reason: "ip_blocklisted" });
  });
});

describe("classifySessionReply", () => {
  it("treats a 421 greeting as busy", () => {
    expect(classifySessionReply(reply(421, "4.7.0 mx Error: too many connections"), "greeting")).toEqual({
      kind: "busy",
    });
  });
  it("keeps blocklist replies blocklisted at any stage", () => {
    const blocked = reply(554, "5.7.1 Client host [192.0.2.1] blocked using b.barracudacentral.org");
    expect(classifySessionReply(blocked, "greeting")).toEqual({ kind: "final", reason: "ip_blocklisted" });
    expect(classifySessionReply(blocked, "mail_from")).toEqual({ kind: "final", reason: "ip_blocklisted" });
  });
  it("calls other refusals session or sender rejections, never invalid", () => {
    expect(classifySessionReply(reply(554, "No SMTP service here"), "greeting")).toEqual({
      kind: "final",
      reason: "session_rejected",
    });
    expect(
      classifySessionReply(reply(553, "5.1.8 Sender address rejected: Domain not found"), "mail_from"),
    ).toEqual({
      kind: "final",
      reason: "sender_rejected",
    });
    expect(
      classifySessionReply(reply(451, "4.3.2 System not accepting network messages"), "mail_from"),
    ).toEqual({
      kind: "busy",
    });
  });
});
