/**
 * The department lexicon: the words and phrases, in English, German, French, Spanish and
 * Dutch, that place a job title in a department. Written the way `tokenize` leaves text
 * (lower case, no accents, ß as ss); `*` as in phrases.ts.
 *
 * `roles` name a person ("engineer", "Buchhalterin") and so also tell `isLikelyTitle` that
 * a line is a title; `areas` name a field ("engineering", "Vertrieb") and only place it.
 * Longer phrases beat the words inside them, which is how the traps are handled:
 * "customer success" is not support, "support engineer" is support, not engineering,
 * "product marketing" is marketing, "personal assistant" is not HR (German "Personal").
 *
 * Decisions: "Executive Assistant" and other assistants to executives are `executive`
 * (they staff the executive office, as "Assistant to the CEO" does); CPO is product and CDO
 * stays executive (each letter has two readings, we take the common one or none); payroll
 * is finance; data science is engineering; a building or solutions architect is engineering.
 */
import type { Department } from "./titles.ts";

/** Role and area phrases for one department, as comma- or line-separated lists. */
export interface DepartmentPhrases {
  readonly roles: string;
  readonly areas: string;
}

/** Phrases per department. Owners, founders, C-suite and partners are `executive` by rank, in titles.ts. */
export const DEPARTMENT_PHRASES: Record<Department, DepartmentPhrases> = {
  executive: {
    roles: `executive assistant, personal assistant, chief of staff, general manager, gerente general,
      bedrijfsleider`,
    areas: `executive, direction, direccion, directie, office of the ceo`,
  },
  engineering: {
    roles: `engineer, *ingenieur*, ingeniero, ingeniera, developer, *entwickler, *entwicklerin,
      developpeur, developpeuse, desarrollador, desarrolladora, ontwikkelaar, programmer,
      programmierer, programmiererin, programmeur, programador, programadora, architect, architekt,
      architektin, architecte, arquitecto, arquitecta, *architect, *architekt, *architektin, data scientist, data engineer, sre, tester,
      scrum master, cto, chief technology officer, chief technical officer, product engineer`,
    areas: `engineering, software, logiciel, devops, mlops, site reliability, frontend, backend, fullstack,
      front end, back end, full stack, data, data science, machine learning, ml, ai,
      artificial intelligence, qa, quality assurance, technology, technical, tech, technik, technique,
      technologie, tecnologia, techniek, ingenieria, ingenierie, entwicklung, *entwicklung, desarrollo,
      developpement, rd, r and d, research and development, cloud, platform, infrastructure, security`,
  },
  it: {
    roles: `sysadmin, system administrator, systems administrator, systemadministrator*,
      database administrator, dba, administrateur system*, *informatiker, *informatikerin,
      informaticien, informaticienne, informatico, informatica, webmaster, cio, ciso,
      chief information officer, chief information security officer, dsi`,
    areas: `it, ict, edv, information technology, informatik, informatique, sistemas, automatisering,
      systemadministration, network*, netzwerk*, netwerk*, reseau*, redes, helpdesk, help desk,
      service desk, it support, desktop support, information security, infosec, cybersecurity,
      cyber security, it security, secops`,
  },
  product: {
    roles: `product manager, product owner, product analyst, cpo, chief product officer`,
    areas: `product, products, product management, produkt*, produit, producto`,
  },
  design: {
    roles: `designer, *designer, *designerin, disenador, disenadora, ontwerper, illustrator, animator,
      *gestalter, *gestalterin, user researcher, art director`,
    areas: `design, *design, product design*, produktdesign*, ux, ui, user experience, user research,
      creative, graphic, grafik*, diseno, ontwerp`,
  },
  sales: {
    roles: `account executive, account manager, accountmanager, account director, key account*, kam,
      business developer, bdr, sdr, bdm, sales engineer, partner manager, partner account,
      vendedor, vendedora, vendeur, vendeuse, verkoper, verkaufer, verkauferin, handelsvertreter,
      cro, chief revenue officer, salesperson, salesman, saleswoman, ingenieur commercial, negociateur,
      negociatrice,
      ingenieure commerciale, sales consultant, aussendienstmitarbeiter, aussendienstmitarbeiterin, vertriebsmitarbeiter,
      vertriebsmitarbeiterin`,
    areas: `sales, sales*, presales, pre sales, inside sales, business development, bizdev, revenue, revops,
      commercial, commerciale, comercial, ventas, venta, vente, ventes, export, exports, exportacion,
      exportaciones, exportation, retail, einzelhandel, winkel, tienda, verkoop*, verkauf*, vertrieb*,
      *vertrieb, aussendienst*, innendienst*, partnerships, partnership, alliances, channel,
      channel partner, binnendienst, buitendienst, *verkoop, desarrollo de negocio, desarrollo de negocios, developpement commercial,
      geschaftsentwicklung, new business, account management`,
  },
  marketing: {
    roles: `strategist, *strategist, marketer, marketeer, copywriter, cmo, chief marketing officer, community manager,
      pressesprecher, pressesprecherin`,
    areas: `marketing, *marketing*, growth, brand, branding, communications, communication, comms,
      kommunikation, *kommunikation, communicatie, comunicacion, pr, public relations, content, seo, sem,
      social media, demand generation, lead generation, lead gen, event, events, mercadotecnia, mercadeo,
      advertising, werbung, publicidad, publicite, presse, partner marketing, product marketing,
      produktmarketing`,
  },
  customer_success: {
    roles: `csm, customer success manager`,
    areas: `customer success, client success, customer experience, cx, customer onboarding, onboarding,
      client services, succes client, exito del cliente, kundenerfolg, kundenbetreuung, klantsucces`,
  },
  support: {
    roles: `support engineer, support agent, support specialist`,
    areas: `support, *support, customer support, technical support, tech support, customer service,
      customer care, kundenservice, kundendienst, service client, service clients, support client,
      servicio al cliente, atencion al cliente, soporte, klantenservice, call center, callcenter,
      contact center`,
  },
  finance: {
    roles: `accountant, bookkeeper, controller, controllerin, treasurer, cfo, chief financial officer,
      auditor, buchhalter, buchhalterin, steuerberater, steuerberaterin, wirtschaftsprufer,
      wirtschaftspruferin, comptable, contable, contador, contadora, boekhouder, personal banker,
      financial analyst, daf, steuerfachwirt, steuerfachwirtin, steuerfachangestellte,
      steuerfachangestellter, bilanzbuchhalter, bilanzbuchhalterin, underwriter, *underwriter, adjuster,
      *adjuster, actuary, tax preparer`,
    areas: `finance, finances, financial, financ*, finanz*, financier, financiere, financien, financieel,
      financiele, finanzas, accounting, accounts payable, accounts receivable, buchhalt*, controlling,
      treasury, tax, steuer*, audit*, rechnungswesen, comptabilite, contabilidad, boekhouding,
      administratie, payroll, paie, lohn, lohn*, *lohn, *buchhaltung, bookkeeping, loonadministratie, nomina, investor relations, fpa, underwriting, claims, actuarial`,
  },
  legal: {
    roles: `general counsel, counsel, lawyer, attorney, solicitor, barrister, paralegal, notary,
      notar, notarin, notarassessor*, notarfachangestellte, notaire, notario, notaria, notaris, anwalt, anwaltin, *anwalt, *anwaltin,
      jurist, juristin, juriste, justiziar, justiziarin, syndikus*, abogado, abogada, avocat, avocate,
      advocaat, advocate, clo, chief legal officer, datenschutzbeauftragte, datenschutzbeauftragter,
      rechtsfachwirt, rechtsfachwirtin, rechtsreferendar, rechtsreferendarin, referendar, referendarin`,
    areas: `legal, compliance, privacy, data protection, datenschutz, recht, rechtsabteilung, juridique,
      juridico, juridica, juridisch, juridische, juridische zaken`,
  },
  hr: {
    roles: `recruiter, recruiterin, headhunter, recruteur, recruteuse, reclutador, reclutadora, hrbp,
      hr business partner, people partner, chro, chief people officer, chief human resources officer,
      personaler, personalerin, drh, personalreferent, personalreferentin, personalsachbearbeiter,
      personalsachbearbeiterin`,
    areas: `hr, human resources, human resource, people, people operations, talent, talent acquisition,
      recruiting, recruitment, personal*, personeel*, ressources humaines, rh, recursos humanos, rrhh,
      reclutamiento, werving, learning and development, compensation`,
  },
  operations: {
    roles: `office manager, administrator, receptionist, secretary, sekretar, sekretarin, secretaire,
      secretaria, secretaresse, buyer, einkaufer, einkauferin, acheteur, acheteuse, comprador,
      compradora, inkoper, disponent, disponentin, *disponent, *disponentin, administrativo,
      administrativa, administrateur, *administrateur, administratrice, recepcionista, werkvoorbereider, *voorbereider, uitvoerder, coo, chief operating officer, chief operations officer`,
    areas: `operations, operation, operational, operating, ops, business operations, office, back office, buro,
      admin, administration, administrative, administracion, verwaltung*, *verwaltung,
      vermietung, betrieb*, bedrijfsvoering, exploitation,
      operaciones, logistics, logistik*, logistique, logistica, logistiek, supply chain, procurement,
      purchasing, einkauf*, achat, achats, compras, inkoop*, *inkoop, front desk, facility, facilities, quality, qualitat*,
      qualite, calidad, kwaliteit, production, produktion*, produccion, productie, manufacturing,
      fertigung, *bau, planning, planung, planification, planificacion, restaurierung, dokumentation, documentation, kalkulation, arbeitsvorbereitung, warehouse, lager*, fleet, project, projects, projekt*, projet, proyecto, proyectos,
      project*, program, programme, reception, empfang, rezeption, sekretariat, secretariaat, secretariat,
      secretariado, backoffice, shipping, versand*, expedition, expeditions, expedicion, expediciones, envio, envios, verzending`,
  },
  education: {
    roles: `teacher, *teacher, lehrer, lehrerin, lehrkraft, enseignant, enseignante, professeur,
      professeure, profesor, profesora, maestro, maestra, docent, docente, leraar, lerares, lecturer,
      professor, tutor, instructor, educator, dozent, dozentin, erzieher, erzieherin, vice principal,
      headmaster, headmistress, rektor, rektorin, rector, lesgever, lesgeefster, monitor, monitora, moniteur, monitrice, coach, trainer, trainerin, entraineur,
      entraineuse, entrenador, entrenadora, setter, routesetter`,
    areas: `school, schul*, *schule, ecole, escuela, college, university, universitat, universite,
      universidad, universiteit, kindergarten*, kita, education, educational, onderwijs, enseignement,
      educacion, pedagog*`,
  },
  health: {
    roles: `nurse, physician, doctor, dentist, pharmacist, *therapist, physio, psychologist,
      psychiatrist, surgeon, midwife, paramedic, optometrist, optician, radiologist, cardiologist,
      pediatrician, paediatrician, dietist, dietiste, dietista, diatassistent*, dermatologist, oncologist, orthodontist, chiropractor, dietitian,
      veterinarian, vet, veterinary surgeon, caregiver, arzt, *arzt, arztin, *arztin, krankenschwester, krankenpfleger*,
      *pfleger, *pflegerin, hebamme, apotheker*, *therapeut, *therapeutin, psycholog*, medecin,
      infirmier, infirmiere, sage femme, pharmacien, pharmacienne, dentiste, chirurgien*,
      kinesitherapeute, psychologue, veterinaire, medico, medica, enfermero, enfermera, dentista,
      odontologo, odontologa, farmaceutico, farmaceutica, fisioterapeuta, psicologo, psicologa,
      cirujano, cirujana, veterinario, veterinaria, huisarts, tandarts, dierenarts, verpleegkundige,
      verpleger, fysiotherapeut, psycholoog, verloskundige, personal trainer, sonographer,
      radiographer, phlebotomist, medical assistant, mfa, zfa, zmp, zmf, zmv, pta, mta, arzthelferin, zahnarzthelferin, hygienist,
      dental hygienist, mondhygienist, dentalhygienikerin, higienista, hygieniste, dental assistant`,
    areas: `health*, medical, clinical, clinic, hospital, dental, pharmacy, pflege*, medizin*,
      gesundheit*, klinik*, sante, salud, sanitario, zorg*`,
  },
  other: {
    roles: `consultant, advisor, adviser, *berater, *beraterin, conseiller, conseillere, consultor,
      consultora, adviseur, *adviseur, adviseuse, *adviseuse, asesor, asesora, researcher, scientist, forscher, forscherin, wissenschaftler*, chercheur,
      chercheuse, investigador, investigadora, onderzoeker, editor, redakteur*, redacteur, redactrice,
      redactor, redactora, journalist*, journaliste, periodista, writer, author, autor, autorin,
      auteur, photographer, fotograf*, photographe, fotografo, fotografa, chef, translator,
      ubersetzer*, traducteur, traductrice, traductor, traductora, vertaler, mechanic, *mechaniker*,
      mecanicien, mecanico, electrician, *elektriker*, technician, *techniker*, technicien*, driver,
      timmerman, *timmerman, metselaar, stukadoor, monteur, *monteur, dachdecker*, makelaar, *makelaar,
      skipper, patron, patrona, polier, polierin, vorarbeiter*, maurer, maurerin, *maurer, betonbauer*, zimmerer*, bauleiter*,
      taxateur, *taxateur, makler*, *makler, *maklerin, sachverstandige*, *sachverstandige*,
      schilder, *schilder, maler, malerin, *maler, peintre, pintor, pintora, painter,
      fliesenleger*, bodenleger*, parkettleger*, tischler*, *tischler*, schreiner*, *schreiner*, restaurator*,
      fahrer*, chauffeur, artist, executive chef, oenologist, enologist, winemaker, enologo, enologa,
      oenologue, onologe, onologin, oenoloog, sommelier, sommeliere, sumiller, decorator, decorateur,
      decoratrice, decorador, decoradora, dessinateur, dessinatrice, draughtsman, draftsman, drafter,
      zeichner*, *zeichner*, geomatiker*, geomaticien, geomaticienne, vermesser*, *vermesser*, landmeter,
      tekenaar, *tekenaar, bouwkundig tekenaar, technisch tekenaar, installer, installateur,
      installateurin, instalador, instaladora, landscaper, gardener, gartner, gartnerin, hovenier,
      jardinero, jardinera, jardinier, jardiniere, ecologue, hydrologue, geologue, hydrogeologue, biologiste,
      botaniste, naturaliste, ecologist, hydrologist, geologist, biologist, botanist, naturalist, ecoloog,
      hydroloog, bioloog, okologe, okologin, biologe, biologin, geologe, geologin, hydrologe, hydrologin,
      ecologo, ecologa, biologo, biologa, geologo, geologa`,
    areas: `consulting, beratung, research, forschung`,
  },
};

