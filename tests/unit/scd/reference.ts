/**
 * A plain replay of a change log into type 2 history, written procedurally in TypeScript, to
 * check the MERGE against. It stores what the dimension stores (versions with their start and
 * end; a delete in `invalidate` mode leaves only the end of the version it closed) and applies
 * each batch the same way a reader would by hand: changes of a key in time order, a change equal
 * to the state in effect before it writes nothing, existing versions are never removed, and a
 * version ends where the next kept event begins.
 */

export interface Change {
  changeId: number;
  key: string;
  op: 'insert' | 'update' | 'delete';
  /** Epoch milliseconds. */
  at: number;
  values: string[];
}

export interface Version {
  key: string;
  validFrom: number;
  validTo: number | null;
  values: string[] | null;
  deleted: boolean;
}

interface TimelineEvent {
  at: number;
  /** null: deleted. */
  values: string[] | null;
  existing: boolean;
  fromBatch: boolean;
}

const deletedState = 'DELETED';
const stateOf = (values: string[] | null) => (values === null ? deletedState : JSON.stringify(values));

/** Applies one batch to `history` (all keys) and returns the new history. */
export function applyBatch(history: readonly Version[], batch: readonly Change[], deletes: 'invalidate' | 'new_record'): Version[] {
  const latestPerInstant = new Map<string, Change>();
  for (const change of batch) {
    const id = `${change.key}\u0000${change.at}`;
    const seen = latestPerInstant.get(id);
    if (!seen || change.changeId > seen.changeId) {
      latestPerInstant.set(id, change);
    }
  }
  const touched = new Set([...latestPerInstant.values()].map((change) => change.key));
  const untouched = history.filter((version) => !touched.has(version.key));
  const rebuilt: Version[] = [];
  for (const key of touched) {
    const versions = history.filter((version) => version.key === key);
    const events = new Map<number, TimelineEvent>();
    for (const version of versions) {
      if (version.validTo !== null && !versions.some((other) => other.validFrom === version.validTo)) {
        events.set(version.validTo, {at: version.validTo, values: null, existing: false, fromBatch: false});
      }
    }
    for (const version of versions) {
      events.set(version.validFrom, {at: version.validFrom, values: version.deleted ? null : version.values, existing: true, fromBatch: false});
    }
    for (const change of latestPerInstant.values()) {
      if (change.key === key) {
        const existing = events.get(change.at)?.existing ?? false;
        events.set(change.at, {at: change.at, values: change.op === 'delete' ? null : change.values, existing, fromBatch: true});
      }
    }
    const ordered = [...events.values()].sort((a, b) => a.at - b.at);
    let previous = deletedState;
    const kept: TimelineEvent[] = [];
    for (const event of ordered) {
      const state = stateOf(event.values);
      if (event.existing || state !== previous) {
        kept.push(event);
      }
      previous = state;
    }
    kept.forEach((event, index) => {
      const next = kept[index + 1];
      if (event.values === null && deletes === 'invalidate') {
        return;
      }
      rebuilt.push({key, validFrom: event.at, validTo: next ? next.at : null, values: event.values, deleted: event.values === null});
    });
  }
  return [...untouched, ...rebuilt].sort((a, b) => (a.key === b.key ? a.validFrom - b.validFrom : a.key < b.key ? -1 : 1));
}

/** A small seeded generator (mulberry32), so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random batches of changes for a few keys: values drawn from tiny domains (so many changes alter
 * nothing), instants from a small grid (so changes collide and arrive late), exact duplicates,
 * deletes and re-inserts.
 */
export function randomBatches(seed: number, batches: number, changesPerBatch: number): Change[][] {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const keys = ['M001', 'M002', 'M003', 'M004'];
  let changeId = 0;
  const result: Change[][] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const changes: Change[] = [];
    for (let index = 0; index < changesPerBatch; index += 1) {
      const roll = random();
      if (roll < 0.1 && changes.length > 0) {
        changes.push({...pick(changes)});
        continue;
      }
      changeId += 1;
      changes.push({
        changeId,
        key: pick(keys),
        op: roll < 0.25 ? 'delete' : 'update',
        at: Date.UTC(2026, 0, 1) + Math.floor(random() * 40) * 3_600_000,
        values: [pick(['2.1.0', '2.2.0']), pick(['L1', 'L2']), pick(['0.125', '0.250']), pick(['auto', 'manual'])],
      });
    }
    result.push(changes);
  }
  return result;
}

/**
 * Batches a stream delivers in order: every change of a batch is newer than everything before it,
 * and a key changes at most once per batch. Values still repeat (no-op changes), and keys are
 * deleted and come back, so every branch of an in-order load is exercised.
 */
export function inOrderBatches(seed: number, batches: number, changesPerBatch: number): Change[][] {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const keys = ['M001', 'M002', 'M003', 'M004', 'M005', 'M006'];
  let changeId = 0;
  const result: Change[][] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const chosen = keys.filter(() => random() < changesPerBatch / keys.length);
    const changes: Change[] = chosen.map((key) => {
      changeId += 1;
      return {
        changeId,
        key,
        op: random() < 0.15 ? 'delete' : 'update',
        at: Date.UTC(2026, 0, 1) + (batch * 100 + 1 + Math.floor(random() * 90)) * 3_600_000,
        values: [pick(['2.1.0', '2.2.0']), pick(['L1', 'L2']), '0.125', 'auto'],
      };
    });
    const repeated = changes.length > 0 && random() < 0.3 ? [{...changes[0]!}] : [];
    result.push([...changes, ...repeated]);
  }
  return result;
}
