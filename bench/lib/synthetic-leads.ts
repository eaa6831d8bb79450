/**
 * 250,000 synthetic but realistic leads (names, titles with their seniority
 * and department, companies, industries, sizes, technologies, verification
 * statuses and times) seeded straight into a local D1 in a few statements.
 * Every tenth lead belongs to another tenant (`bench-other`), so tenant
 * scoping is part of what the benchmarks measure.
 */
import type { localD1 } from "./local-d1.ts";

const FIRST =
  "james mary john patricia robert jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony sandra mark margaret donald ashley steven kimberly andrew emily paul donna joshua michelle kenneth carol kevin amanda brian melissa george deborah timothy stephanie ronald rebecca jason sharon edward laura jeffrey cynthia ryan dorothy jacob amy gary kathleen nicholas angela eric shirley jonathan emma stephen brenda larry pamela justin nicole scott anna brandon samantha benjamin katherine samuel christine gregory debra alexander rachel patrick carolyn frank janet raymond maria jack olivia dennis heather jerry helen tyler catherine aaron diane jose julie adam victoria nathan joyce henry lauren zachary kelly douglas christina peter ruth kyle joan noah virginia ethan judith jeremy evelyn christian hannah walter andrea keith megan austin cheryl roger jacqueline terry martha sean madison gerald teresa carl gloria dylan sara harold janice jordan ann jesse kathryn bryan abigail lawrence sophia arthur frances gabriel jean bruce alice logan judy billy isabella joe julia alan grace juan amber elijah denise willie danielle albert marilyn wayne beverly randy charlotte mason natalie vincent theresa liam diana roy brittany bobby doris caleb kayla bradley alexis russell lori lucas marie".split(
    " ",
  );
const LAST =
  "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval".split(
    " ",
  );
const TITLES: [string, string, string][] = [
  ["Chief Executive Officer", "c_suite", "executive"],
  ["Chief Technology Officer", "c_suite", "engineering"],
  ["Chief Financial Officer", "c_suite", "finance"],
  ["Chief Marketing Officer", "c_suite", "marketing"],
  ["Chief Operating Officer", "c_suite", "operations"],
  ["Founder", "founder", "executive"],
  ["Co-Founder & CEO", "founder", "executive"],
  ["Owner", "owner", "executive"],
  ["Managing Partner", "partner", "executive"],
  ["VP of Engineering", "vp", "engineering"],
  ["VP of Sales", "vp", "sales"],
  ["VP Marketing", "vp", "marketing"],
  ["VP Customer Success", "vp", "customer_success"],
  ["VP Product", "vp", "product"],
  ["VP Finance", "vp", "finance"],
  ["Head of Sales", "head", "sales"],
  ["Head of Marketing", "head", "marketing"],
  ["Head of Engineering", "head", "engineering"],
  ["Head of Product", "head", "product"],
  ["Head of People", "head", "hr"],
  ["Head of Operations", "head", "operations"],
  ["Director of Sales", "director", "sales"],
  ["Director of Engineering", "director", "engineering"],
  ["Marketing Director", "director", "marketing"],
  ["IT Director", "director", "it"],
  ["Finance Director", "director", "finance"],
  ["Engineering Manager", "manager", "engineering"],
  ["Sales Manager", "manager", "sales"],
  ["Marketing Manager", "manager", "marketing"],
  ["Product Manager", "manager", "product"],
  ["Account Manager", "manager", "sales"],
  ["Office Manager", "manager", "operations"],
  ["HR Manager", "manager", "hr"],
  ["Customer Success Manager", "manager", "customer_success"],
  ["IT Manager", "manager", "it"],
  ["Senior Software Engineer", "senior", "engineering"],
  ["Senior Account Executive", "senior", "sales"],
  ["Senior Designer", "senior", "design"],
  ["Senior Data Scientist", "senior", "engineering"],
  ["Software Engineer", "entry", "engineering"],
  ["Account Executive", "entry", "sales"],
  ["Sales Development Representative", "entry", "sales"],
  ["Marketing Specialist", "entry", "marketing"],
  ["Support Engineer", "entry", "support"],
  ["Designer", "entry", "design"],
  ["Accountant", "entry", "finance"],
  ["Legal Counsel", "senior", "legal"],
  ["General Counsel", "head", "legal"],
  ["Recruiter", "entry", "hr"],
  ["Operations Analyst", "entry", "operations"],
  ["Data Analyst", "entry", "engineering"],
  ["DevOps Engineer", "entry", "it"],
  ["Solutions Architect", "senior", "engineering"],
  ["Business Development Manager", "manager", "sales"],
  ["Growth Lead", "head", "marketing"],
  ["Content Marketing Manager", "manager", "marketing"],
  ["Intern", "intern", "other"],
  ["Teacher", "entry", "education"],
  ["Nurse", "entry", "health"],
  ["Consultant", "senior", "other"],
];
const INDUSTRIES =
  "Software,Financial Services,Healthcare,Manufacturing,Retail,E-commerce,Education,Legal Services,Logistics,Construction,Real Estate,Media,Marketing & Advertising,Telecommunications,Energy,Automotive,Hospitality,Food & Beverage,Nonprofit,Government,Insurance,Biotechnology,Consulting,Agriculture".split(
    ",",
  );
const SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"];
const TECH = [
  '["WordPress","Google Analytics"]',
  '["HubSpot","Stripe","Cloudflare"]',
  '["Shopify","Klaviyo"]',
  '["Salesforce","Pardot"]',
  '["React","Next.js","Vercel","Segment"]',
  '["Webflow","Intercom"]',
  "[]",
  '["Drupal","Matomo"]',
  '["Magento","PayPal"]',
  '["Zendesk","Google Tag Manager"]',
  '["Marketo","Optimizely"]',
];
const STATUSES = [
  "valid",
  "valid",
  "valid",
  "invalid",
  "risky_catch_all",
  "unknown_timeout",
  "risky_full_inbox",
  "unknown",
];

const lit = (v: unknown) => `'${JSON.stringify(v).replaceAll("'", "''")}'`;

/** Migrates, creates the tenant (user `bench-user`, owner) and seeds `rows` leads; returns the seconds it took. */
export function seedSyntheticLeads(db: ReturnType<typeof localD1>, tenant: string, rows: number): number {
  const started = performance.now();
  db.migrate();
  db.execute(`INSERT INTO tenants (id, name) VALUES ('${tenant}', 'Bench'), ('bench-other', 'Other');
INSERT INTO users (id, tenant_id, role) VALUES ('bench-user', '${tenant}', 'owner');`);
  const CHUNK = 25_000;
  for (let from = 0; from < rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK);
    db.execute(`INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title, seniority, department,
      company, company_domain, email_source, verify_status, verify_reason, verified_at, icp_score, source_url, sources,
      alternatives, source, industry, size, technologies, created_at)
    WITH RECURSIVE n(x) AS (SELECT ${from + 1} UNION ALL SELECT x + 1 FROM n WHERE x < ${to}),
    v AS (SELECT x,
      json_extract(${lit(FIRST)}, '$[' || ((x * 7) % ${FIRST.length}) || ']') AS f,
      json_extract(${lit(LAST)}, '$[' || ((x * 13) % ${LAST.length}) || ']') AS l,
      (x * 31) % ${TITLES.length} AS t,
      'company' || (x % 9000) AS c FROM n)
    SELECT 'lead-' || x, CASE WHEN x % 10 = 0 THEN 'bench-other' ELSE '${tenant}' END,
      f || '.' || l || x || '@' || c || '.test', 'personal', upper(substr(f, 1, 1)) || substr(f, 2),
      upper(substr(l, 1, 1)) || substr(l, 2), upper(substr(f, 1, 1)) || substr(f, 2) || ' ' || upper(substr(l, 1, 1)) || substr(l, 2),
      json_extract(${lit(TITLES.map((t) => t[0]))}, '$[' || t || ']'), json_extract(${lit(TITLES.map((t) => t[1]))}, '$[' || t || ']'),
      json_extract(${lit(TITLES.map((t) => t[2]))}, '$[' || t || ']'),
      'Company ' || (x % 9000), c || '.test', 'published',
      json_extract(${lit(STATUSES)}, '$[' || (x % ${STATUSES.length}) || ']'), 'r',
      strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25', '-' || (x % 365) || ' days'), (x * 7919) % 101,
      'https://' || c || '.test/team', '[]', '[]', CASE WHEN x % 4 = 0 THEN 'ingest' ELSE 'crawl' END,
      json_extract(${lit(INDUSTRIES)}, '$[' || ((x / 7) % ${INDUSTRIES.length}) || ']'),
      json_extract(${lit(SIZES)}, '$[' || ((x / 3) % ${SIZES.length}) || ']'),
      json_extract(${lit(TECH)}, '$[' || ((x / 11) % ${TECH.length}) || ']'), '2026-01-01T00:00:00.000Z'
    FROM v`);
    console.error(`[bench] seeded ${to} leads`);
  }
  return (performance.now() - started) / 1000;
}
