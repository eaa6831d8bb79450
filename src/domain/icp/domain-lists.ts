/**
 * The free-mail and disposable domain lists the ICP disqualifiers consult,
 * from two maintained npm packages (data only, no install scripts):
 *
 * - free mail: `email-providers` (ISC; goware's list of ~8,700 mailbox providers),
 * - disposable: `disposable-email-domains-js` (CC0-1.0; the
 *   disposable-email-domains project's blocklist, ~5,000 domains).
 *
 * A domain matches when it or any parent domain is listed
 * (`x.mailinator.com` is disposable). The sets are built on first use.
 */
import disposableList from "disposable-email-domains-js/dist/dict/disposable_email_blocklist.json";
import freeMailList from "email-providers/all.json";
import type { DomainLists } from "./score.ts";

function matcher(list: readonly string[]) {
  let set: Set<string> | null = null;
  return (domain: string) => {
    set ??= new Set(list.map((d) => d.toLowerCase()));
    let d = domain.toLowerCase().replace(/\.$/, "");
    for (;;) {
      if (set.has(d)) return true;
      const dot = d.indexOf(".");
      if (dot < 0 || d.indexOf(".", dot + 1) < 0) return false;
      d = d.slice(dot + 1);
    }
  };
}

/** The lists production uses. */
export const packagedDomainLists: DomainLists = {
  isFreeMail: matcher(freeMailList as string[]),
  isDisposable: matcher(disposableList as string[]),
};
