/** A new discovery run: domains pasted or uploaded as a text file, a label, and the run's options. */
import { MAX_RUN_DOMAINS } from "../../domain/runs/run-input.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { FormNotices, TextField } from "../fields.tsx";
import { Layout } from "../layout.tsx";
import type { PageUser } from "../page-kit.tsx";

export const formModes = [
  { value: "full", label: "Full: crawl, find and guess addresses, verify them" },
  { value: "autodiscovery", label: "Published only: addresses found on the sites" },
  { value: "generate", label: "Generate: like full, without SMTP verification" },
  { value: "verify", label: "Re-verify the leads already stored for these domains" },
] as const;

export interface NewRunValues {
  label: string;
  domains: string;
  mode: string;
  skip_verify: boolean;
  max_pages: string;
}

export interface NewRunPageProps {
  user: PageUser;
  csrf: string;
  /** A fresh key per form: submitting twice (a double click, a reload) creates one run. */
  idempotencyKey: string;
  defaultMaxPages: number;
  values?: NewRunValues | undefined;
  problems?: Record<string, string> | undefined;
  error?: string | undefined;
}

export function NewRunPage(props: NewRunPageProps) {
  const { user, csrf, values, problems = {}, error } = props;
  const mode = values?.mode ?? "full";
  return (
    <Layout title="New run" user={user} csrf={csrf}>
      <h1>New run</h1>
      <FormNotices error={error} anyProblem={Object.keys(problems).length > 0} />
      <form method="post" action="/app/runs" enctype="multipart/form-data" class="card" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="idempotency_key" value={props.idempotencyKey} />
        <TextField
          name="label"
          label="Label (optional)"
          value={values?.label}
          maxlength={200}
          problem={problems.label}
        />
        <label for="domains">Domains</label>
        <textarea
          id="domains"
          name="domains"
          aria-describedby={problems.domains ? "domains-hint domains-error" : "domains-hint"}
          aria-invalid={problems.domains ? "true" : undefined}
        >
          {values?.domains ?? ""}
        </textarea>
        <p class="muted" id="domains-hint">
          One per line (commas and spaces work too). Websites and email addresses are reduced to their domain;
          duplicates are dropped. Up to {MAX_RUN_DOMAINS.toLocaleString("en")} domains per run.
        </p>
        {problems.domains ? (
          <p class="field-error" id="domains-error">
            {problems.domains}
          </p>
        ) : null}
        <label for="file">Or upload a text file</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".txt,.csv,text/plain,text/csv"
          aria-describedby="file-hint"
        />
        <p class="muted" id="file-hint">
          A .txt or .csv file with one domain per line (the first column of a CSV; a header line such as
          "domain" is skipped). Its domains are added to the ones above.
        </p>
        <fieldset>
          <legend>Options</legend>
          <label for="mode">What to do</label>
          <select id="mode" name="mode">
            {formModes.map((m) => (
              <option value={m.value} selected={m.value === mode}>
                {m.label}
              </option>
            ))}
          </select>
          <label class="check">
            <input type="checkbox" name="skip_verify" value="1" checked={values?.skip_verify ?? false} /> Skip
            SMTP verification
          </label>
          <label for="max_pages">Pages to crawl per domain at most</label>
          <input
            id="max_pages"
            name="max_pages"
            type="number"
            min="1"
            max="100"
            value={values?.max_pages ?? String(props.defaultMaxPages)}
            aria-invalid={problems.max_pages ? "true" : undefined}
            aria-describedby={problems.max_pages ? "max_pages-error" : undefined}
          />
          {problems.max_pages ? (
            <p class="field-error" id="max_pages-error">
              {problems.max_pages}
            </p>
          ) : null}
        </fieldset>
        <div class="actions">
          <button type="submit">Start the run</button>
          <a href="/app">Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