/**
 * Words that name a person doing a job without saying which department: enough for
 * `isLikelyTitle`, no department of their own.
 */
export const GENERIC_ROLES = `
  specialist, spezialist, spezialistin, specialiste, especialista, coordinator, koordinator,
  koordinatorin, coordinateur, coordinatrice, coordinador, coordinadora, analyst, analystin, analyste,
  analista, analist, officer, associate, representative, rep, agent, agente, referent, referentin,
  sachbearbeiter, sachbearbeiterin, mitarbeiter, mitarbeiterin, *mitarbeiter, *mitarbeiterin,
  medewerker, medewerkster, *medewerker, *medewerkster, employee, empleado, empleada, employe, member, team member, expert,
  experte, expertin, experto, experta, fellow, charge de, chargee de, charge d, chargee d,
  tecnico, tecnica, clerk, generalist, technologist, *technologist, auszubildende, auszubildender, azubi,
  apprentice, cheffe, artisan, boulanger, boulangere, patissier, patissiere, baker, backer, backerin,
  cajero, cajera, estimator, dispatcher, planner, planer, planerin, inspector,
  *fachwirt, *fachwirtin, *fachangestellte, *fachangestellter, collaborateur, collaboratrice,
  colaborador, colaboradora, meister, meisterin, *meister, *meisterin, *beauftragte, *beauftragter,
  fachkraft, *fachkraft, *planer, *planerin, *planner, geselle, gesellin, *geselle, *gesellin`;
