/**
 * The fixed list of industries a company is filed under, and how one is
 * read from what a site says about itself: schema.org types (`Dentist` ->
 * Healthcare), NAICS codes, and keywords from JSON-LD (`industry`,
 * `keywords`, `knowsAbout`) and `<meta name="keywords">`. Prose
 * (descriptions) is not read: a word in a sentence is too weak a signal,
 * and an unknown industry is better than a guessed one.
 */

export interface Industry {
  name: string;
  /** Lowercase words or phrases matched on word boundaries. */
  keywords: readonly string[];
  /** schema.org types (Organization / LocalBusiness subtypes) that imply it. */
  types?: readonly string[];
  /** NAICS 2-digit sectors (or longer prefixes) that imply it. */
  naics?: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    name: "Software & SaaS",
    keywords: [
      "software",
      "saas",
      "cloud platform",
      "developer tools",
      "devops",
      "api platform",
      "b2b software",
      "enterprise software",
    ],
    naics: ["5112", "5132"],
  },
  {
    name: "IT Services & Consulting",
    keywords: [
      "it services",
      "it consulting",
      "managed services",
      "msp",
      "systems integration",
      "it support",
      "cybersecurity",
      "cyber security",
      "data center",
    ],
    naics: ["5415", "518"],
  },
  {
    name: "Internet & Media",
    keywords: [
      "media",
      "publishing",
      "news",
      "magazine",
      "broadcasting",
      "streaming",
      "podcast",
      "entertainment",
      "film",
      "music",
      "gaming",
      "video games",
    ],
    types: ["NewsMediaOrganization"],
    naics: ["51"],
  },
  {
    name: "Telecommunications",
    keywords: [
      "telecommunications",
      "telecom",
      "isp",
      "internet service provider",
      "mobile network",
      "broadband",
      "fiber",
    ],
    naics: ["517"],
  },
  {
    name: "Hardware & Electronics",
    keywords: [
      "hardware",
      "electronics",
      "semiconductor",
      "semiconductors",
      "chips",
      "iot",
      "devices",
      "consumer electronics",
    ],
    types: ["ElectronicsStore"],
    naics: ["334"],
  },
  {
    name: "Financial Services",
    keywords: [
      "financial services",
      "fintech",
      "payments",
      "banking",
      "bank",
      "lending",
      "wealth management",
      "asset management",
      "investment",
      "investments",
      "venture capital",
      "private equity",
      "accounting",
      "tax advisory",
    ],
    types: ["FinancialService", "BankOrCreditUnion", "AccountingService"],
    naics: ["52"],
  },
  {
    name: "Insurance",
    keywords: ["insurance", "insurtech", "reinsurance", "insurer"],
    types: ["InsuranceAgency"],
    naics: ["524"],
  },
  {
    name: "Healthcare",
    keywords: [
      "healthcare",
      "health care",
      "hospital",
      "clinic",
      "medical",
      "dental",
      "dentist",
      "physician",
      "nursing",
      "healthtech",
      "digital health",
      "telemedicine",
    ],
    types: [
      "MedicalOrganization",
      "MedicalBusiness",
      "Hospital",
      "Dentist",
      "Physician",
      "MedicalClinic",
      "Pharmacy",
    ],
    naics: ["62"],
  },
  {
    name: "Pharma & Biotech",
    keywords: [
      "pharmaceutical",
      "pharmaceuticals",
      "pharma",
      "biotech",
      "biotechnology",
      "life sciences",
      "drug discovery",
      "clinical trials",
      "medical devices",
    ],
    naics: ["3254"],
  },
  {
    name: "Education",
    keywords: [
      "education",
      "edtech",
      "e-learning",
      "elearning",
      "university",
      "school",
      "training",
      "online courses",
      "learning platform",
    ],
    types: ["EducationalOrganization", "CollegeOrUniversity", "School", "HighSchool", "ElementarySchool"],
    naics: ["61"],
  },
  {
    name: "Retail & E-commerce",
    keywords: [
      "retail",
      "e-commerce",
      "ecommerce",
      "online shop",
      "online store",
      "webshop",
      "fashion",
      "apparel",
      "consumer goods",
      "cosmetics",
    ],
    types: ["Store", "OnlineStore", "ClothingStore"],
    naics: ["44", "45"],
  },
  {
    name: "Manufacturing & Industrial",
    keywords: [
      "manufacturing",
      "manufacturer",
      "industrial",
      "machinery",
      "engineering",
      "automation",
      "robotics",
      "automotive",
      "aerospace",
      "chemicals",
      "plastics",
      "metalworking",
    ],
    naics: ["31", "32", "33"],
  },
  {
    name: "Construction & Real Estate",
    keywords: [
      "construction",
      "real estate",
      "property",
      "property management",
      "architecture",
      "architects",
      "building",
      "proptech",
      "facility management",
    ],
    types: ["RealEstateAgent", "HomeAndConstructionBusiness", "GeneralContractor"],
    naics: ["23", "53"],
  },
  {
    name: "Energy & Utilities",
    keywords: [
      "energy",
      "renewable energy",
      "solar",
      "wind energy",
      "oil and gas",
      "utilities",
      "utility",
      "power",
      "cleantech",
      "electricity",
    ],
    naics: ["21", "22"],
  },
  {
    name: "Transportation & Logistics",
    keywords: [
      "logistics",
      "transportation",
      "freight",
      "shipping",
      "supply chain",
      "warehousing",
      "delivery",
      "trucking",
      "airline",
      "mobility",
    ],
    types: ["MovingCompany"],
    naics: ["48", "49"],
  },
  {
    name: "Travel & Hospitality",
    keywords: [
      "travel",
      "tourism",
      "hospitality",
      "hotel",
      "hotels",
      "restaurant",
      "restaurants",
      "catering",
      "events",
    ],
    types: ["LodgingBusiness", "Hotel", "FoodEstablishment", "Restaurant", "TravelAgency"],
    naics: ["72"],
  },
  {
    name: "Food & Beverage",
    keywords: [
      "food",
      "beverage",
      "beverages",
      "food and beverage",
      "brewery",
      "winery",
      "coffee",
      "agriculture",
      "agritech",
      "farming",
    ],
    types: ["Bakery", "Brewery", "Winery"],
    naics: ["311", "312", "11"],
  },
  {
    name: "Marketing & Advertising",
    keywords: [
      "marketing",
      "advertising",
      "digital marketing",
      "marketing agency",
      "seo",
      "branding",
      "public relations",
      "pr agency",
      "adtech",
      "martech",
      "creative agency",
    ],
    naics: ["5418"],
  },
  {
    name: "Legal Services",
    keywords: ["law firm", "legal services", "legal", "attorneys", "lawyers", "legaltech", "notary"],
    types: ["LegalService", "Attorney", "Notary"],
    naics: ["5411"],
  },
  {
    name: "Professional Services",
    keywords: [
      "consulting",
      "management consulting",
      "business consulting",
      "professional services",
      "advisory",
      "outsourcing",
    ],
    types: ["ProfessionalService"],
    naics: ["54"],
  },
  {
    name: "Human Resources & Staffing",
    keywords: [
      "recruiting",
      "recruitment",
      "staffing",
      "hr",
      "human resources",
      "hr software",
      "talent acquisition",
      "executive search",
      "payroll",
      "employment agency",
    ],
    types: ["EmploymentAgency"],
    naics: ["5613"],
  },
  {
    name: "Government & Public Sector",
    keywords: ["government", "public sector", "municipality", "public administration", "defense", "defence"],
    types: ["GovernmentOrganization", "GovernmentOffice"],
    naics: ["92"],
  },
  {
    name: "Non-profit",
    keywords: ["non-profit", "nonprofit", "charity", "foundation", "ngo", "association"],
    types: ["NGO", "NonprofitOrganization"],
    naics: ["8132", "8133", "8134", "8139"],
  },
  {
    name: "Automotive",
    keywords: ["car dealer", "auto dealer", "car dealership", "vehicles", "electric vehicles", "ev charging"],
    types: ["AutoDealer", "AutomotiveBusiness", "AutoRepair"],
    naics: ["336", "4411"],
  },
  {
    name: "Sports, Fitness & Wellness",
    keywords: ["fitness", "gym", "sports", "wellness", "spa", "yoga"],
    types: ["SportsOrganization", "SportsActivityLocation", "HealthAndBeautyBusiness", "ExerciseGym"],
    naics: ["7139"],
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const keywordPatterns = INDUSTRIES.map(
  (i) => new RegExp(`\\b(?:${i.keywords.map(escapeRegExp).join("|")})\\b`, "i"),
);

/** What a site states about its field. */
export interface IndustrySignals {
  /** schema.org @type values of its Organization nodes. */
  types: readonly string[];
  naics: readonly string[];
  /** Keyword phrases: JSON-LD industry / keywords / knowsAbout, meta keywords. */
  keywords: readonly string[];
}

/**
 * The industry the signals point to, or null. A schema.org type or NAICS
 * code decides outright (the longest NAICS prefix wins); otherwise each
 * keyword phrase votes for every industry it names, and the industry with
 * the most votes wins if it leads alone.
 */
export function classifyIndustry(signals: IndustrySignals): string | null {
  for (const type of signals.types) {
    const hit = INDUSTRIES.find((i) => i.types?.includes(type));
    if (hit) return hit.name;
  }
  for (const code of signals.naics) {
    const digits = code.replace(/\D/g, "");
    let best: { name: string; length: number } | null = null;
    for (const i of INDUSTRIES) {
      for (const prefix of i.naics ?? []) {
        if (digits.startsWith(prefix) && prefix.length > (best?.length ?? 0))
          best = { name: i.name, length: prefix.length };
      }
    }
    if (best) return best.name;
  }
  const votes = new Map<string, number>();
  for (const phrase of signals.keywords) {
    INDUSTRIES.forEach((industry, index) => {
      if (keywordPatterns[index]!.test(phrase)) votes.set(industry.name, (votes.get(industry.name) ?? 0) + 1);
    });
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
}
