/**
 * The raw material of the sample world (scripts/lib/sample-world.ts): first
 * and last names (plain ones, and accented or hyphenated ones for the hard
 * cases), job titles, words for company names, shared mailboxes, and the
 * seeded random numbers that pick among them.
 */

export const FIRST = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Elena",
  "Felix",
  "Grace",
  "Henry",
  "Iris",
  "Jonas",
  "Karen",
  "Liam",
  "Maya",
  "Noah",
  "Olivia",
  "Paul",
  "Quinn",
  "Rosa",
  "Simon",
  "Tara",
  "Victor",
  "Wendy",
  "Yusuf",
  "Zoe",
  "Adrian",
  "Bianca",
  "Carlos",
  "Diana",
  "Ethan",
  "Fiona",
  "Gavin",
  "Hannah",
  "Isaac",
  "Julia",
  "Kevin",
  "Laura",
  "Marco",
  "Nina",
  "Oscar",
  "Petra",
  "Ruben",
  "Sofia",
  "Thomas",
  "Ursula",
  "Vera",
  "Walter",
];
export const LAST = [
  "Weber",
  "Hartley",
  "Novak",
  "Brennan",
  "Castillo",
  "Lindqvist",
  "Okafor",
  "Marsh",
  "Tanaka",
  "Fischer",
  "Duarte",
  "Holloway",
  "Kowalski",
  "Reyes",
  "Sandoval",
  "Whitaker",
  "Bergstrom",
  "Calloway",
  "Dunmore",
  "Ferraro",
  "Gallagher",
  "Hensley",
  "Ivanova",
  "Jansen",
  "Keller",
  "Lambert",
  "Moreau",
  "Nakamura",
  "Osborne",
  "Pearson",
  "Quintero",
  "Rossi",
  "Schaefer",
  "Thornton",
  "Vogel",
  "Winslow",
  "Young",
  "Zeller",
];
/**
 * Names with diacritics, hyphens or an apostrophe. Their ASCII forms
 * (chloe, bjoern, mueller-luedenscheidt, obrien...) differ from every plain
 * name above, so no two people of a company share an address.
 */
export const ACCENTED_FIRST = [
  "Chloé",
  "Björn",
  "Jürgen",
  "Søren",
  "Renée",
  "José",
  "Inès",
  "Frédéric",
  "Łukasz",
  "Dörte",
];
export const ACCENTED_LAST = [
  "Müller-Lüdenscheidt",
  "Groß",
  "Núñez",
  "Åberg",
  "Dvořák",
  "Çelik",
  "Øvergaard",
  "Sánchez-Vidal",
  "Köhler",
  "Lefèvre",
  "Nowak-Wójcik",
  "O'Brien",
];
export const TITLES = [
  "Chief Executive Officer",
  "Chief Technology Officer",
  "VP Sales",
  "Head of Marketing",
  "Head of Operations",
  "Sales Manager",
  "Marketing Manager",
  "Product Manager",
  "Software Engineer",
  "Account Executive",
  "Head of Customer Success",
  "Finance Manager",
  "HR Manager",
  "Office Manager",
  "Data Analyst",
];
export const WORD_A = [
  "North",
  "Blue",
  "Silver",
  "Bright",
  "Iron",
  "Cedar",
  "Harbor",
  "Summit",
  "Clear",
  "Red",
  "Granite",
  "Maple",
  "Swift",
  "Golden",
  "Stone",
  "River",
  "Polar",
  "Amber",
  "Copper",
  "Falcon",
];
export const WORD_B = [
  "wind",
  "field",
  "gate",
  "line",
  "peak",
  "bridge",
  "works",
  "forge",
  "point",
  "light",
  "wave",
  "path",
  "stack",
  "craft",
  "mark",
  "view",
  "grove",
  "rock",
  "spring",
  "yard",
];
export const TRADES = [
  ["Analytics", "dashboards for mid-sized retailers"],
  ["Logistics", "same-day freight across the region"],
  ["Software", "scheduling software for clinics"],
  ["Robotics", "warehouse picking robots"],
  ["Energy", "solar installations for factories"],
  ["Security", "managed security for small banks"],
  ["Health", "remote care for rural patients"],
  ["Design", "brand and product design"],
] as const;
export const GENERIC = ["info", "hello", "contact", "sales", "office"];
export const PEOPLE_PATHS = ["/team/", "/about/", "/people/"];

/** A small seeded PRNG (mulberry32): the same seed gives the same world. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[int(0, list.length - 1)]!;
  const shuffle = <T>(list: readonly T[]) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}
