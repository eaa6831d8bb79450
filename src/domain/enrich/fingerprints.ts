/**
 * Prospector's own technology fingerprints: about 150 technologies a sales
 * team asks about, each recognised by response headers, cookie names, meta
 * tags, script / stylesheet URLs or a distinctive marker in the HTML.
 *
 * Written for this project and MIT-licensed like it. It is deliberately not
 * derived from Wappalyzer's or enthec's data sets (GPL-3.0, incompatible):
 * every pattern here is the vendor's documented snippet host, header or
 * generator string. A pattern must be specific enough never to match a plain
 * page (see technologies.test.ts); when in doubt, leave a technology out.
 */

export type TechCategory =
  | "CMS"
  | "E-commerce"
  | "Analytics"
  | "Tag manager"
  | "Marketing automation"
  | "Advertising"
  | "B2B intent"
  | "Chat & support"
  | "CDN & hosting"
  | "Security"
  | "Web server"
  | "Backend"
  | "JavaScript framework"
  | "JavaScript library"
  | "CSS framework"
  | "Fonts"
  | "Payments"
  | "A/B testing"
  | "Consent"
  | "Session replay & monitoring"
  | "Product adoption"
  | "Scheduling"
  | "Forms"
  | "Reviews"
  | "Search"
  | "Video"
  | "Maps"
  | "CRM"
  | "Hiring";

export interface Fingerprint {
  name: string;
  category: TechCategory;
  /** Response header (lowercase name) -> value pattern. */
  headers?: Record<string, RegExp>;
  /** Cookie names set by the home page. */
  cookies?: RegExp;
  /** Meta tag (lowercase name or property, e.g. "generator") -> content pattern. */
  meta?: Record<string, RegExp>;
  /** Script src and <link> href URLs. */
  urls?: RegExp;
  /** The page's inline scripts and (bounded) HTML. */
  markup?: RegExp;
  /** Technologies this one implies (Next.js -> React). */
  implies?: string[];
}

const any = /./;

