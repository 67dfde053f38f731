/**
 * A realistic backlog for tests, benches and screenshots: titles of 20 to 90 characters built
 * from product words, reproducible (fixed seed), with a Jira-like key and a description.
 */
const SUBJECTS = [
  'Checkout',
  'Login',
  'Search',
  'Invoice PDF',
  'Wishlist',
  'Newsletter',
  'Order history',
  'Gift cards',
  'Admin roles',
  'Product reviews',
  'Push notifications',
  'GDPR export',
  'Payment',
  'Shipping',
  'Returns',
  'Loyalty points',
  'Store locator',
  'Price alerts',
  'Product comparison',
  'Customer support chat',
  'Address book',
  'Two-factor authentication',
  'Dark mode',
  'Accessibility',
  'Recommendations',
  'Inventory sync',
  'Coupons',
];
const VERBS = [
  'Show',
  'Add',
  'Support',
  'Allow',
  'Export',
  'Import',
  'Validate',
  'Redesign',
  'Speed up',
  'Track',
  'Cache',
  'Translate',
  'Audit',
  'Migrate',
  'Simplify',
];
const TAILS = [
  'for guest users',
  'on mobile devices',
  'with PayPal and credit cards',
  'in the customer account',
  'for B2B customers with several cost centres',
  'in German and English',
  'without a page reload',
  'for orders older than two years',
  'behind a feature flag',
  'with an audit trail for the compliance team',
  'in the admin backend',
  'per country and currency',
  'including error messages that explain what to do next',
  'on slow connections',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BacklogItem {
  key: string;
  title: string;
  description: string;
}

export function realisticBacklog(count: number, seed = 7): BacklogItem[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const seen = new Set<string>();
  const items: BacklogItem[] = [];
  while (items.length < count) {
    let title = `${pick(VERBS)} ${pick(SUBJECTS).toLowerCase()}`;
    // a realistic spread: some short, most 30-70 characters, a few long ones
    while (title.length < 20 || (r() < 0.55 && title.length < 60)) title += ` ${pick(TAILS)}`;
    if (title.length > 90) title = title.slice(0, title.lastIndexOf(' ', 90));
    title = title[0]!.toUpperCase() + title.slice(1);
    if (seen.has(title)) title = `${title} (${items.length + 1})`;
    seen.add(title);
    const n = items.length + 1;
    items.push({
      key: `SHOP-${100 + n}`,
      title,
      description: `As a customer I want to ${title.toLowerCase()}, so that buying is quicker.\nAcceptance: works on phones and desktops; errors say what to do next.`,
    });
  }
  return items;
}

/** Bucket ids for a realistic, uneven spread over the default scale: most cards in the small sizes, the fullest bucket holds a quarter. */
export function realisticSpread(count: number, seed = 11): string[] {
  const weights: [string, number][] = [
    ['v1', 6],
    ['v2', 12],
    ['v3', 25],
    ['v5', 22],
    ['v8', 14],
    ['v13', 10],
    ['v20', 6],
    ['v40', 3],
    ['v100', 1],
    ['unsure', 1],
  ];
  const r = mulberry32(seed);
  const sum = weights.reduce((a, [, w]) => a + w, 0);
  return Array.from({ length: count }, () => {
    let x = r() * sum;
    for (const [id, w] of weights) {
      if ((x -= w) < 0) return id;
    }
    return 'v3';
  });
}
