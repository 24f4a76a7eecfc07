#!/usr/bin/env -S npx tsx
// npm run bench:drill: how long the lifecycle drill takes for a 90-minute scenario at 2 orders a
// second (primary-lost-returns-unfenced: an outage, an approved failover, the unfenced return, and
// 40 minutes of the consequences; the heaviest shipped scenario). Target: under 10 s. Prints wall and
// CPU time per run and the median; asserts nothing. The first run also pays for loading the modules.
import { lifecycleFigures } from '../tooling/drill/lifecycle/figures.ts';
import { loadScenarioFile, SCENARIOS_DIR } from '../tooling/drill/lifecycle/scenario.ts';
import { runLifecycle } from '../tooling/drill/lifecycle/simulate.ts';

const RUNS = 3;
const scenario = loadScenarioFile(`${SCENARIOS_DIR}/primary-lost-returns-unfenced.json`);
if (scenario.duration !== 5400 || scenario.orders.ratePerSecond !== 2) throw new Error('bench:drill expects a 90-minute scenario at 2 orders/s');
const figures = await lifecycleFigures(scenario.env ?? null);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

console.log(`scenario: ${scenario.name} (${scenario.duration} s simulated, ${scenario.orders.ratePerSecond} orders/s, figures from ${figures.source})`);
console.log('run   wall s   cpu s   orders   executions');
const walls: number[] = [];
for (let i = 1; i <= RUNS; i++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const r = await runLifecycle(scenario, figures);
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  walls.push(wall);
  console.log(`${String(i).padStart(3)}   ${wall.toFixed(2).padStart(6)}   ${((used.user + used.system) / 1e6).toFixed(2).padStart(5)}   ${String(r.orders.submitted).padStart(6)}   ${String(r.executions.length).padStart(10)}`);
}
const m = median(walls);
console.log(`median ${m.toFixed(2)} s; target under 10 s: ${m < 10 ? 'met' : 'MISSED'}`);
