/**
 * The words that surround or break up person names on company websites:
 * honorifics, post-nominal suffixes, surname particles, and the company and
 * page-furniture words that show a text is not a name at all. Kept apart
 * from the splitting rules so the lists can grow without touching them.
 * Every lookup key is lowercase with dots removed ("Ph.D." -> "phd").
 */

/** Lowercases and drops dots, the form every list below is keyed by. */
export function wordKey(word: string): string {
  return word.toLowerCase().replaceAll(".", "");
}

/**
 * Honorifics written before a name. "m" (French Monsieur) is also a plain
 * initial, so the splitter only treats it as an honorific when a full name
 * follows it.
 */
export const honorifics: ReadonlySet<string> = new Set([
  "dr",
  "dra",
  "prof",
  "mr",
  "mrs",
  "ms",
  "mx",
  "miss",
  "sir",
  "dame",
  "herr",
  "frau",
  "m",
  "mme",
  "mlle",
  "sr",
  "sra",
  "srta",
  "ir",
  "drs",
  "ing",
  "mag",
  // Austrian Diplom-Ingenieur, written "DI" ("di" in lower case is the Italian particle)
  "di",
  "dipl-ing",
  "dipl-kfm",
  "dipl-kff",
  "dipl-kffr",
  "dipl-oec",
  "dipl-vw",
  "dipl-psych",
  "med",
  // "Dr. med. univ." (an Austrian degree), "Dr.-Ing."; not "phil", "nat" or "dent", which are also names
  "univ",
  "dr-ing",
  "maitre",
  "maître",
  "me",
  "mr-drs",
]);

/** Post-nominal suffixes written after a name (generational and degrees). */
export const suffixes: ReadonlySet<string> = new Set([
  "jr",
  "sr",
  "ii",
  "iii",
  "iv",
  "phd",
  "md",
  "mba",
  "cpa",
  "esq",
  "dds",
  "dmd",
  "bds",
  "dvm",
  "vmd",
  "rdh",
  "llm",
  "cfa",
  "msc",
  "bsc",
  "mph",
  // Credentials written like degrees (not those that are also surnames, as Ma or Pe): enrolled agent,
  // tax and planning, audit, engineering, nursing, law, architecture, project and HR management
  ...["ea", "mst", "cfp", "cma", "cisa", "peng", "rn", "pa-c", "jd", "llb", "mfa", "edd", "dphil"],
  ...["frcs", "mrcs", "aia", "pmp", "shrm-cp", "sphr"],
  // Dutch accountants' and tax advisers' titles after a name: RA, AA, RB
  ...["ra", "aa", "rb"],
  // British engineering, surveying and accounting post-nominals: "Gareth Pryce-Owen BEng CEng MICE"
  ...[
    "beng",
    "meng",
    "ceng",
    "ieng",
    "mice",
    "mistructe",
    "mrics",
    "frics",
    "assocrics",
    "techrics",
    "acca",
    "fcca",
    "aca",
    "fca",
  ],
  // Veterinary: "Fiona Maclaren BVMS MRCVS", "Priya Raghu RVN"
  ...["bvms", "bvsc", "bvetmed", "mrcvs", "frcvs", "rvn", "mvb"],
]);

/**
 * Surname particles, longest first so "van der" wins over "van". A particle
 * belongs to the last name: "Jan van der Berg" has the last name "van der Berg".
 */
export const particles: readonly (readonly string[])[] = [
  ["von", "und", "zu"],
  ["van", "der"],
  ["van", "den"],
  ["van", "de"],
  ["van", "het"],
  ["von", "der"],
  ["von", "dem"],
  ["de", "la"],
  ["de", "las"],
  ["de", "los"],
  ["van"],
  ["von"],
  ["de"],
  ["del"],
  ["della"],
  ["di"],
  ["da"],
  ["dos"],
  ["das"],
  ["do"],
  ["du"],
  ["des"],
  ["le"],
  ["la"],
  ["zu"],
  ["ter"],
  ["ten"],
  ["bin"],
  ["ibn"],
  ["al"],
  ["el"],
  // Irish: "Siobhán Ní Fhlatharta", "Tomás Ó Briain", "Seán Mac Giolla", "Máire Bean Uí Bhriain"
  ["bean", "uí"],
  ["ní"],
  ["nic"],
  ["ó"],
  ["ua"],
  ["uí"],
  ["mac"],
];

