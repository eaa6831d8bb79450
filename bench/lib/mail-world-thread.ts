/**
 * The benchmark's mail world in a worker thread of its own: the remote MX
 * hosts and DNS of a real verification do not share a CPU with the client
 * under test, and in one event loop they did (smtp-server's work on some
 * 900 RCPTs delayed the clients' sessions by tens of milliseconds). One
 * thread serves every round (its code stays warm); each round gets a fresh
 * world built from the same `mailBench` table, served on loopback.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  type MailWorld,
  type SessionRecord,
  startMailWorld,
} from "../../workers/smtp-sidecar/test/support/mail-world.ts";
import { mailBench } from "./mail-bench-world.ts";

type BenchOptions = Parameters<typeof mailBench>[0];
type Request = { id: number; op: "start" | "snapshot" | "stop"; host?: string };

/** What the world saw, fetched from its thread once a client is done. */
export interface WorldSnapshot {
  sessions: SessionRecord[];
  maxConcurrent: number;
}

/** One round's world, running in the thread. */
export interface ThreadedMailWorld {
  dnsServer: string;
  smtpPort: number;
  /** The sessions every host saw and the most concurrent connections `host` saw. */
  snapshot(host: string): Promise<WorldSnapshot>;
  close(): Promise<void>;
}

/** The thread: `start()` serves a fresh world (built by `mailBench(options)`); `terminate()` ends it. */
export function mailWorldThread(options: BenchOptions) {
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  worker.on("message", (message: { id: number; value: unknown }) => {
    pending.get(message.id)?.(message.value);
    pending.delete(message.id);
  });
  const failed = new Promise<never>((_, reject) => worker.once("error", reject));
  const call = (op: Request["op"], host?: string) =>
    Promise.race([
      failed,
      new Promise<unknown>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        worker.postMessage({ id, op, host } satisfies Request);
      }),
    ]);
  return {
    async start(): Promise<ThreadedMailWorld> {
      const { dnsServer, smtpPort } = (await call("start")) as { dnsServer: string; smtpPort: number };
      return {
        dnsServer,
        smtpPort,
        snapshot: (host) => call("snapshot", host) as Promise<WorldSnapshot>,
        close: async () => {
          await call("stop");
        },
      };
    },
    terminate: () => worker.terminate(),
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const spec = mailBench(workerData as BenchOptions).world;
  let world: MailWorld | null = null;
  port.on("message", async (request: Request) => {
    let value: unknown = null;
    if (request.op === "start") {
      await world?.close();
      world = await startMailWorld(spec);
      value = { dnsServer: world.dnsServer, smtpPort: world.smtpPort };
    } else if (request.op === "snapshot" && world) {
      value = {
        sessions: world.sessions,
        maxConcurrent: world.maxConcurrent(request.host ?? ""),
      } satisfies WorldSnapshot;
    } else if (request.op === "stop") {
      await world?.close();
      world = null;
    }
    port.postMessage({ id: request.id, value });
  });
}
