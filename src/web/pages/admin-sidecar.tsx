/** The admin dashboard's SMTP sidecar section: its health, and each outbound address's in a table. */
import type { PlatformMetrics } from "../../services/admin/metrics.ts";

const n = (value: number) => value.toLocaleString("en-US");
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** A status in words, coloured as a second cue (green ok, red down, grey otherwise). */
function Badge({ ok, text }: { ok: boolean | null; text: string }) {
  return <span class={`badge ${ok === null ? "" : ok ? "ok" : "down"}`}>{text}</span>;
}

/** The sidecar: up, down or not configured, with latency, circuit and rotation; the outbound addresses. */
export function SidecarHealth({ metrics }: { metrics: PlatformMetrics }) {
  const { sidecar, outbound_addresses: addresses } = metrics;
  const status = { ok: "Up", down: "Down", not_configured: "Not configured" }[sidecar.status];
  return (
    <section aria-labelledby="sidecar">
      <h2 id="sidecar">SMTP sidecar</h2>
      <p>
        <Badge ok={sidecar.status === "not_configured" ? null : sidecar.status === "ok"} text={status} />{" "}
        {sidecar.latency_ms !== null ? `answered in ${sidecar.latency_ms} ms` : null}
        {sidecar.circuit ? `; circuit ${sidecar.circuit.replace("_", " ")}` : null}
        {sidecar.rotation_enabled === null ? null : `; rotation ${sidecar.rotation_enabled ? "on" : "off"}`}
        {sidecar.detail ? <span class="muted"> ({sidecar.detail})</span> : null}
      </p>
      {addresses.length === 0 ? (
        <p class="muted">No outbound addresses to show.</p>
      ) : (
        <section class="table-wrap" aria-label="Outbound addresses" tabindex={0}>
          <table class="compact">
            <caption>Outbound addresses</caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Kind</th>
                <th scope="col">Health</th>
                <th scope="col">In use</th>
                <th scope="col">Success rate</th>
                <th scope="col">Median latency</th>
                <th scope="col">Requests</th>
                <th scope="col">Blocklist replies</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {addresses.map((a) => (
                <tr>
                  <th scope="row">{a.address}</th>
                  <td>{a.kind}</td>
                  <td>
                    <Badge ok={a.healthy} text={a.healthy ? "Healthy" : "Unhealthy"} />
                  </td>
                  <td>{a.current ? "yes" : "no"}</td>
                  <td>{a.success_rate === null ? "–" : `${Math.round(a.success_rate * 100)} %`}</td>
                  <td>{a.median_latency_ms === null ? "–" : `${Math.round(a.median_latency_ms)} ms`}</td>
                  <td>{n(a.requests)}</td>
                  <td>{n(a.blocklist_replies)}</td>
                  <td>{a.last_used ? <time datetime={a.last_used}>{when(a.last_used)}</time> : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
