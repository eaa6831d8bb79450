/**
 * What the demo prints: a progress line driven by the run's live events
 * (redrawn in place on a terminal, one line per change otherwise, so CI logs
 * stay readable), the leads as a table, and the accuracy summary.
 */
import type { RunEvent, RunResult } from "./runs-client.ts";
import type { Accuracy } from "./sample-score.ts";

const num = (value: unknown) => (typeof value === "number" ? value : 0);

/** `[#######.............] 2/6 domains  9 emails  7 verified  9 leads  (northwind.test)` */
export function progressLine(data: Record<string, unknown>, width = 24): string {
  const total = num(data.domains_total ?? data.totalLeads);
  const done = num(data.domains_completed ?? data.processedLeads);
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  const current = typeof data.currentLead === "string" ? `  (${data.currentLead})` : "";
  return (
    `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} domains` +
    `  ${num(data.emails_found)} emails  ${num(data.emails_verified)} verified  ${num(data.leads_found)} leads${current}`
  );
}

/** Draws the progress of a run from its events on `out`. */
export class ProgressView {
  private last = "";
  private drawn = false;

  private readonly out: NodeJS.WriteStream;

  constructor(out: NodeJS.WriteStream = process.stdout) {
    this.out = out;
  }

  private get tty() {
    return this.out.isTTY === true;
  }

  /** Takes one live event (or a polled snapshot). */
  event(frame: RunEvent) {
    const d = frame.data;
    if (frame.event === "snapshot") {
      const progress = (d.progress ?? {}) as Record<string, unknown>;
      this.draw(progressLine(progress));
    } else if (frame.event === "job:progress" || frame.event === "poll") {
      this.draw(progressLine(d));
    } else if (frame.event === "job:log" && d.level !== "info") {
      this.note(`${String(d.level)}: ${String(d.message)}`);
    } else if (frame.event === "job:error") {
      this.note(`run failed: ${String(d.message ?? d.error)}`);
    }
  }

  /** A line above the progress bar. */
  note(text: string) {
    if (this.tty && this.drawn) this.out.write("\r\x1b[2K");
    this.out.write(`  ${text}\n`);
    if (this.tty && this.drawn) this.out.write(this.last);
  }

  private draw(line: string) {
    // Off a terminal a line is printed only when the counts change, not for every domain started.
    const key = (l: string) => (this.tty ? l : l.replace(/ {2}\(.*\)$/, ""));
    if (key(line) === key(this.last)) return;
    this.last = line;
    if (this.tty) this.out.write(`\r\x1b[2K${line}`);
    else this.out.write(`${line}\n`);
    this.drawn = true;
  }

  /** Ends the progress line. */
  done() {
    if (this.tty && this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The leads as a text table: name, title, email, status, source, score (people first, then shared mailboxes). */
export function leadsTable(results: readonly RunResult[]): string {
  const rows = [...results]
    .sort(
      (a, b) =>
        a.company_domain.localeCompare(b.company_domain) ||
        Number(a.full_name === null) - Number(b.full_name === null) ||
        a.email.localeCompare(b.email),
    )
    .map((r) => [
      cut(r.full_name ?? "(shared)", 22),
      cut(r.title ?? "", 26),
      r.email,
      r.verify_status,
      r.email_source,
      String(r.icp_score),
    ]);
  const header = ["name", "title", "email", "status", "source", "score"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** One line: how many addresses of the answer key the run got right. */
export function accuracyLine(a: Accuracy): string {
  const pct = (a.accuracy * 100).toFixed(1);
  return (
    `Accuracy against the sample world: ${a.right}/${a.total} addresses found with the expected verdict (${pct}%);` +
    ` ${a.missing.length} missing, ${a.wrongStatus.length} with another verdict, ${a.unexpected.length} wrong guesses.`
  );
}
