/** The ICP settings page: the profile every lead is scored against, its version and its latest re-scoring run. */
import type { Child } from "hono/jsx";
import type { IcpState } from "../../services/icp/state.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { TextField } from "../fields.tsx";
import { ICP_CHOICES, type IcpFormValues, WEIGHT_NAMES } from "../icp-form.ts";
import type { PageUser } from "../page-kit.tsx";
import { Choices, choiceLabel, InputField, SettingsFrame, When } from "./settings-parts.tsx";

export interface IcpPageProps {
  user: PageUser;
  csrf: string;
  state: IcpState;
  values: IcpFormValues;
  /** Owners and admins change the profile; others see it read-only. */
  canEdit: boolean;
  problems?: Record<string, string>;
  notice?: string | undefined;
}

function Scoring({ state }: { state: IcpState }) {
  const run = state.rescore_run;
  return (
    <section class="card" aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Scoring</h2>
      {state.profile ? (
        <p>
          Leads are scored against profile version {state.version}, saved <When at={state.updated_at} />.
        </p>
      ) : (
        <p>
          No profile is saved yet, so leads carry the baseline score. Saving this form starts scoring against
          your profile and re-scores every lead.
        </p>
      )}
      {run ? (
        <p>
          Latest re-scoring run: <span class={`badge ${run.status}`}>{run.status}</span>, {run.leads_rescored}{" "}
          of {run.leads_total} leads, started <When at={run.created_at} />.{" "}
          {run.error ? <span class="field-error">{run.error} </span> : null}
          <a href={`/app/runs/${run.run_id}`}>See the run</a>
        </p>
      ) : null}
    </section>
  );
}

/** Disables every control for those who may only read (a disabled fieldset disables its contents). */
function ReadOnly({ when, children }: { when: boolean; children: Child }) {
  if (!when) return <>{children}</>;
  return (
    <fieldset disabled class="plain">
      <legend class="visually-hidden">The profile (read-only)</legend>
      {children}
    </fieldset>
  );
}

export function IcpPage({ user, csrf, state, values, canEdit, problems = {}, notice }: IcpPageProps) {
  const refused = Object.keys(problems).length > 0;
  return (
    <SettingsFrame
      title="Ideal customer profile"
      section="icp"
      user={user}
      csrf={csrf}
      notice={notice}
      error={refused ? "The profile was not saved: some fields need your attention." : undefined}
    >
      <Scoring state={state} />
      {canEdit ? null : <p class="muted">Only owners and admins can change the profile.</p>}
      <form method="post" action="/app/settings/icp" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <ReadOnly when={!canEdit}>
          <h2>Who you target</h2>
          <p class="muted">A dimension left empty is not scored.</p>
          <Choices
            name="seniorities[]"
            legend="Seniorities"
            choices={ICP_CHOICES.seniorities}
            checked={values.seniorities}
            problem={problems.seniorities}
          />
          <Choices
            name="departments[]"
            legend="Departments"
            choices={ICP_CHOICES.departments}
            checked={values.departments}
            problem={problems.departments}
          />
          <Choices
            name="sizes[]"
            legend="Company sizes (employees)"
            choices={ICP_CHOICES.sizes}
            checked={values.sizes}
            label={(s) => s}
            problem={problems.sizes}
          />
          <TextField
            name="industries"
            label="Industries"
            value={values.industries}
            hint="Comma-separated, e.g. Software & SaaS, Fintech."
            problem={problems.industries}
          />
          <TextField
            name="technologies"
            label="Technologies"
            value={values.technologies}
            hint="Comma-separated, e.g. HubSpot, Salesforce."
            problem={problems.technologies}
          />
          <TextField
            name="countries"
            label="Countries"
            value={values.countries}
            hint="Two-letter codes, comma-separated, e.g. DE, AT, CH."
            problem={problems.countries}
          />
          <fieldset>
            <legend>Weights</legend>
            <p class="muted">How much each dimension counts, 0 to 100, relative to the others.</p>
            <div class="field-row">
              {WEIGHT_NAMES.map((w) => (
                <InputField
                  name={`weights.${w}`}
                  label={choiceLabel(w)}
                  type="number"
                  min="0"
                  max="100"
                  value={values.weights[w]}
                  problem={problems[`weights.${w}`]}
                />
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Disqualifiers</legend>
            <p class="muted">A disqualified lead scores 0, whatever else matches.</p>
            <div class="choices">
              <label class="check">
                <input type="checkbox" name="disqualifiers.free_mail" value="on" checked={values.free_mail} />
                Free mail addresses (gmail.com and the like)
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  name="disqualifiers.disposable"
                  value="on"
                  checked={values.disposable}
                />
                Disposable addresses
              </label>
            </div>
            <TextField
              name="disqualifiers.domains"
              label="Excluded domains"
              value={values.domains}
              hint="Competitors and others never worth a score; comma-separated, e.g. rival.com."
              problem={problems["disqualifiers.domains"]}
            />
            <Choices
              name="disqualifiers.verify_statuses[]"
              legend="Verification results that disqualify"
              choices={ICP_CHOICES.verify_statuses}
              checked={values.verify_statuses}
              problem={problems["disqualifiers.verify_statuses"]}
            />
          </fieldset>
        </ReadOnly>
        {canEdit ? (
          <div class="actions">
            <button type="submit">Save and re-score</button>
          </div>
        ) : null}
      </form>
    </SettingsFrame>
  );
}
