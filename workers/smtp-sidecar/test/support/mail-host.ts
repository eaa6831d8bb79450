/**
 * One MX host of the mail world: a real SMTP server (smtp-server) behind a
 * plain `node:net` listener on a loopback address. The listener adds what
 * smtp-server cannot express — a tarpit greeting, a whole-greeting refusal,
 * multi-line greetings, per-client-IP limits on open connections and on new
 * connections per second (answered with 421, or by dropping the
 * connection), a network round trip on everything it sends — and watches
 * the raw stream to tell whether RCPTs arrived pipelined.
 * Mailbox answers come from the domain table through `answerRecipient`.
 */
import { createServer, type Server, type Socket } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

import type {
  AnswerRecipient,
  MailHostSpec,
  RecipientAnswer,
  RunningMailHost,
  SessionRecord,
} from "./mail-host-types.ts";

export type { AnswerRecipient, MailHostSpec, RecipientAnswer, RunningMailHost, SessionRecord };

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Waits `ms`; no wait at all without one (a 0 ms timer still costs about 1 ms per command). */
const delay = (ms: number | undefined) =>
  ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/** Makes every write and the end of `socket` happen `ms` later, in order (the network's delay). */
function delayWrites(socket: Socket, ms: number): void {
  const write = socket.write.bind(socket);
  const end = socket.end.bind(socket);
  const later = (send: () => void) =>
    setTimeout(() => {
      if (!socket.destroyed) send();
    }, ms);
  socket.write = ((chunk: string | Uint8Array) => {
    later(() => write(chunk));
    return true;
  }) as Socket["write"];
  socket.end = ((chunk?: string | Uint8Array) => {
    later(() => (chunk === undefined ? end() : end(chunk)));
    return socket;
  }) as Socket["end"];
}

/**
 * smtp-server holds every greeting 100 ms to catch clients that talk first. With a modelled
 * round trip the greeting must wait for that alone, so the connection just handed over is made
 * ready now and the call its timer makes later does nothing.
 */
function greetNow(smtp: SMTPServer): void {
  const connection = [...smtp.connections].at(-1);
  if (!connection) return;
  const ready = connection.connectionReady.bind(connection);
  connection.connectionReady = () => {};
  ready();
}