export const FINGERPRINTS: readonly Fingerprint[] = [
  // CMS
  {
    name: "WordPress",
    category: "CMS",
    meta: { generator: /^WordPress/i },
    headers: { link: /api\.w\.org/ },
    urls: /\/wp-(?:content|includes)\//,
    markup: /\/wp-(?:content|includes)\//,
  },
  {
    name: "Drupal",
    category: "CMS",
    meta: { generator: /Drupal/i },
    headers: { "x-generator": /Drupal/i, "x-drupal-cache": any, "x-drupal-dynamic-cache": any },
    urls: /\/sites\/(?:default|all)\/(?:files|modules|themes)\//,
    markup: /data-drupal-selector|drupalSettings/,
  },
  {
    name: "Joomla",
    category: "CMS",
    meta: { generator: /Joomla/i },
    urls: /\/media\/(?:jui|system\/js)\//,
    markup: /\/media\/jui\/|Joomla\.optionsStorage/,
  },
  { name: "TYPO3", category: "CMS", meta: { generator: /TYPO3/i }, urls: /\/typo3(?:conf|temp)\// },
  {
    name: "Webflow",
    category: "CMS",
    meta: { generator: /Webflow/i },
    urls: /website-files\.com|webflow\.[a-z0-9.]*js/,
    markup: /data-wf-(?:site|page)=/,
  },
  {
    name: "Wix",
    category: "CMS",
    meta: { generator: /Wix\.com/i },
    headers: { "x-wix-request-id": any },
    urls: /static\.(?:wixstatic|parastorage)\.com/,
  },
  {
    name: "Squarespace",
    category: "CMS",
    urls: /squarespace(?:-cdn)?\.com/,
    markup: /Static\.SQUARESPACE_CONTEXT|squarespace-cdn\.com/,
  },
  {
    name: "HubSpot CMS",
    category: "CMS",
    meta: { generator: /HubSpot/i },
    urls: /static\.hsappstatic\.net|\/hs\/hsstatic\//,
    implies: ["HubSpot"],
  },
  { name: "Ghost", category: "CMS", meta: { generator: /^Ghost/i } },
  { name: "Framer", category: "CMS", meta: { generator: /Framer/i }, markup: /framerusercontent\.com/ },
  { name: "Contentful", category: "CMS", markup: /(?:images|assets|videos)\.ctfassets\.net/ },
  { name: "Sanity", category: "CMS", markup: /cdn\.sanity\.io/ },
  { name: "Strapi", category: "CMS", headers: { "x-powered-by": /Strapi/i } },
  {
    name: "Sitecore",
    category: "CMS",
    cookies: /^(?:SC_ANALYTICS_GLOBAL_COOKIE|sxa_site)$/,
    urls: /\/sitecore\//i,
  },
  {
    name: "Adobe Experience Manager",
    category: "CMS",
    urls: /\/etc\.clientlibs\//,
    markup: /\/etc\.clientlibs\//,
  },
  {
    name: "Craft CMS",
    category: "CMS",
    headers: { "x-powered-by": /Craft CMS/i },
    cookies: /^CRAFT_CSRF_TOKEN$/,
  },
  { name: "Umbraco", category: "CMS", urls: /\/umbraco\//i },
  { name: "Weebly", category: "CMS", urls: /editmysite\.com/ },
  { name: "Duda", category: "CMS", urls: /dudamobile\.com|multiscreensite\.com/ },
  {
    name: "Gatsby",
    category: "JavaScript framework",
    meta: { generator: /Gatsby/i },
    markup: /id="___gatsby"/,
    implies: ["React"],
  },
  {
    name: "Astro",
    category: "JavaScript framework",
    meta: { generator: /^Astro/i },
    markup: /<astro-island/,
  },
  // E-commerce
  {
    name: "Shopify",
    category: "E-commerce",
    headers: { "x-shopid": any, "x-shopify-stage": any, "powered-by": /Shopify/i },
    cookies: /^_shopify_/,
    urls: /cdn\.shopify\.com/,
    markup: /Shopify\.theme\s*=|cdn\.shopify\.com/,
  },
  {
    name: "WooCommerce",
    category: "E-commerce",
    urls: /\/plugins\/woocommerce\//,
    markup: /woocommerce-no-js|\/plugins\/woocommerce\//,
    implies: ["WordPress"],
  },
  {
    name: "Magento",
    category: "E-commerce",
    headers: { "x-magento-cache-debug": any, "x-magento-tags": any },
    cookies: /^(?:X-Magento-Vary|mage-cache-sessid)$/,
    urls: /\/static\/version\d+\/frontend\//,
    markup: /"Magento_[A-Z][A-Za-z]+\//,
  },
  { name: "BigCommerce", category: "E-commerce", urls: /cdn\d*\.bigcommerce\.com/ },
  {
    name: "Salesforce Commerce Cloud",
    category: "E-commerce",
    cookies: /^(?:dwsid|dwanonymous_[0-9a-f]+)$/,
    urls: /demandware\.(?:static|store|net)/,
  },
  { name: "PrestaShop", category: "E-commerce", cookies: /^PrestaShop-/, markup: /\bvar prestashop\s*=/ },
  {
    name: "Shopware",
    category: "E-commerce",
    meta: { generator: /Shopware/i },
    urls: /\/bundles\/storefront\//,
  },
  { name: "Ecwid", category: "E-commerce", urls: /app\.ecwid\.com/ },
  // Analytics and tag managers
  {
    name: "Google Analytics",
    category: "Analytics",
    urls: /googletagmanager\.com\/gtag\/js\?id=(?:G|UA)-|google-analytics\.com\/(?:analytics|ga)\.js/,
    markup:
      /gtag\(\s*['"]config['"],\s*['"](?:G|UA)-[A-Z0-9-]+['"]|google-analytics\.com\/(?:analytics|ga)\.js/,
  },
  {
    name: "Google Tag Manager",
    category: "Tag manager",
    urls: /googletagmanager\.com\/gtm\.js/,
    markup: /googletagmanager\.com\/(?:gtm\.js|ns\.html)|['"]GTM-[A-Z0-9]{4,9}['"]/,
  },
  { name: "Tealium", category: "Tag manager", urls: /tags\.tiqcdn\.com/, markup: /tags\.tiqcdn\.com/ },
  { name: "Adobe Experience Platform Launch", category: "Tag manager", urls: /assets\.adobedtm\.com/ },
  {
    name: "Adobe Analytics",
    category: "Analytics",
    urls: /AppMeasurement(?:\.min)?\.js|\/s_code\.js/,
    markup: /\.sc\.omtrdc\.net|s_account\s*=/,
  },
  {
    name: "Segment",
    category: "Analytics",
    urls: /cdn\.segment\.(?:com|io)/,
    markup: /cdn\.segment\.(?:com|io)\/analytics\.js/,
  },
  {
    name: "Hotjar",
    category: "Session replay & monitoring",
    urls: /static\.hotjar\.com/,
    markup: /static\.hotjar\.com|_hjSettings/,
  },
  {
    name: "Mixpanel",
    category: "Analytics",
    urls: /cdn4?\.mxpnl\.com/,
    markup: /cdn4?\.mxpnl\.com|mixpanel\.init\(/,
  },
  {
    name: "Matomo",
    category: "Analytics",
    cookies: /^_pk_(?:id|ses)\./,
    urls: /\/(?:matomo|piwik)\.js/,
    markup: /_paq\.push\(\s*\[\s*['"]trackPageView/,
  },
  { name: "Plausible", category: "Analytics", urls: /plausible\.io\/js\// },
  { name: "Fathom", category: "Analytics", urls: /cdn\.usefathom\.com/ },
  {
    name: "Heap",
    category: "Analytics",
    urls: /cdn\.heapanalytics\.com/,
    markup: /cdn\.heapanalytics\.com|heap\.load\(/,
  },
  { name: "Amplitude", category: "Analytics", urls: /cdn\.amplitude\.com/, markup: /cdn\.amplitude\.com/ },
  {
    name: "Microsoft Clarity",
    category: "Session replay & monitoring",
    urls: /clarity\.ms\/tag\//,
    markup: /clarity\.ms\/tag\//,
  },
  {
    name: "FullStory",
    category: "Session replay & monitoring",
    urls: /fullstory\.com\/s\/fs\.js/,
    markup: /_fs_org|fullstory\.com\/s\/fs\.js/,
  },
  {
    name: "Mouseflow",
    category: "Session replay & monitoring",
    urls: /cdn\.mouseflow\.com/,
    markup: /cdn\.mouseflow\.com/,
  },
  {
    name: "Crazy Egg",
    category: "Session replay & monitoring",
    urls: /script\.crazyegg\.com/,
    markup: /script\.crazyegg\.com/,
  },
  { name: "Lucky Orange", category: "Session replay & monitoring", urls: /luckyorange\.(?:com|net)/ },
  { name: "Yandex Metrica", category: "Analytics", markup: /mc\.yandex\.ru\/metrika/ },
  {
    name: "PostHog",
    category: "Analytics",
    urls: /(?:[a-z-]+\.)?i\.posthog\.com|app\.posthog\.com/,
    markup: /posthog\.init\(|i\.posthog\.com/,
  },
  {
    name: "Cloudflare Web Analytics",
    category: "Analytics",
    urls: /static\.cloudflareinsights\.com\/beacon/,
    markup: /static\.cloudflareinsights\.com\/beacon/,
  },
  { name: "Vercel Analytics", category: "Analytics", urls: /\/_vercel\/insights\/script\.js/ },
  { name: "Pendo", category: "Product adoption", urls: /cdn\.pendo\.io/, markup: /cdn\.pendo\.io/ },
  { name: "Appcues", category: "Product adoption", urls: /fast\.appcues\.com/ },
  { name: "WalkMe", category: "Product adoption", urls: /cdn\.walkme\.com/, markup: /cdn\.walkme\.com/ },
  // Marketing automation and email
  {
    name: "HubSpot",
    category: "Marketing automation",
    cookies: /^(?:hubspotutk|__hstc|__hssc)$/,
    urls: /js\.hs-scripts\.com|js\.hsforms\.net|js\.hs-analytics\.net|js\.hubspot\.com/,
    markup: /js\.hs-scripts\.com|hbspt\.forms\.create/,
  },
  {
    name: "Marketo",
    category: "Marketing automation",
    cookies: /^_mkto_trk$/,
    urls: /munchkin\.marketo\.net|\/js\/forms2\/js\/forms2(?:\.min)?\.js/,
    markup: /munchkin\.marketo\.net|Munchkin\.init\(|MktoForms2/,
  },
  {
    name: "Pardot",
    category: "Marketing automation",
    urls: /pi\.pardot\.com|cdn\.pardot\.com/,
    markup: /piAId\s*=|pi\.pardot\.com/,
  },
  {
    name: "Eloqua",
    category: "Marketing automation",
    urls: /elqCfg(?:\.min)?\.js|\.en25\.com/,
    markup: /\.en25\.com|elqCfg/,
  },
  { name: "ActiveCampaign", category: "Marketing automation", markup: /trackcmp\.net|\.activehosted\.com/ },
  {
    name: "Mailchimp",
    category: "Marketing automation",
    urls: /chimpstatic\.com|list-manage\.com/,
    markup: /chimpstatic\.com|\.list-manage\.com\/subscribe/,
  },
  {
    name: "Klaviyo",
    category: "Marketing automation",
    urls: /static\.klaviyo\.com|klaviyo\.com\/onsite/,
    markup: /static\.klaviyo\.com/,
  },
  {
    name: "Brevo",
    category: "Marketing automation",
    urls: /sibautomation\.com|sibforms\.com/,
    markup: /sibautomation\.com|sibforms\.com/,
  },
  {
    name: "Salesforce Marketing Cloud",
    category: "Marketing automation",
    markup: /\.exacttarget\.com|\.marketingcloudapis\.com/,
  },
  // Advertising
  {
    name: "Google Ads",
    category: "Advertising",
    urls: /googleadservices\.com\/pagead\/conversion/,
    markup: /gtag\(\s*['"]config['"],\s*['"]AW-\d+|googleadservices\.com\/pagead\/conversion/,
  },
  { name: "Google AdSense", category: "Advertising", urls: /pagead2\.googlesyndication\.com/ },
  {
    name: "Meta Pixel",
    category: "Advertising",
    urls: /connect\.facebook\.net\/[a-zA-Z_]+\/fbevents\.js/,
    markup: /fbq\(\s*['"]init['"]|connect\.facebook\.net\/[a-zA-Z_]+\/fbevents\.js/,
  },
  {
    name: "LinkedIn Insight Tag",
    category: "Advertising",
    urls: /snap\.licdn\.com\/li\.lms-analytics/,
    markup: /_linkedin_partner_id|snap\.licdn\.com\/li\.lms-analytics/,
  },
  {
    name: "X Pixel",
    category: "Advertising",
    urls: /static\.ads-twitter\.com/,
    markup: /static\.ads-twitter\.com/,
  },
  { name: "TikTok Pixel", category: "Advertising", markup: /analytics\.tiktok\.com\/i18n\/pixel/ },
  { name: "Microsoft Advertising", category: "Advertising", markup: /bat\.bing\.com\/bat\.js/ },
  { name: "Pinterest Tag", category: "Advertising", markup: /s\.pinimg\.com\/ct\/core\.js/ },
  { name: "Reddit Pixel", category: "Advertising", markup: /redditstatic\.com\/ads\/pixel\.js/ },
  { name: "Criteo", category: "Advertising", urls: /static\.criteo\.net/, markup: /static\.criteo\.net/ },
  { name: "Taboola", category: "Advertising", markup: /cdn\.taboola\.com/ },
  { name: "Outbrain", category: "Advertising", markup: /widgets\.outbrain\.com|amplify\.outbrain\.com/ },
  // B2B intent and visitor identification
  {
    name: "Clearbit",
    category: "B2B intent",
    urls: /clearbitscripts\.com|clearbitjs\.com/,
    markup: /tag\.clearbitscripts\.com/,
  },
  { name: "6sense", category: "B2B intent", urls: /j\.6sc\.co/, markup: /j\.6sc\.co/ },
  {
    name: "Demandbase",
    category: "B2B intent",
    urls: /tag\.demandbase\.com/,
    markup: /tag\.demandbase\.com/,
  },
  { name: "Leadfeeder", category: "B2B intent", urls: /sc\.lfeeder\.com/, markup: /sc\.lfeeder\.com/ },
  {
    name: "ZoomInfo",
    category: "B2B intent",
    urls: /ws\.zoominfo\.com|js\.zi-scripts\.com/,
    markup: /ws\.zoominfo\.com|js\.zi-scripts\.com/,
  },
  { name: "Albacross", category: "B2B intent", markup: /serve\.albacross\.com/ },
  // Chat and support
  {
    name: "Intercom",
    category: "Chat & support",
    urls: /widget\.intercom\.io|js\.intercomcdn\.com/,
    markup: /widget\.intercom\.io|intercomSettings/,
  },
  {
    name: "Drift",
    category: "Chat & support",
    urls: /js\.driftt\.com/,
    markup: /js\.driftt\.com|drift\.load\(/,
  },
  {
    name: "Zendesk",
    category: "Chat & support",
    urls: /static\.zdassets\.com|\.zopim\.com/,
    markup: /static\.zdassets\.com|zE\(\s*['"]webWidget/,
  },
  {
    name: "Crisp",
    category: "Chat & support",
    urls: /client\.crisp\.chat/,
    markup: /CRISP_WEBSITE_ID|client\.crisp\.chat/,
  },
  {
    name: "LiveChat",
    category: "Chat & support",
    urls: /cdn\.livechatinc\.com/,
    markup: /cdn\.livechatinc\.com|__lc\.license/,
  },
  { name: "Tawk.to", category: "Chat & support", urls: /embed\.tawk\.to/, markup: /embed\.tawk\.to/ },
  {
    name: "Freshworks",
    category: "Chat & support",
    urls: /wchat\.freshchat\.com|widget\.freshworks\.com/,
    markup: /wchat\.freshchat\.com|widget\.freshworks\.com/,
  },
  { name: "Olark", category: "Chat & support", markup: /static\.olark\.com/ },
  { name: "Tidio", category: "Chat & support", urls: /code\.tidio\.co/, markup: /code\.tidio\.co/ },
  { name: "Gorgias", category: "Chat & support", urls: /config\.gorgias\.chat/ },
  { name: "Qualified", category: "Chat & support", urls: /js\.qualified\.com/, markup: /js\.qualified\.com/ },
  {
    name: "Userlike",
    category: "Chat & support",
    urls: /userlike-cdn-widgets/,
    markup: /userlike-cdn-widgets/,
  },
  {
    name: "Zoho SalesIQ",
    category: "Chat & support",
    urls: /salesiq\.zoho(?:public)?\./,
    markup: /salesiq\.zoho(?:public)?\./,
  },
  // CDN, hosting and security
  {
    name: "Cloudflare",
    category: "CDN & hosting",
    headers: { server: /^cloudflare/i, "cf-ray": any },
    cookies: /^(?:__cf_bm|__cfruid|cf_clearance)$/,
  },
  {
    name: "Fastly",
    category: "CDN & hosting",
    headers: { "x-fastly-request-id": any, "fastly-restarts": any, "x-served-by": /^cache-[a-z0-9-]+/i },
  },
  {
    name: "Akamai",
    category: "CDN & hosting",
    headers: {
      server: /^Akamai/i,
      "x-akamai-transformed": any,
      "akamai-grn": any,
      "x-akamai-request-id": any,
    },
  },
  {
    name: "Amazon CloudFront",
    category: "CDN & hosting",
    headers: { via: /CloudFront/i, "x-amz-cf-id": any, "x-amz-cf-pop": any },
  },
  {
    name: "Amazon Web Services",
    category: "CDN & hosting",
    headers: { server: /^(?:awselb|AmazonS3)/i, "x-amz-request-id": any },
  },
  {
    name: "Google Cloud",
    category: "CDN & hosting",
    headers: { server: /^Google Frontend/i, via: /\bgoogle\b/i },
  },
  {
    name: "Microsoft Azure",
    category: "CDN & hosting",
    headers: { "x-azure-ref": any, "x-msedge-ref": any },
  },
  {
    name: "Vercel",
    category: "CDN & hosting",
    headers: { server: /^Vercel/i, "x-vercel-id": any, "x-vercel-cache": any },
  },
  { name: "Netlify", category: "CDN & hosting", headers: { server: /^Netlify/i, "x-nf-request-id": any } },
  {
    name: "GitHub Pages",
    category: "CDN & hosting",
    headers: { server: /^GitHub\.com/i, "x-github-request-id": any },
  },
  { name: "Heroku", category: "CDN & hosting", headers: { via: /\bvegur\b/i } },
  { name: "Fly.io", category: "CDN & hosting", headers: { server: /^Fly\//i, "fly-request-id": any } },
  {
    name: "WP Engine",
    category: "CDN & hosting",
    headers: { "x-powered-by": /WP Engine/i, "wpe-backend": any },
    implies: ["WordPress"],
  },
  { name: "Kinsta", category: "CDN & hosting", headers: { "x-kinsta-cache": any } },
  { name: "Pantheon", category: "CDN & hosting", headers: { "x-pantheon-styx-hostname": any } },
  { name: "Bunny CDN", category: "CDN & hosting", headers: { server: /^BunnyCDN/i } },
  { name: "Varnish", category: "CDN & hosting", headers: { "x-varnish": any, via: /varnish/i } },
  {
    name: "Imperva",
    category: "Security",
    headers: { "x-iinfo": any, "x-cdn": /Incapsula|Imperva/i },
    cookies: /^(?:visid_incap_|incap_ses_)/,
  },
  { name: "Sucuri", category: "Security", headers: { "x-sucuri-id": any, server: /^Sucuri/i } },
  {
    name: "reCAPTCHA",
    category: "Security",
    urls: /google\.com\/recaptcha|gstatic\.com\/recaptcha|recaptcha\.net\/recaptcha/,
    markup: /google\.com\/recaptcha\/api\.js/,
  },
  { name: "hCaptcha", category: "Security", urls: /(?:js\.)?hcaptcha\.com\/1\/api\.js/ },
  { name: "Cloudflare Turnstile", category: "Security", urls: /challenges\.cloudflare\.com\/turnstile/ },
  // Web servers and backends
  { name: "Nginx", category: "Web server", headers: { server: /^nginx/i } },
  { name: "Apache HTTP Server", category: "Web server", headers: { server: /^Apache(?!-Coyote)/i } },
  { name: "Microsoft IIS", category: "Web server", headers: { server: /^Microsoft-IIS/i } },
  { name: "LiteSpeed", category: "Web server", headers: { server: /^LiteSpeed/i } },
  { name: "OpenResty", category: "Web server", headers: { server: /^openresty/i } },
  { name: "Caddy", category: "Web server", headers: { server: /^Caddy/i } },
  { name: "PHP", category: "Backend", headers: { "x-powered-by": /^PHP/i }, cookies: /^PHPSESSID$/ },
  {
    name: "ASP.NET",
    category: "Backend",
    headers: { "x-powered-by": /ASP\.NET/i, "x-aspnet-version": any },
    cookies: /^(?:ASP\.NET_SessionId|\.AspNetCore\.)/,
  },
  { name: "Java", category: "Backend", cookies: /^JSESSIONID$/ },
  { name: "Express", category: "Backend", headers: { "x-powered-by": /^Express/i } },
  { name: "Ruby on Rails", category: "Backend", meta: { "csrf-param": /^authenticity_token$/ } },
  {
    name: "Django",
    category: "Backend",
    cookies: /^(?:csrftoken|django_language)$/,
    markup: /name=["']csrfmiddlewaretoken["']/,
  },
  { name: "Laravel", category: "Backend", cookies: /^laravel_session$/ },
  // JavaScript frameworks and libraries, CSS, fonts
  {
    name: "Next.js",
    category: "JavaScript framework",
    headers: { "x-powered-by": /Next\.js/i },
    urls: /\/_next\/static\//,
    markup: /id="__NEXT_DATA__"|\/_next\/static\//,
    implies: ["React"],
  },
  {
    name: "Nuxt",
    category: "JavaScript framework",
    urls: /\/_nuxt\//,
    markup: /window\.__NUXT__|\/_nuxt\//,
    implies: ["Vue.js"],
  },
  { name: "Remix", category: "JavaScript framework", markup: /window\.__remixContext/, implies: ["React"] },
  {
    name: "SvelteKit",
    category: "JavaScript framework",
    markup: /__sveltekit_[a-z0-9]+|data-sveltekit-/,
    implies: ["Svelte"],
  },
  { name: "Svelte", category: "JavaScript framework", markup: /class="[^"]*\bsvelte-[a-z0-9]{5,8}\b/ },
  {
    name: "React",
    category: "JavaScript framework",
    urls: /react(?:-dom)?(?:\.production)?(?:\.min)?\.js/,
    markup: /data-reactroot|__REACT_DEVTOOLS_GLOBAL_HOOK__/,
  },
  {
    name: "Vue.js",
    category: "JavaScript framework",
    urls: /\/vue(?:\.runtime)?(?:\.global)?(?:\.prod)?(?:\.min)?\.js|unpkg\.com\/vue@/,
    markup: /\sdata-v-[0-9a-f]{8}[\s=>]|\sdata-v-app[\s=>]/,
  },
  { name: "Angular", category: "JavaScript framework", markup: /\sng-version="\d/ },
  {
    name: "AngularJS",
    category: "JavaScript framework",
    urls: /angular(?:js)?(?:\.min)?\.js/,
    markup: /\sng-app(?:=|\s|>)/,
  },
  { name: "Alpine.js", category: "JavaScript library", urls: /alpinejs/ },
  {
    name: "jQuery",
    category: "JavaScript library",
    urls: /jquery(?:[.-]\d[\d.]*)?(?:\.slim)?(?:\.min)?\.js|code\.jquery\.com|\/jquery\//,
  },
  { name: "GSAP", category: "JavaScript library", urls: /\/gsap(?:\.min)?\.js|\/gsap@|gsap\/\d/ },
  { name: "Bootstrap", category: "CSS framework", urls: /bootstrap(?:\.bundle)?(?:\.min)?\.(?:js|css)/ },
  {
    name: "Tailwind CSS",
    category: "CSS framework",
    urls: /cdn\.tailwindcss\.com|tailwind(?:css)?(?:\.min)?\.css/,
    markup: /--tw-(?:ring|shadow|translate-x|border-spacing)/,
  },
  { name: "Font Awesome", category: "Fonts", urls: /font-?awesome|kit\.fontawesome\.com/ },
  { name: "Google Fonts", category: "Fonts", urls: /fonts\.googleapis\.com/ },
  { name: "Adobe Fonts", category: "Fonts", urls: /use\.typekit\.net/ },
  // Payments
  { name: "Stripe", category: "Payments", urls: /js\.stripe\.com/, markup: /js\.stripe\.com/ },
  {
    name: "PayPal",
    category: "Payments",
    urls: /paypal\.com\/sdk\/js|paypalobjects\.com/,
    markup: /paypal\.com\/sdk\/js/,
  },
  { name: "Adyen", category: "Payments", urls: /checkoutshopper-[a-z]+\.adyen\.com/ },
  { name: "Braintree", category: "Payments", urls: /js\.braintreegateway\.com/ },
  { name: "Klarna", category: "Payments", urls: /x\.klarnacdn\.net|js\.klarna\.com/ },
  { name: "Square", category: "Payments", urls: /js\.squareup\.com|web\.squarecdn\.com/ },
  { name: "Paddle", category: "Payments", urls: /cdn\.paddle\.com/ },
  { name: "Chargebee", category: "Payments", urls: /js\.chargebee\.com/ },
  { name: "Mollie", category: "Payments", urls: /js\.mollie\.com/ },
  // A/B testing and personalisation
  {
    name: "Optimizely",
    category: "A/B testing",
    urls: /cdn\.optimizely\.com/,
    markup: /cdn\.optimizely\.com/,
  },
  {
    name: "VWO",
    category: "A/B testing",
    urls: /visualwebsiteoptimizer\.com/,
    markup: /_vwo_code|visualwebsiteoptimizer\.com/,
  },
  { name: "AB Tasty", category: "A/B testing", urls: /try\.abtasty\.com/ },
  { name: "Kameleoon", category: "A/B testing", urls: /\.kameleoon\.(?:eu|io)/ },
  {
    name: "LaunchDarkly",
    category: "A/B testing",
    markup: /app\.launchdarkly\.com|clientsdk\.launchdarkly\.com/,
  },
  // Consent
  {
    name: "OneTrust",
    category: "Consent",
    urls: /cdn\.cookielaw\.org|optanon/i,
    markup: /cdn\.cookielaw\.org/,
  },
  { name: "Cookiebot", category: "Consent", urls: /consent\.cookiebot\.(?:com|eu)/ },
  { name: "Usercentrics", category: "Consent", urls: /usercentrics\.eu/ },
  { name: "Didomi", category: "Consent", urls: /sdk\.privacy-center\.org/, markup: /window\.didomiConfig/ },
  { name: "TrustArc", category: "Consent", urls: /consent\.trustarc\.com/ },
  { name: "Osano", category: "Consent", urls: /cmp\.osano\.com/ },
  { name: "Iubenda", category: "Consent", urls: /cdn\.iubenda\.com/ },
  { name: "Borlabs Cookie", category: "Consent", urls: /\/borlabs-cookie\//, markup: /\/borlabs-cookie\// },
  { name: "Complianz", category: "Consent", urls: /\/complianz-gdpr/ },
  { name: "CookieYes", category: "Consent", urls: /cdn-cookieyes\.com/ },
  // Scheduling, forms, reviews, search, video, maps
  {
    name: "Calendly",
    category: "Scheduling",
    urls: /assets\.calendly\.com/,
    markup: /assets\.calendly\.com|calendly\.com\/[a-z0-9_-]+\/[a-z0-9_-]+/,
  },
  { name: "Chili Piper", category: "Scheduling", urls: /js\.chilipiper\.com/ },
  {
    name: "Typeform",
    category: "Forms",
    urls: /embed\.typeform\.com/,
    markup: /embed\.typeform\.com|data-tf-widget=/,
  },
  { name: "Jotform", category: "Forms", urls: /(?:form|cdn)\.jotform\.com/ },
  { name: "Gravity Forms", category: "Forms", urls: /\/plugins\/gravityforms\// },
  { name: "Contact Form 7", category: "Forms", urls: /\/plugins\/contact-form-7\// },
  { name: "Trustpilot", category: "Reviews", urls: /widget\.trustpilot\.com/ },
  { name: "Yotpo", category: "Reviews", urls: /(?:staticw2|cdn-widgetsrepository)\.yotpo\.com/ },
  {
    name: "Algolia",
    category: "Search",
    urls: /algoliasearch|cdn\.jsdelivr\.net\/npm\/@?algolia/,
    markup: /\.algolianet\.com|\.algolia\.net/,
  },
  { name: "Wistia", category: "Video", urls: /fast\.wistia\.(?:com|net)/ },
  { name: "Vimeo", category: "Video", markup: /player\.vimeo\.com\/video\// },
  { name: "YouTube", category: "Video", markup: /youtube(?:-nocookie)?\.com\/embed\// },
  { name: "Vidyard", category: "Video", urls: /play\.vidyard\.com/ },
  {
    name: "Google Maps",
    category: "Maps",
    urls: /maps\.googleapis\.com\/maps\/api\/js/,
    markup: /google\.com\/maps\/embed/,
  },
  { name: "Mapbox", category: "Maps", urls: /api\.mapbox\.com/ },
  // Monitoring
  {
    name: "Sentry",
    category: "Session replay & monitoring",
    urls: /browser\.sentry-cdn\.com|js\.sentry-cdn\.com/,
    markup: /\.ingest\.(?:[a-z]+\.)?sentry\.io/,
  },
  {
    name: "Datadog RUM",
    category: "Session replay & monitoring",
    urls: /datadoghq-browser-agent\.com/,
    markup: /datadoghq-browser-agent\.com/,
  },
  {
    name: "New Relic",
    category: "Session replay & monitoring",
    urls: /js-agent\.newrelic\.com/,
    markup: /js-agent\.newrelic\.com|NREUM\.init/,
  },
  {
    name: "LogRocket",
    category: "Session replay & monitoring",
    urls: /cdn\.(?:lr-ingest|logrocket)\.(?:io|com)/,
  },
  // CRM and hiring
  { name: "Salesforce", category: "CRM", markup: /webto\.salesforce\.com/ },
  { name: "Pipedrive", category: "CRM", urls: /leadbooster-chat\.pipedrive\.com|webforms\.pipedrive\.com/ },
  { name: "Greenhouse", category: "Hiring", markup: /(?:boards|job-boards)\.greenhouse\.io/ },
  { name: "Lever", category: "Hiring", markup: /jobs\.lever\.co\// },
  { name: "Workday", category: "Hiring", markup: /\.myworkdayjobs\.com/ },
  { name: "Personio", category: "Hiring", markup: /\.jobs\.personio\.(?:de|com)/ },
  { name: "Recruitee", category: "Hiring", markup: /[a-z0-9-]+\.recruitee\.com/ },
  { name: "SmartRecruiters", category: "Hiring", markup: /(?:jobs|careers)\.smartrecruiters\.com/ },
  { name: "Ashby", category: "Hiring", markup: /jobs\.ashbyhq\.com/ },
  { name: "Workable", category: "Hiring", markup: /apply\.workable\.com/ },
  { name: "Teamtailor", category: "Hiring", markup: /\.teamtailor\.com/ },
  { name: "BambooHR", category: "Hiring", markup: /\.bamboohr\.com\/(?:jobs|careers)/ },
];
