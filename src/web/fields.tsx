/** A labelled input with its hint and its error tied to it (aria-describedby, aria-invalid). */
export interface TextFieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autocomplete?: string;
  value?: string;
  required?: boolean;
  hint?: string;
  problem?: string | undefined;
  inputmode?: "numeric";
  pattern?: string;
  minlength?: number;
  maxlength?: number;
}

export function TextField({ name, label, type = "text", value, hint, problem, ...rest }: TextFieldProps) {
  const described = [problem ? `${name}-error` : null, hint ? `${name}-hint` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <label for={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        value={type === "password" ? undefined : (value ?? "")}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {hint ? (
        <p class="muted" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${name}-error`}>
          {problem}
        </p>
      ) : null}
    </>
  );
}

/** The alerts above a form: a refusal of the whole form, and a pointer to the fields that need attention. */
export function FormNotices({ error, anyProblem }: { error?: string | undefined; anyProblem: boolean }) {
  return (
    <>
      {error ? (
        <p class="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {anyProblem ? (
        <p class="notice error" role="alert">
          Some fields need your attention.
        </p>
      ) : null}
    </>
  );
}