/** Starts `spec` on `spec.ip:port` (port 0 picks one); resolves once listening. */
export async function startMailHost(
  spec: MailHostSpec,
  port: number,
  answerRecipient: AnswerRecipient,
): Promise<RunningMailHost & { port: number }> {
  const records = new Map<string, SessionRecord>();
  const sockets = new Set<Socket>();
  const perClient = new Map<string, number>();
  const recentConnects = new Map<string, number[]>();
  let active = 0;
  const running = { spec, sessions: [] as SessionRecord[], maxConcurrent: 0, port, close: async () => {} };
  const recordOf = (session: SMTPServerSession) =>
    records.get(`${session.remoteAddress}:${session.remotePort}`);

  const smtp = new SMTPServer({
    name: spec.name,
    banner: "mail world",
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    closeTimeout: 50,
    hidePIPELINING: spec.pipelining === false,
    disabledCommands: ["AUTH", ...(spec.tls ? [] : ["STARTTLS"]), ...(spec.ehlo === false ? ["EHLO"] : [])],
    ...(spec.tls ? { key: spec.tls.key, cert: spec.tls.cert } : {}),
    onSecure(socket, _session, callback) {
      if (spec.roundTripMs !== undefined) delayWrites(socket as Socket, spec.roundTripMs);
      callback();
    },
    onMailFrom(_address, session, callback) {
      delay(spec.replyLatencyMs).then(() => {
        if (spec.refuseMailFrom) {
          const [, code, text] = /^(\d{3}) (.*)$/.exec(spec.refuseMailFrom) ?? [];
          return callback(smtpError(Number(code), text ?? ""));
        }
        const record = recordOf(session);
        if (record) record.transactions += 1;
        callback();
      });
    },
    onRcptTo(address, session, callback) {
      const arrivedAt = performance.now();
      delay(spec.replyLatencyMs).then(() => {
        const record = recordOf(session);
        if (record) {
          record.secure = record.secure || Boolean(session.secure);
          record.rcpts.push(address.address);
          record.rcptAt.push(arrivedAt);
        }
        const client = session.remoteAddress;
        if (spec.blockedClients?.includes(client)) {
          return callback(
            smtpError(
              554,
              `5.7.1 Service unavailable; Client host [${client}] blocked using zen.spamhaus.org`,
            ),
          );
        }
        if (
          spec.maxRecipientsPerSession !== undefined &&
          (record?.rcpts.length ?? 0) > spec.maxRecipientsPerSession
        ) {
          return callback(smtpError(452, "4.5.3 Error: too many recipients"));
        }
        const answer = answerRecipient(address.address, { client, host: spec });
        callback(answer ? smtpError(answer.code, answer.message) : undefined);
      });
    },
    onData(_stream, _session, callback) {
      callback(smtpError(554, "5.6.0 the mail world takes no mail"));
    },
  });

  const accept = async (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    if (spec.roundTripMs !== undefined) delayWrites(socket, spec.roundTripMs);
    const client = socket.remoteAddress?.replace(/^::ffff:/, "") ?? "?";
    const record: SessionRecord = {
      host: spec.name,
      client,
      connectedAt: performance.now(),
      refused: null,
      secure: false,
      rcpts: [],
      rcptAt: [],
      transactions: 0,
      maxRcptsPerRead: 0,
      mailWithRcpts: false,
    };
    running.sessions.push(record);
    const count = (perClient.get(client) ?? 0) + 1;
    perClient.set(client, count);
    active += 1;
    running.maxConcurrent = Math.max(running.maxConcurrent, active);
    // A connection counts from accept until the client says QUIT or disconnects (its FIN or
    // reset, not our delayed end): after QUIT the client is done with it, and in a
    // single-process test its close can race its next connect.
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      perClient.set(client, (perClient.get(client) ?? 1) - 1);
      active -= 1;
    };
    socket.once("end", uncount);
    socket.once("close", () => {
      sockets.delete(socket);
      uncount();
    });
    const now = performance.now();
    const recent = (recentConnects.get(client) ?? []).filter((at) => now - at < 1000);
    recent.push(now);
    recentConnects.set(client, recent);
    const overRate =
      spec.maxConnectionsPerSecondPerClient !== undefined &&
      recent.length > spec.maxConnectionsPerSecondPerClient;
    if (overRate || (spec.maxConnectionsPerClient !== undefined && count > spec.maxConnectionsPerClient)) {
      record.refused = spec.overLimit ?? "421";
      if (spec.overLimit === "drop") socket.destroy();
      else socket.end(`421 4.7.0 ${spec.name} Error: too many connections from ${client}\r\n`);
      return;
    }
    await delay(spec.greetingDelayMs ?? spec.replyLatencyMs);
    await spec.holdGreeting?.();
    if (socket.destroyed) return;
    if (spec.greetingReply) {
      record.refused = spec.greetingReply.slice(0, 3);
      socket.end(`${spec.greetingReply}\r\n`);
      return;
    }
    for (const line of spec.greetingLines ?? []) socket.write(`220-${line}\r\n`);
    records.set(`${client}:${socket.remotePort}`, record);
    smtp.connect(socket);
    if (spec.roundTripMs !== undefined) greetNow(smtp);
    socket.on("data", (chunk: Buffer) => {
      const text = chunk.toString("latin1");
      const rcpts = text.match(/^RCPT TO:/gim)?.length ?? 0;
      record.maxRcptsPerRead = Math.max(record.maxRcptsPerRead, rcpts);
      if (rcpts > 0 && /^MAIL FROM:/im.test(text)) record.mailWithRcpts = true;
      if (/^QUIT\r?$/im.test(text)) uncount();
    });
  };

  const server: Server = createServer((socket) => {
    accept(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, spec.ip, () => resolve());
  });
  const address = server.address();
  running.port = typeof address === "object" && address ? address.port : port;
  running.close = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      new Promise<void>((resolve) => smtp.close(() => resolve())),
    ]);
  };
  return running;
}
