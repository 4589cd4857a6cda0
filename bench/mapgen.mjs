// A SaaS-like journey map of N cards, as the document the app stores in local storage.
// Deterministic (seeded), so every run and both renderings see the same board.

export const STAGES = ['Awareness', 'Consideration', 'Trial', 'Onboarding', 'Activation',
  'Adoption', 'Renewal', 'Advocacy'];
// Display order; `emotions` draws the curve and holds no cards.
export const LANES = ['goals', 'actions', 'touchpoints', 'emotions', 'pain_points',
  'opportunities', 'notes'];
export const LANE_NAMES = { goals: 'Goals', actions: 'Actions', touchpoints: 'Touchpoints',
  emotions: 'Emotions', pain_points: 'Pain points', opportunities: 'Opportunities', notes: 'Notes' };

const WORDS = {
  goals: ['Find a tool', 'Save time', 'Convince the team', 'Ship faster', 'Cut costs', 'See value'],
  actions: ['Reads blog post', 'Compares plans', 'Signs up', 'Invites teammate', 'Imports data', 'Sets up SSO'],
  touchpoints: ['LinkedIn ad', 'Pricing page', 'Webinar', 'Welcome email', 'In-app tour', 'Support chat'],
  pain_points: ['Pricing unclear', 'Slow import', 'Too many emails', 'Confusing setup', 'No SSO on trial', 'Invoice errors'],
  opportunities: ['Plan calculator', 'Guided import', 'Digest email', 'Setup checklist', 'Trial SSO', 'Self-serve billing'],
  notes: ['Ask sales', 'Check analytics', 'Interview 5 users', 'See NPS', 'Legal review', 'Q3 roadmap'],
};
const COLOURS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'];
// Issue 10's card details, for `decorated` maps: every card shows all it can.
const CATEGORIES = ['marketing', 'sales', 'customer_success', 'product', 'support'];
const CHANNELS = ['website', 'blog', 'social_media', 'advertising', 'events', 'email', 'phone',
  'live_chat', 'physical_store', 'sales_call', 'pricing_page', 'onboarding_email', 'tutorial',
  'knowledge_base', 'support_ticket', 'survey', 'in_app'];
const CONFIDENCES = ['assumed', 'some_evidence', 'validated'];

/** A card's details: category, channel, a source, a confidence, and a rating where it applies. */
function details(i, kind) {
  const rated = kind === 'pain_points' || kind === 'opportunities';
  return {
    category: CATEGORIES[i % CATEGORIES.length],
    channel: CHANNELS[i % CHANNELS.length],
    evidence: [{ kind: 'interview', note: `Interview ${i % 9 + 1}`, link: `https://example.org/notes/${i}` }],
    confidence: CONFIDENCES[i % CONFIDENCES.length],
    ...(rated ? { impact: (i % 5) + 1, effort: ((i + 2) % 5) + 1 } : {}),
  };
}

export function cardLanes() {
  return LANES.filter((k) => k !== 'emotions');
}

/** The stored document for a map of `n` cards, spread round-robin over card lanes × stages;
 *  `decorated` gives every card the details issue 10 shows on it. */
export function makeMap(n, { decorated = false } = {}) {
  const id = `bench-${n}`;
  const stages = STAGES.map((name, i) => ({ id: `s${i + 1}`, name }));
  const lanes = LANES.map((kind, i) => ({ id: `l${i + 1}`, kind }));
  const holding = lanes.filter((l) => l.kind !== 'emotions');
  const cells = [];
  for (const lane of holding) for (const stage of stages) cells.push({ lane, stage });
  const cards = [];
  for (let i = 0; i < n; i++) {
    const { lane, stage } = cells[i % cells.length];
    const words = WORDS[lane.kind];
    const k = Math.floor(i / cells.length);
    cards.push({
      id: `c${i + 1}`, lane: lane.id, stage: stage.id,
      text: `${words[(i + k) % words.length]} ${k + 1}`,
      colour: COLOURS[(i * 7 + k) % COLOURS.length],
      ...(i % 5 === 0 ? { tags: ['saas'] } : {}),
      ...(decorated ? details(i, lane.kind) : {}),
    });
  }
  const scores = [1, 2, -1, -2, 1, 2, 0, 3];
  const personas = [{
    id: 'p1', name: 'Ioana, ops lead', quote: 'I want it to just work.',
    emotions: stages.map((s, i) => ({ stage: s.id, score: scores[i], ...(i === 3 ? { note: 'Setup drags on' } : {}) })),
  }];
  const map = {
    id, title: `Benchmark SaaS journey (${n} cards)`, locale: 'en',
    created: '2026-01-01T09:00:00Z', updated: '2026-01-02T10:30:00Z',
    stages, lanes, cards, personas,
  };
  return { id, doc: { format: 'traseu.map', version: 2, map } };
}

/** The local-storage entries that make the app (and the baseline) open this map. */
export function storageEntries(n, options) {
  const { id, doc } = makeMap(n, options);
  return {
    [`traseu.map.${id}`]: JSON.stringify(doc),
    'traseu.maps': JSON.stringify([{ id, title: doc.map.title, updated: doc.map.updated }]),
    'traseu.ui': JSON.stringify({ current: id }),
  };
}
