/**
 * Addresses assembled by simple inline scripts, e.g.
 * `var u = 'jane'; var d = 'acme.test'; document.write('<a href="mailto:' + u + '@' + d + '">')`.
 * String variables are collected, then every `+` concatenation of string
 * literals and known variables is evaluated and searched for addresses.
 * Nothing is executed: only literals and plain variable references count.
 */
import { findEmailsInText } from "./email-text.ts";

const assignment =
  /\b(?:var|let|const)?\s*([A-Za-z_$][\w$]*)\s*=\s*(['"`])((?:\\.|(?!\2)[^\\\n])*)\2\s*[;,\n]/g;
const term = String.raw`(?:'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|[A-Za-z_$][\w$.]*)`;
const concatenation = new RegExp(`${term}(?:\\s*\\+\\s*${term})+`, "g");

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** Addresses built by string concatenation in a script's source. */
export function findEmailsInScript(source: string): string[] {
  if (!source.includes("+") && !source.includes("@")) return [];
  const variables = new Map<string, string>();
  for (const m of source.matchAll(assignment)) variables.set(m[1]!, m[3]!.replace(/\\(.)/g, "$1"));
  const found = new Set<string>();
  for (const m of source.matchAll(concatenation)) {
    const parts = m[0].split(/\s*\+\s*/);
    let joined = "";
    let known = true;
    for (const part of parts) {
      if (/^['"]/.test(part)) joined += unquote(part);
      else if (variables.has(part)) joined += variables.get(part);
      else known = false;
    }
    if (!known && !joined.includes("@")) continue;
    for (const hit of findEmailsInText(joined.replace(/^mailto:/i, " ").replace(/mailto:/gi, " ")))
      found.add(hit.email);
  }
  for (const hit of findEmailsInText(source.replace(/\\(.)/g, "$1")))
    if (!hit.obfuscated) found.add(hit.email);
  return [...found];
}
