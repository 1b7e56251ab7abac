import {openNodeEngine} from '/work/wt/cdc/playground/node';
import {generateChangeStream, applyChanges} from '/work/wt/cdc/playground/cdc';
import {mergeScd2} from '/work/wt/cdc/playground/scd';
const e = await openNodeEngine();
let t = performance.now();
const s = await generateChangeStream(e, {events: Number(process.argv[2] ?? 2000)});
console.log('gen', performance.now() - t, JSON.stringify({...s, samples: s.samples.length}));
console.log(s.samples.slice(0,2).map(x=>x.value).join('\n'));
for (const ordering of ['lsn','ts_ms','kafka_offset'] as const) for (const deletes of ['soft','hard'] as const) for (const target of ['scd1','scd2'] as const) {
  t = performance.now();
  const r = await applyChanges(e, {ordering, deletes, target, batches: 20}, {mergeScd2});
  const bad = r.filter(b => !b.convergence.converged);
  const last = r.at(-1)!;
  console.log(ordering, deletes, target, (performance.now()-t).toFixed(0)+'ms', 'divergent batches', bad.length, 'final', JSON.stringify(last.convergence.counts), last.convergence.sourceRows, last.convergence.targetRows, 'firstbad', bad[0]?.batch, JSON.stringify(bad[0]?.convergence.counts));
}
await e.close();
