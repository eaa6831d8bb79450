/**
 * What the settings pages share: their frame (sub-navigation, heading,
 * notices), the refusal page in that frame, checkbox and radio groups with
 * a legend, number and date inputs, dates, and paging links.
 */
import type { Child } from "hono/jsx";
import { Layout } from "../layout.tsx";
import type { PageUser } from "../page-kit.tsx";

export type SettingsSection = "overview" | "api-keys" | "icp" | "suppressions";

export const SETTINGS_SECTIONS = [
  {
    id: "api-keys",
    href: "/app/settings/api-keys",
    label: "API keys",
    about: "Keys for the API: create them with the scopes they need, revoke them.",
  },
  {
    id: "icp",
    href: "/app/settings/icp",
    label: "Ideal customer profile",
    about: "Who your leads should be: the profile every lead is scored against.",
  },
  {
    id: "suppressions",
    href: "/app/settings/suppressions",
    label: "Suppression list",
    about: "Addresses and domains that are never stored.",
  },
] as const;

export interface FrameProps {
  title: string;
  section: SettingsSection;
  user: PageUser;
  csrf: string;
  notice?: string | undefined;
  error?: string | undefined;
  children?: Child;
}

/** A settings page: the site's layout, the settings sub-navigation, the heading and the notices. */
export function SettingsFrame({ title, section, user, csrf, notice, error, children }: FrameProps) {
  return (
    <Layout title={title} user={user} csrf={csrf}>
      <nav aria-label="Settings" class="subnav">
        <ul>
          <li>
            <a href="/app/settings" aria-current={section === "overview" ? "page" : undefined}>
              Overview
            </a>
          </li>
          {SETTINGS_SECTIONS.map((s) => (
            <li>
              <a href={s.href} aria-current={section === s.id ? "page" : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {notice ? (
        <p class="notice ok" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {children}
    </Layout>
  );
}

/** A refusal (403, 404) inside the settings frame, with the way back. */
export function SettingsRefusal(props: Omit<FrameProps, "children" | "notice"> & { back: string }) {
  const { back, ...frame } = props;
  return (
    <SettingsFrame {...frame}>
      <p>
        <a href={back}>Go back</a>
      </p>
    </SettingsFrame>
  );
}

const LABELS: Record<string, string> = { c_suite: "C-suite", vp: "VP", hr: "HR", it: "IT" };

/** A taxonomy key as words: `customer_success` -> "Customer success". */
export function choiceLabel(value: string): string {
  const known = LABELS[value];
  if (known) return known;
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The id of a field's error message (what aria-describedby points at). */
export const errorId = (name: string) => `${name.replace(/\[\]$/, "")}-error`;

export interface ChoicesProps {
  /** The form field; checkbox groups end in `[]` (sent as a list). */
  name: string;
  legend: string;
  type?: "checkbox" | "radio";
  choices: readonly string[];
  checked: readonly string[];
  label?: (value: string) => string;
  hint?: string;
  problem?: string | undefined;
}

/** A group of checkboxes or radio buttons in a fieldset, its legend naming it, its error tied to it. */
export function Choices({
  name,
  legend,
  type = "checkbox",
  choices,
  checked,
  label = choiceLabel,
  hint,
  problem,
}: ChoicesProps) {
  const base = name.replace(/\[\]$/, "");
  // Values saved another way (the API takes any string) stay offered, so saving here keeps them.
  const all = [...choices, ...checked.filter((v) => !choices.includes(v))];
  const described = [problem ? errorId(name) : null, hint ? `${base}-hint` : null].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={described || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="muted" id={`${base}-hint`}>
          {hint}
        </p>
      ) : null}
      <div class="choices">
        {all.map((value) => (
          <label class="check">
            <input type={type} name={name} value={value} checked={checked.includes(value)} />
            {label(value)}
          </label>
        ))}
      </div>
      {problem ? (
        <p class="field-error" id={errorId(name)}>
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

export interface InputFieldProps {
  name: string;
  label: string;
  type: "number" | "date" | "search";
  value?: string;
  min?: string;
  max?: string;
  hint?: string;
  problem?: string | undefined;
}

/** A labelled number, date or search input, like TextField (hint and error tied with aria-describedby). */
export function InputField({ name, label, type, value, hint, problem, min, max }: InputFieldProps) {
  const described = [problem ? errorId(name) : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        value={value ?? ""}
        min={min}
        max={max}
        step={type === "number" ? "1" : undefined}
        inputmode={type === "number" ? "numeric" : undefined}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={described || undefined}
      />
      {hint ? (
        <p class="muted" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={errorId(name)}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** A timestamp as "2026-11-20 10:00" (UTC), or a dash. */
export function When({ at }: { at: string | null }) {
  if (!at) return <span class="muted">—</span>;
  return <time datetime={at}>{at.slice(0, 16).replace("T", " ")}</time>;
}
