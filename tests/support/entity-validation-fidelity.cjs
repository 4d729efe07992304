/**
 * Loads the compiled app on a test database (no server, no crons, no outbox worker) and validates the same
 * entries both ways: our creation validation with the schema built once (src/database/entity-validation.ts)
 * and Strapi's own `validateEntityCreation`. Prints every entry whose outcome differs (the value, or the
 * error's name, message and details).
 */
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { runFidelity } = require('./fidelity-run.cjs');

const long = (n) => 'x'.repeat(n);

/** Entries of a ticket as our writers give them, and each way one can be wrong. */
const TICKET_ENTRIES = [
  { title: 'Stampante guasta', description: 'Non stampa', kind: 'incident', priority: 'P2', channel: 'email', state: 'new', reportedAt: new Date('2026-12-01T08:00:00Z'), registeredAt: new Date(), requesterName: 'Mario Rossi', requesterEmail: 'mario.rossi@azero.veneto.it', requesterPhone: '+39 049 000000', timelineLength: 0 },
  { title: 'Solo il titolo' },
  {},
  { description: 'senza titolo' },
  { title: long(201) },
  { title: 'ok', number: long(41) },
  { title: 'ok', priority: 'P9', kind: 'guasto', channel: 'fax' },
  { title: 'ok', requesterEmail: 'non-una-email' },
  { title: 'ok', requesterEmail: '' },
  { title: 'ok', kind: null, priority: null },
  { title: null },
  { title: 42 },
  { title: 'ok', timelineLength: '3' },
  { title: 'ok', timelineLength: 1.5 },
  { title: 'ok', timelineLength: 'tre' },
  { title: 'ok', reportedAt: 'ieri' },
  { title: 'ok', reportedAt: '2026-12-01T08:00:00.000Z' },
  { title: 'ok', campoIgnoto: 'resta?' },
  { title: long(300), priority: 'P0', requesterEmail: 'x', timelineLength: -1.5 },
  { title: 'con categoria', category: 1 },
  { title: 'con allegati', attachments: [] },
  { title: 'relazione nulla', category: null, attachments: null },
  'non un oggetto',
  ['un', 'array'],
];

/** For every other content type: nothing, every writable field too long or wrongly typed, every field null. */
function genericEntries(model) {
  const names = Object.keys(model.attributes);
  return [
    {},
    Object.fromEntries(names.map((name) => [name, long(300)])),
    Object.fromEntries(names.map((name) => [name, { nested: true }])),
    Object.fromEntries(names.map((name) => [name, null])),
  ];
}

/** A default computed at validation (publishedAt's is "now") differs by the milliseconds between the two calls. */
const withoutComputedDates = (value, entry) =>
  value && typeof value === 'object' && entry && typeof entry === 'object'
    ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, v instanceof Date && !(key in entry) ? 'a date computed at validation' : v]))
    : value;

async function outcome(run, entry) {
  try {
    return { value: withoutComputedDates(await run(), entry) };
  } catch (error) {
    return { error: { name: error.name, message: error.message, details: error.details } };
  }
}

runFidelity(async (app, appDir) => {
  const { validateCreation, cachedCreationSchema } = require(path.join(appDir, 'dist', 'src', 'database', 'entity-validation.js'));
  const differences = [];
  let compared = 0;
  const uids = Object.keys(app.contentTypes).filter((uid) => uid.startsWith('api::') || uid.startsWith('plugin::'));
  const cached = [];
  for (const uid of uids) {
    const model = app.contentType(uid);
    if (cachedCreationSchema(model, false)) cached.push(uid);
    const entries = uid === 'api::ticket.ticket' ? TICKET_ENTRIES : genericEntries(model);
    for (const isDraft of [false, true]) {
      for (const entry of entries) {
        const ours = await outcome(() => validateCreation(app, uid, entry, { isDraft }), entry);
        const theirs = await outcome(() => app.entityValidator.validateEntityCreation(model, entry, { isDraft }), entry);
        compared += 1;
        if (!isDeepStrictEqual(ours, theirs)) differences.push({ uid, isDraft, entry, ours, theirs });
      }
    }
  }
  return { contentTypes: uids.length, cached, compared, differences };
});
