/**
 * One SMTP conversation on an open socket: reading (multi-line) replies with
 * a per-reply timeout bounded by the request deadline, sending single
 * commands or pipelined batches, the STARTTLS upgrade, and a polite QUIT.
 * It knows nothing about mailboxes; {@link runMxSession} drives it.
 */
import type { Socket } from "node:net";
import { isIP } from "node:net";
import { StringDecoder } from "node:string_decoder";
import { type TLSSocket, connect as tlsConnect } from "node:tls";
import type { Deadline } from "./deadline.ts";
import { type SmtpReply, SmtpReplyReader } from "./smtp-reply.ts";

/** Longest wait for the server's goodbye after QUIT. */
const QUIT_WAIT_MS = 500;

/** No reply within the command timeout or the deadline. */
export class SmtpTimeout extends Error {
  override name = "SmtpTimeout";
}

/** The server closed the connection, or it broke, before the expected reply. */
export class SmtpConnectionLost extends Error {
  override name = "SmtpConnectionLost";
}

/** An SMTP client conversation over a connected socket. */
export class SmtpSession {
  private socket: Socket | TLSSocket;
  private reader = new SmtpReplyReader();
  private decoder = new StringDecoder("latin1");
  private queued: SmtpReply[] = [];
  private waiter: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly commandTimeoutMs: number;
  private readonly deadline: Deadline;
  /** True once STARTTLS succeeded. */
  secure = false;

  constructor(socket: Socket, commandTimeoutMs: number, deadline: Deadline) {
    this.socket = socket;
    this.commandTimeoutMs = commandTimeoutMs;
    this.deadline = deadline;
    this.attach(socket);
  }

  private readonly onData = (chunk: Buffer) => {
    try {
      for (const reply of this.reader.push(this.decoder.write(chunk))) this.deliver(reply);
    } catch (err) {
      this.fail(err as Error);
    }
  };
  private readonly onClose = () => this.fail(new SmtpConnectionLost("connection closed by the server"));
  private readonly onError = (err: Error) =>
    this.fail(new SmtpConnectionLost(`connection error: ${err.message}`));

  private attach(socket: Socket | TLSSocket): void {
    socket.on("data", this.onData);
    socket.on("close", this.onClose);
    socket.on("error", this.onError);
    socket.resume();
  }

  private detach(socket: Socket | TLSSocket): void {
    socket.removeListener("data", this.onData);
    socket.removeListener("close", this.onClose);
    socket.removeListener("error", this.onError);
  }

  private deliver(reply: SmtpReply): void {
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve(reply);
    } else this.queued.push(reply);
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    this.socket.destroy();
    if (this.waiter) {
      const { reject } = this.waiter;
      this.waiter = null;
      reject(this.failure);
    }
  }

  /** The next reply; rejects with {@link SmtpTimeout} or {@link SmtpConnectionLost}. */
  readReply(what: string): Promise<SmtpReply> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    const waitMs = this.deadline.bound(this.commandTimeoutMs);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new SmtpTimeout(`no reply to ${what} within ${waitMs} ms`));
      }, waitMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
  }

  /** Writes command lines in one write (a pipelined batch when more than one). */
  send(lines: string[]): void {
    if (this.failure) return;
    this.socket.write(lines.map((line) => `${line}\r\n`).join(""));
  }

  /** Sends one command and reads its reply. */
  command(line: string): Promise<SmtpReply> {
    this.send([line]);
    return this.readReply(line.split(" ")[0]!);
  }

  /** Upgrades the connection after a 220 to STARTTLS. Certificates are not checked: MX certificates rarely match. */
  async upgradeToTls(serverName: string): Promise<void> {
    const plain = this.socket as Socket;
    this.detach(plain);
    this.queued = [];
    this.reader = new SmtpReplyReader();
    this.decoder = new StringDecoder("latin1");
    const secure = tlsConnect({
      socket: plain,
      rejectUnauthorized: false,
      ...(isIP(serverName) ? {} : { servername: serverName }),
    });
    this.socket = secure;
    const waitMs = this.deadline.bound(this.commandTimeoutMs);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new SmtpTimeout(`TLS handshake not finished within ${waitMs} ms`));
      }, waitMs);
      secure.once("secureConnect", () => {
        clearTimeout(timer);
        resolve();
      });
      secure.once("error", (err) => {
        clearTimeout(timer);
        secure.destroy();
        reject(new SmtpConnectionLost(`TLS handshake failed: ${err.message}`));
      });
    });
    this.secure = true;
    this.attach(secure);
  }

  /**
   * Says QUIT and waits briefly for the goodbye and for the server to close
   * its side, so a session slot is only reused once the server has let go of
   * the connection (its per-client limits count connections). Never throws.
   */
  async quit(): Promise<void> {
    if (!this.failure) {
      const closed = new Promise((resolve) => this.socket.once("close", resolve));
      this.send(["QUIT"]);
      const goodbye = this.readReply("QUIT")
        .then(() => closed)
        .catch(() => null);
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise((resolve) => {
        timer = setTimeout(resolve, this.deadline.bound(QUIT_WAIT_MS));
      });
      await Promise.race([goodbye, limit]);
      clearTimeout(timer);
    }
    this.close();
  }

  /** Closes the connection at once. */
  close(): void {
    this.fail(new SmtpConnectionLost("session closed"));
    this.detach(this.socket);
    this.socket.on("error", () => {});
  }
}