/** The words a particle can start with: most words are not one, and this rules them out at once. */
const particleFirstWords: ReadonlySet<string> = new Set(particles.map((particle) => particle[0]!));

/** Particles written joined to the surname by a hyphen: "al-Rashid". */
export const hyphenatedParticle = /^(al|el)-(?=\p{L})/iu;

/**
 * How many of `words` starting at `start` form a particle (0 if none),
 * compared case-insensitively: "Van Der" in Belgian names is still a particle.
 */
export function particleLength(words: readonly string[], start: number): number {
  const first = words[start]?.toLowerCase();
  if (first === undefined || !particleFirstWords.has(first)) return 0;
  for (const particle of particles) {
    if (particle.every((part, i) => words[start + i]?.toLowerCase() === part)) return particle.length;
  }
  return 0;
}

/**
 * "María del Mar Sánchez Ortega", "José de Jesús Ruiz Soto": a particle right after the first
 * word with one word and then a two-word surname after it is part of a Spanish compound given
 * name (the surname would otherwise be three words long, with the particle inside it).
 */
export function isCompoundGivenName(tokens: readonly string[]): boolean {
  const length = particleLength(tokens, 1);
  if (length === 0 || tokens.length !== length + 4) return false;
  return tokens.slice(length + 1).every((token) => particleLength([token], 0) === 0 && token !== "y");
}

/** Legal-form and company words: a text containing one names a company, not a person. */
export const companyWords: ReadonlySet<string> = new Set([
  "gmbh",
  "ag",
  "kg",
  "ug",
  "gbr",
  "ohg",
  "ev",
  "inc",
  "llc",
  "llp",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "company",
  "plc",
  "sa",
  "sarl",
  "sas",
  "srl",
  "spa",
  "bv",
  "nv",
  "oy",
  "ab",
  "pty",
  "kft",
  "group",
  "holding",
  "holdings",
  "&",
  // Kinds of business that open a trading name: "Bodegas Solana", "Kanzlei Hartmann"
  ...["bodega", "bodegas", "kanzlei", "praxis", "agentur", "agency", "studio", "atelier", "cabinet"],
  ...["bufete", "despacho", "clinic", "clínica", "klinik", "kliniek", "hotel", "hôtel", "restaurant"],
  ...["bakkerij", "bäckerei", "schreinerei", "tischlerei", "autohaus", "apotheke", "pharmacy"],
  ...["boutique", "tienda", "shop", "filiale"],
  ...["bureau", "adviesbureau", "ingenieursbureau", "architectenbureau", "ingenieurbüro", "planungsbüro"],
  // Institutions a bio names: "at the European Commission", "Wirtschaftskammer Steiermark"
  ...["commission", "university", "universität", "université", "universidad", "universiteit", "council"],
  ...["ministry", "ministerium", "chamber", "association", "foundation", "stiftung", "fondation"],
  ...["fundación", "stichting", "institute", "institut", "instituto", "society", "gemeinde", "gemeente"],
  ...["county", "district", "municipality", "authority"],
]);

/** German compounds that name an institution or a firm: "Wirtschaftskammer", "Landesverband". */
const institutionCompound =
  /.{3,}(?:kammer|verband|ministerium|stiftung|behörde|gesellschaft|genossenschaft)$/;

/**
 * German abstract nouns and adjectives no name holds: "Kaufmännische Leitung", "Wartung & Stimmung",
 * "Technische Sicherheit". Only these -ung words: "Hartung" and "Jung" are surnames; a short stem keeps "Fischer".
 */
const germanNounOrAdjective =
  /(?:leitung|waltung|haltung|wartung|stimmung|planung|beratung|bereitung|rechnung|sicherung|f(?:ü|ue)hrung|entwicklung|abteilung|betreuung|vermessung)(?:en)?$|^\p{L}{3,}(?:heit|keit|schaft)$|^\p{L}{4,}(?:ische|liche)[rn]?$/u;

