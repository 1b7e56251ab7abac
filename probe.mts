import {openNodeEngine} from '/work/wt/cdc/playground/node';
import {loadDataset} from '/work/wt/cdc/playground/datasets';
import {stageQualityBatch, runQualityRules, defaultQualityRules} from '/work/wt/cdc/playground/quality';
const e = await openNodeEngine();
await loadDataset(e, {name: 'test_results', rows: 10000, seed: 42});
await loadDataset(e, {name: 'machines', rows: 400, seed: 42});
console.log(JSON.stringify((await e.query(`SELECT min(test_ts)::VARCHAR a, max(test_ts)::VARCHAR b, count(DISTINCT machine_id) m, min(measured_value) mn, max(measured_value) mx FROM test_results`)).toArray()[0].toJSON(), (_k, v) => typeof v === 'bigint' ? Number(v) : v));
console.log(JSON.stringify((await e.query(`SELECT machine_type, count(*) n FROM machines GROUP BY 1`)).toArray().map(r=>r.toJSON()), (_k, v) => typeof v === 'bigint' ? Number(v) : v));
const s = await stageQualityBatch(e);
console.log(JSON.stringify(s));
const r = await runQualityRules(e, {table: 'quality_batch'}, defaultQualityRules);
console.log(r.rowsIn, r.rowsValid, r.rowsQuarantined, r.accounted, r.elapsedMs);
for (const o of r.rules) console.log(o.name, o.passed, o.failing, o.checked, o.measure, o.nullRows, JSON.stringify(o.sample.slice(0,2)));

{
const e2 = e;
const log: string[] = [];
const timedEngine = {query: async (sql: string, p?: any) => { const t = performance.now(); const r = await e2.query(sql, p); log.push(((performance.now()-t).toFixed(0)) + ' ' + sql.slice(0, 80).replace(/\n/g,' ')); return r; }, insertArrow: e2.insertArrow, cancel: e2.cancel, close: e2.close};
await runQualityRules(timedEngine as any, {table: 'quality_batch'}, defaultQualityRules);
console.log(log.join('\n'));
await e.close();
}
