/**
 * The seniority lexicon: the words and phrases, in English, German, French, Spanish and
 * Dutch, that put a job title at a rank. Written the way `tokenize` leaves text: lower
 * case, no accents (ß as ss), hyphens and dots as spaces; `*` as in phrases.ts.
 *
 * Decisions on the ambiguous ones, so nobody has to rediscover them:
 * - Board seats (chair, board member, Vorstand, Aufsichtsrat, bestuurder, consejero) rank
 *   as c_suite: there is no board tier, and for outreach they are reached like the C-suite.
 * - "Chief of Staff" is director: it runs the executive office but is not a chief officer.
 * - "General Manager" (gerente general, bedrijfsleider) is director: it runs a unit that
 *   usually reports to the C-suite. "Gérant" is c_suite: it is the French legal manager.
 * - "Principal" alone or "principal of/at" is head (a school principal, or a firm's
 *   principal); "principal <anything>" is senior ("Principal Engineer").
 * - "Account Executive" and UK-style "Sales Executive" are entry-level individual
 *   contributors; "executive" alone ranks nothing.
 * - Assistants are handled in titles.ts, not here: an assistant ranks entry unless the word
 *   modifies a rank that follows it ("Assistant Vice President").
 *
 * `neutral` phrases rank nothing; they swallow words that would otherwise be read as a rank
 * ("product owner" is not an owner, "business partner" is not a partner).
 */
import type { Seniority } from "./titles.ts";

/** Phrases per rank, as comma- or line-separated lists. */
export const SENIORITY_PHRASES: Record<Seniority | "neutral", string> = {
  owner: `
    owner, co owner, coowner, business owner, proprietor, proprietress,
    inhaber, inhaberin, mitinhaber, mitinhaberin, eigentumer, eigentumerin,
    proprietaire, chef d entreprise, propietario, propietaria, dueno, duena,
    eigenaar, eigenares, mede eigenaar, directeur eigenaar, dga`,
  founder: `
    founder, cofounder, co founder, founding partner, entrepreneur,
    grunder, grunderin, mitgrunder, mitgrunderin, co grunder, co grunderin, mitbegrunder, mitbegrunderin,
    unternehmer, unternehmerin,
    fondateur, fondatrice, cofondateur, cofondatrice, co fondateur, co fondatrice,
    fundador, fundadora, cofundador, cofundadora, co fundador, co fundadora, emprendedor, emprendedora,
    oprichter, oprichtster, medeoprichter, mede oprichter, co oprichter, ondernemer`,
  c_suite: `
    ceo, cto, cfo, coo, cmo, cio, ciso, cro, cpo, chro, cdo, cco, cso, clo, cao, cxo,
    chief, chief executive, president, presidente, presidenta, prasident, prasidentin,
    managing director, non executive director, non executive, executive chairman,
    chair, chairman, chairwoman, chairperson, board member, board director, member of the board,
    *geschaftsfuhr*, geschaftsleitung, vorstand*, *vorstand, aufsichtsrat*, vorsitzende, vorsitzender,
    pdg, dg, directeur general, directrice generale, gerant, gerante, cogerant, cogerante, co gerant, co gerante, dirigeant, dirigeante,
    director general, directora general, general director, director ejecutivo, directora ejecutiva,
    consejero delegado, consejera delegada, consejero, consejera,
    algemeen directeur, statutair directeur, bestuurder, bestuurslid, bestuursvoorzitter, voorzitter,
    commissaris`,
  partner: `
    partner, managing partner, senior partner, equity partner, associate partner, general partner,
    gesellschafter, gesellschafterin, teilhaber, teilhaberin,
    geschaftsfuhrender gesellschafter, geschaftsfuhrende gesellschafterin,
    associe, associee, socio, socia, socio director, socia directora, socio gerente, vennoot`,
  vp: `
    vp, evp, svp, avp, rvp, gvp, vice president, vicepresident, senior vice president,
    executive vice president, group vice president, regional vice president,
    vice presidente, vicepresidente, vicepresidenta, vizeprasident, vizeprasidentin`,
  head: `
    head, head of, headmaster, headmistress, head teacher, headteacher, editor in chief, executive chef,
    principal, principal of, principal at, vice principal, dean of, associate dean,
    *leiter, *leiterin, *leitung, rektor, rektorin, rector, chefarzt, chefarztin,
    hoofd, *hoofd, *leider, jefe, jefa`,
  director: `
    director, directora, directeur, directrice, direktor, direktorin, dir,
    executive director, associate director, senior director,
    general manager, gerente general, bedrijfsleider, chief of staff, prokurist, prokuristin, drh, daf, dsi`,
  manager: `
    manager, managerin, *manager, *managerin, mgr, supervisor, supervisora, superviseur, superviseure,
    team lead, team leader, teamlead, teamleader, leader, group leader, partner manager,
    teamleiter, teamleiterin, gruppenleiter, gruppenleiterin, projektleiter, projektleiterin,
    filialleiter, filialleiterin, vorarbeiter, vorarbeiterin,
    responsable, chef de, chef d, chef d equipe, gerente, gestor, gestora, encargado, encargada,
    teamleider, projectleider, leidinggevende, managing editor, foreman, forewoman, capataz,
    contremaitre, voorman, ploegbaas`,
  senior: `
    senior, sr, snr, lead, tech lead, technical lead, principal *,
    staff engineer, staff software, staff data, staff scientist, staff designer, staff product,
    staff machine, staff ml, staff security, staff frontend, staff backend, staff research,
    staff developer, staff platform, staff site, staff infrastructure, staff ux, staff full,
    leitender, leitende, leitenden, oberarzt, oberarztin`,
  entry: `
    junior, jr, jnr, associate, graduate, trainee, entry level, staff accountant,
    account executive, sales executive, marketing executive, business development executive,
    representative, rep, clerk, agent, agente, receptionist, sachbearbeiter, sachbearbeiterin`,
  intern: `
    intern, interns, internship, summer intern, student, studentin, working student,
    werkstudent, werkstudentin, praktikant, praktikantin, auszubildende, auszubildender, azubi,
    stagiaire, stagiair, alternant, alternante, apprenti, apprentie, apprentice,
    becario, becaria, pasante, practicante, aprendiz, estudiante, etudiant, etudiante, leerling`,
  neutral: `
    product owner, process owner, service owner, data owner, system owner, budget owner, risk owner,
    content owner, platform owner, business partner, people partner,
    partner account, partner marketing, partner success, partner sales, partner program,
    partner relations, partner development, partner engineer, channel partner,
    lead generation, lead gen, advisory board, beirat, head office, founding member`,
};

/**
 * Phrases that qualify a title but are not one on their own: "Senior" alone is not a job
 * title, so these do not count as evidence in `isLikelyTitle`.
 */
export const SENIORITY_MODIFIERS: ReadonlySet<string> = new Set([
  "senior",
  "sr",
  "snr",
  "junior",
  "jr",
  "jnr",
  "leitender",
  "leitende",
  "leitenden",
  "entry level",
  "graduate",
]);
