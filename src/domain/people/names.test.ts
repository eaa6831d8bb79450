import { describe, expect, it } from "vitest";
import { isLikelyPersonName, type PersonName, splitName } from "./names.ts";

type Expected = Pick<PersonName, "first" | "last"> & Partial<PersonName>;

const splits: [string, Expected][] = [
  // Plain and English
  ["John Smith", { first: "John", last: "Smith" }],
  ["  John   Smith ", { first: "John", last: "Smith" }],
  ["John F. Kennedy", { first: "John", middle: "F.", last: "Kennedy" }],
  ["John F Kennedy", { first: "John", middle: "F.", last: "Kennedy" }],
  ["George H. W. Bush", { first: "George", middle: "H. W.", last: "Bush" }],
  ["J. Smith", { first: "J.", last: "Smith" }],
  ["Martin Luther King Jr.", { first: "Martin", middle: "Luther", last: "King", suffix: "Jr." }],
  ["Mr. John Smith Jr.", { first: "John", last: "Smith", prefix: "Mr.", suffix: "Jr." }],
  ["John Smith Sr.", { first: "John", last: "Smith", suffix: "Sr." }],
  ["Henry Ford III", { first: "Henry", last: "Ford", suffix: "III" }],
  ["Jane Doe, PhD", { first: "Jane", last: "Doe", suffix: "PhD" }],
  ["Jane Doe Ph.D.", { first: "Jane", last: "Doe", suffix: "Ph.D." }],
  ["Ms. Jane Doe, MBA, CPA", { first: "Jane", last: "Doe", prefix: "Ms.", suffix: "MBA CPA" }],
  ["Dr. Gregory House MD", { first: "Gregory", last: "House", prefix: "Dr.", suffix: "MD" }],
  ["Mx. Sam Taylor", { first: "Sam", last: "Taylor", prefix: "Mx." }],
  ["Mrs Emma Clarke", { first: "Emma", last: "Clarke", prefix: "Mrs" }],
  ["Dr. Sarah Collins, BDS", { first: "Sarah", last: "Collins", prefix: "Dr.", suffix: "BDS" }],
  ["Dr. Paul Lund, DVM", { first: "Paul", last: "Lund", prefix: "Dr.", suffix: "DVM" }],
  // Credentials after a name: known ones, and capitals next to a known one; a surname in capitals alone stays
  ["Alicia Shaw, CPA, MST", { first: "Alicia", last: "Shaw", suffix: "CPA MST" }],
  ["Devon Marsh, EA", { first: "Devon", last: "Marsh", suffix: "EA" }],
  [
    "Dr Imran Qureshi MBBS MSc FFSEM",
    { first: "Imran", last: "Qureshi", prefix: "Dr", suffix: "MBBS MSc FFSEM" },
  ],
  // Certificates in mixed case and degrees with an ampersand next to a known one
  [
    "Dr Aoife Brennan MVB CertAVP(SAM) MRCVS",
    { first: "Aoife", last: "Brennan", prefix: "Dr", suffix: "MVB CertAVP MRCVS" },
  ],
  ["Rory McAllister BVM&S MRCVS", { first: "Rory", last: "McAllister", suffix: "BVM&S MRCVS" }],
  ["Priya Chaudhry AssocRICS", { first: "Priya", last: "Chaudhry", suffix: "AssocRICS" }],
  ["DI Lukas Ebner", { first: "Lukas", last: "Ebner", prefix: "DI" }],
  ["Maria Di Stefano", { first: "Maria", last: "Di Stefano", particle: "Di" }],
  // Initials written without a space stay as written
  ["mr. J.P. Brouwer", { first: "J.P.", last: "Brouwer", prefix: "mr." }],
  ["A.C. van der Sluis", { first: "A.C.", last: "van der Sluis", particle: "van der" }],
  // Irish particles stay in the surname
  ["Siobhán Ní Fhlatharta", { first: "Siobhán", last: "Ní Fhlatharta", particle: "Ní" }],
  ["Tomás Ó Briain", { first: "Tomás", last: "Ó Briain", particle: "Ó" }],
  ["Seán Mac Giolla", { first: "Seán", last: "Mac Giolla", particle: "Mac" }],
  ["Marie Claire DUPONT", { first: "Marie", middle: "Claire", last: "Dupont" }],
  ["Dr. med. univ. Elif Yildiz", { first: "Elif", last: "Yildiz", prefix: "Dr. med. univ." }],
  ["Robert (Bob) Smith", { first: "Robert", last: "Smith" }],
  ["Robert “Bob” Smith", { first: "Robert", last: "Smith" }],
  ["Conan O'Brien", { first: "Conan", last: "O'Brien" }],
  ["Conan O’Brien", { first: "Conan", last: "O'Brien" }],
  ["D'Angelo Russell", { first: "D'Angelo", last: "Russell" }],
  ["Giovanni D'Angelo", { first: "Giovanni", last: "D'Angelo" }],
  ["JOHN SMITH", { first: "John", last: "Smith" }],
  ["CONAN O'BRIEN", { first: "Conan", last: "O'Brien" }],
  ["Smith, John, Jr.", { first: "John", last: "Smith", suffix: "Jr." }],
  // German and Dutch
  ["Dr. Anna Müller", { first: "Anna", last: "Müller", prefix: "Dr." }],
  ["Prof. Dr. Hans-Peter Schmidt", { first: "Hans-Peter", last: "Schmidt", prefix: "Prof. Dr." }],
  ["Frau Dr. Petra Schulz", { first: "Petra", last: "Schulz", prefix: "Frau Dr." }],
  ["Herr Klaus Weber", { first: "Klaus", last: "Weber", prefix: "Herr" }],
  ["Dipl.-Kfm. Jan Rose", { first: "Jan", last: "Rose", prefix: "Dipl.-Kfm." }],
  ["Anna Müller-Schmidt", { first: "Anna", last: "Müller-Schmidt" }],
  ["Müller, Anna", { first: "Anna", last: "Müller" }],
  ["MÜLLER, Anna", { first: "Anna", last: "Müller" }],
  ["Müller, Dr. Anna", { first: "Anna", last: "Müller", prefix: "Dr." }],
  ["Anna MÜLLER", { first: "Anna", last: "Müller" }],
  ["Karl-Theodor zu Guttenberg", { first: "Karl-Theodor", last: "zu Guttenberg", particle: "zu" }],
  ["Ursula von der Leyen", { first: "Ursula", last: "von der Leyen", particle: "von der" }],
  ["Ludwig van Beethoven", { first: "Ludwig", last: "van Beethoven", particle: "van" }],
  ["Jan van der Berg", { first: "Jan", last: "van der Berg", particle: "van der" }],
  ["Jan Van Der Berg", { first: "Jan", last: "Van Der Berg", particle: "Van Der" }],
  ["JAN VAN DER BERG", { first: "Jan", last: "van der Berg", particle: "van der" }],
  ["van der Berg, Jan", { first: "Jan", last: "van der Berg", particle: "van der" }],
  ["Ir. Pieter de Vries", { first: "Pieter", last: "de Vries", particle: "de", prefix: "Ir." }],
  ["Drs. Johan ten Brink", { first: "Johan", last: "ten Brink", particle: "ten", prefix: "Drs." }],
  ["Maarten van den Bosch", { first: "Maarten", last: "van den Bosch", particle: "van den" }],
  // French
  ["Jean-Luc Picard", { first: "Jean-Luc", last: "Picard" }],
  ["Charles de Gaulle", { first: "Charles", last: "de Gaulle", particle: "de" }],
  ["Jean-Pierre Le Blanc", { first: "Jean-Pierre", last: "Le Blanc", particle: "Le" }],
  ["Mme Sophie Martin", { first: "Sophie", last: "Martin", prefix: "Mme" }],
  ["Maître Luc Gros", { first: "Luc", last: "Gros", prefix: "Maître" }],
  ["M. Jean Dupont", { first: "Jean", last: "Dupont", prefix: "M." }],
  ["M. Dupont", { first: "M.", last: "Dupont" }],
  ["François Hollande", { first: "François", last: "Hollande" }],
  // Spanish, Portuguese, Italian
  ["María José García López", { first: "María", middle: "José", last: "García López" }],
  ["GARCÍA LÓPEZ, María José", { first: "María", middle: "José", last: "García López" }],
  ["Gabriel García Márquez", { first: "Gabriel", middle: "García", last: "Márquez" }],
  ["Juan Carlos de la Fuente", { first: "Juan", middle: "Carlos", last: "de la Fuente", particle: "de la" }],
  ["José Ortega y Gasset", { first: "José", last: "Ortega y Gasset" }],
  ["Sra. Lucía Fernández", { first: "Lucía", last: "Fernández", prefix: "Sra." }],
  ["Sr. Pedro Álvarez", { first: "Pedro", last: "Álvarez", prefix: "Sr." }],
  ["Benicio Del Toro", { first: "Benicio", last: "Del Toro", particle: "Del" }],
  ["Ana Maria dos Santos", { first: "Ana", middle: "Maria", last: "dos Santos", particle: "dos" }],
  ["Leonardo da Vinci", { first: "Leonardo", last: "da Vinci", particle: "da" }],
  ["Luca di Maio", { first: "Luca", last: "di Maio", particle: "di" }],
  // Nordic, Slavic, Arabic
  ["Søren Kierkegaard", { first: "Søren", last: "Kierkegaard" }],
  ["Łukasz Kowalski", { first: "Łukasz", last: "Kowalski" }],
  ["Zoë Saldaña", { first: "Zoë", last: "Saldaña" }],
  ["Ahmed al-Rashid", { first: "Ahmed", last: "al-Rashid", particle: "al" }],
  ["AHMED AL-RASHID", { first: "Ahmed", last: "al-Rashid", particle: "al" }],
  ["Mohammed bin Salman", { first: "Mohammed", last: "bin Salman", particle: "bin" }],
];

