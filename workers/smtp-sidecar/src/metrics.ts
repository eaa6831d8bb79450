/**
 * A small Prometheus registry: labelled counters, gauges read at scrape time
 * and one latency histogram, rendered in the text exposition format
 * (version 0.0.4). Enough for the sidecar; no client library needed.
 */

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

/** A monotonically increasing, labelled count. */
export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  readonly name: string;
  readonly help: string;
  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  /** Adds `by` (default 1) to the series with these labels. */
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const series = this.values.get(key) ?? { labels, value: 0 };
    series.value += by;
    this.values.set(key, series);
  }

  /** The current value of one series (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, { value }] of this.values) lines.push(`${this.name}${key} ${value}`);
    return lines;
  }
}

/** A distribution of observations in fixed buckets. */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  readonly name: string;
  readonly help: string;
  readonly buckets: number[];
  constructor(name: string, help: string, buckets: number[]) {
    this.name = name;
    this.help = help;
    this.buckets = buckets;
    this.counts = buckets.map(() => 0);
  }

  /** Records one observation. */
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) this.counts[i]! += 1;
    });
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((bound, i) => {
      lines.push(`${this.name}_bucket{le="${bound}"} ${this.counts[i]}`);
    });
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`);
    lines.push(`${this.name}_count ${this.count}`);
    return lines;
  }
}

/** A gauge whose series are read when scraped. */
export interface ScrapedGauge {
  name: string;
  help: string;
  read: () => { labels: Labels; value: number }[];
}

/** The sidecar's metrics. One instance per app. */
export class SidecarMetrics {
  readonly probes = new Counter("smtp_sidecar_probes_total", "Addresses verified, by final status.");
  readonly sessionsOpened = new Counter(
    "smtp_sidecar_smtp_sessions_opened_total",
    "SMTP sessions opened (TCP connected).",
  );
  readonly connectFailures = new Counter(
    "smtp_sidecar_smtp_connect_failures_total",
    "Connection attempts to MX hosts that failed or timed out.",
  );
  readonly sourceSessions = new Counter(
    "smtp_sidecar_source_sessions_total",
    "SMTP sessions by outbound source address and outcome.",
  );
  readonly sourceBlocklistReplies = new Counter(
    "smtp_sidecar_source_blocklist_replies_total",
    "Blocklist or policy replies received, by outbound source address.",
  );
  readonly probeLatency = new Histogram(
    "smtp_sidecar_probe_duration_seconds",
    "Time to a final answer for one address.",
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60],
  );
  readonly httpRequests = new Counter(
    "smtp_sidecar_http_requests_total",
    "HTTP requests, by route and status.",
  );
  private readonly gauges: ScrapedGauge[] = [];

  /** Adds a gauge read at scrape time. */
  addGauge(gauge: ScrapedGauge): void {
    this.gauges.push(gauge);
  }

  /** The whole registry in the Prometheus text format. */
  render(): string {
    const lines: string[] = [];
    for (const metric of [
      this.probes,
      this.sessionsOpened,
      this.connectFailures,
      this.sourceSessions,
      this.sourceBlocklistReplies,
      this.probeLatency,
      this.httpRequests,
    ]) {
      lines.push(...metric.render());
    }
    for (const gauge of this.gauges) {
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
      for (const { labels, value } of gauge.read()) lines.push(`${gauge.name}${labelText(labels)} ${value}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
