/**
 * Publishing a run's events to its RunRoom, which words them for the
 * watchers (best effort: a lost event never fails the pipeline).
 */
import type { RunEvent } from "../../domain/runs/run-events.ts";
import type { Env } from "../../env.ts";

export type Publish = (event: RunEvent) => Promise<unknown>;

/** The RunRoom stub of a run. */
export function runRoom(env: Pick<Env, "RUN_ROOM">, runId: string) {
  return env.RUN_ROOM.get(env.RUN_ROOM.idFromName(runId));
}

/** A publisher for one run that swallows (and reports) failures. */
export function publisherFor(
  env: Pick<Env, "RUN_ROOM">,
  runId: string,
  onError: (err: unknown) => void,
): Publish {
  return async (event) => {
    try {
      await runRoom(env, runId).publish(event);
    } catch (err) {
      onError(err);
    }
  };
}