describe("splitName", () => {
  it.each(splits)("%s", (displayed, expected) => {
    const middle = expected.middle ?? null;
    expect(splitName(displayed)).toEqual({
      full: [expected.first, middle, expected.last].filter(Boolean).join(" "),
      middle,
      particle: null,
      suffix: null,
      prefix: null,
      ...expected,
    });
  });

  it.each([
    "",
    "Madonna",
    "john smith",
    "John smith",
    "John Smith 2",
    "john@acme.com",
    "Anna Maria Luisa Sophie Charlotte Weber",
    "Read More",
    "Our Team",
    "Contact Us",
    "Privacy Policy",
    "Acme GmbH",
    "Acme Inc.",
    "Smith & Sons",
    "Anna & Tom Berg",
    "European Commission",
    "Dayton, OH",
    "Wirtschaftskammer Steiermark",
    "Drei Tierärzte",
    "Tom Berg &Co",
    "Dr. Smith",
    "Jan van",
    "John S.",
    "iPhone Pro",
    "Head of Sales",
    "Managing Director",
    "Tel: 030 1234",
    "Müller, Anna, Berlin",
    "Nombre Apellido",
    "John Doe",
    "Max Mustermann",
    "Por Marta Ríos",
    "Bodegas Solana",
    "Kanzlei Hartmann",
  ])("rejects %j", (displayed) => {
    expect(splitName(displayed)).toBeNull();
  });
});

describe("isLikelyPersonName", () => {
  it.each([
    ["John Smith", true],
    ["Dr. Anna Müller", true],
    ["Jan van der Berg", true],
    ["Juan Carlos de la Fuente", true],
    ["George H. W. Bush", true],
    ["JOHN SMITH", true],
    ["Müller, Anna", true],
    ["Anna Maria Luisa Weber", true],
    ["Anna Maria Luisa Sophie Weber", false],
    ["Read More", false],
    ["Learn More", false],
    ["Our Team", false],
    ["Contact Us", false],
    ["Privacy Policy", false],
    ["Chief Executive Officer", false],
    ["Sales Team", false],
    ["Über Uns", false],
    ["Acme GmbH", false],
    ["Globex Corp", false],
    ["Madonna", false],
    ["john smith", false],
    ["R2 D2", false],
    [`John ${"Smith".repeat(12)}`, false],
  ] as const)("%j -> %s", (text, expected) => {
    expect(isLikelyPersonName(text)).toBe(expected);
  });
});