/** Whether a name word (its wordKey) is a German abstract noun or adjective (see germanNounOrAdjective). */
export function isGermanNounWord(key: string): boolean {
  return germanNounOrAdjective.test(key);
}

/** Whether a name word (its wordKey) names a company or an institution. */
export function isCompanyWord(key: string): boolean {
  return companyWords.has(key) || institutionCompound.test(key);
}

/**
 * Words that are (almost) never part of a person's name but are capitalised
 * in navigation, headings and job titles: "Contact Us", "Managing Director".
 * Words that are also common surnames (More, Page, Read, Young) are left out;
 * the phrases they appear in are listed in `nonNamePhrases` (non-name-phrases.ts) instead.
 */
export const nonNameWords: ReadonlySet<string> = new Set([
  // English page furniture
  ...["our", "your", "us", "we", "the", "and", "of", "for", "with", "to", "in", "on", "at", "by", "from"],
  ...["about", "contact", "privacy", "policy", "terms", "conditions", "cookie", "cookies", "imprint"],
  ...["legal", "notice", "sitemap", "accessibility", "copyright", "rights", "reserved", "home", "menu"],
  ...["search", "overview", "news", "blog", "events", "press", "media", "careers", "jobs", "login"],
  ...["logout", "sign", "register", "subscribe", "newsletter", "download", "learn", "view", "click"],
  ...["here", "submit", "send", "message", "email", "phone", "fax", "address", "services", "service"],
  ...["solutions", "products", "product", "pricing", "features", "support", "help", "faq", "partners"],
  ...["customers", "clients", "customer", "investors", "relations", "studies", "welcome", "team"],
  ...["teams", "management", "leadership", "board", "department", "office", "offices", "all", "now"],
  ...["street", "road", "avenue", "suite", "floor"],
  // Calls to write or call someone on a card: "Mail Pieter", "Schrijf Anna", "Écrire à Lise"
  ...["mail", "e-mail", "mailen", "schrijf", "écrire", "escribir", "escríbele", "schreiben"],
  ...["bellen", "call"],
  // Prepositions no name holds (an ALL-CAPS title otherwise reads as a shouted name)
  ...["für", "fur", "pour", "para", "voor", "avec", "mit", "met"],
  // Words that introduce a person at the start of a sentence: "Meet Tom Reed, our head brewer"
  ...["meet", "introducing", "voici", "rencontrez", "conoce", "conozca", "ontmoet", "ask"],
  // Words for "today" that open a sentence before a name: "Hoy Antonio dirige …"
  ...["today", "heute", "hoy", "aujourd'hui", "vandaag"],
  // Job titles
  ...["chief", "executive", "officer", "managing", "director", "directors", "manager", "president"],
  ...["vice", "founder", "co-founder", "cofounder", "ceo", "cto", "cfo", "coo", "cmo", "vp", "senior"],
  ...["engineer", "developer", "consultant", "assistant", "specialist", "analyst", "sales"],
  ...["intern", "interns", "trainee", "apprentice", "werkstudent", "stagiaire", "becario", "becaria"],
  ...["marketing", "engineering", "operations", "finance", "hr", "lead"],
  // Fields and kinds of work no name holds: "Seasonal Tax Preparer", "Payroll & Bookkeeping"
  ...["tax", "payroll", "bookkeeping", "accounting", "audit", "preparer", "seasonal"],
  // German, French, Spanish, Portuguese and Dutch page furniture
  ...["über", "uns", "unser", "unsere", "kontakt", "impressum", "datenschutz", "startseite", "karriere"],
  ...["geschäftsführer", "geschäftsführerin", "mehr", "nous", "contactez", "accueil", "équipe"],
  ...["mentions", "légales", "contacto", "nosotros", "inicio", "equipo", "aviso", "contato", "sobre"],
  ...["over", "ons", "straße", "strasse", "por", "par", "door", "guest", "gast"],
  // Numbers that count staff: "Drei Tierärzte", "Three vets"
  ...["two", "three", "four", "five", "zwei", "drei", "fünf", "deux", "trois", "quatre", "tres"],
  ...["cuatro", "twee", "drie"],
]);
