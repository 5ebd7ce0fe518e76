// Prov av WebAssembly-modulen under Node (.ci/run, steget wasm):
//
//     node prov.mjs RIKTLINJER_FFI.wasm RIKTLINJE.md TABELL.bin DATUM [ÄRENDE.json FÖRVÄNTAT.json]...
//     node prov.mjs --panik RIKTLINJER_FFI.wasm
//
// Riktlinjen kompileras i modulen, och tabellen jämförs med den `riktlinjer compile` skrev; varje
// ärende prövas och svaret jämförs byte för byte med det `riktlinjer eval --format json` skrev.
// Sedan fel som blir RiktlinjerError med statuskod och svenskt meddelande. Med --panik prövas en
// modul byggd med funktionen panic-probe: en panik i modulen är en fälla, som omslaget gör till
// RiktlinjerError med status 99, och modulen vägrar sedan tills den läses in på nytt.

import { readFileSync } from "node:fs";
import { load, RiktlinjerError } from "./riktlinjer.mjs";

let passed = 0;
let failed = 0;

function check(ok, what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.error("FEL:", what);
  }
}

function failure(body) {
  try {
    body();
    return null;
  } catch (error) {
    if (error instanceof RiktlinjerError) {
      return error;
    }
    throw error;
  }
}

if (process.argv[2] === "--panik") {
  const riktlinjer = await load(readFileSync(process.argv[3]));
  // The probe is no part of the wrapper's interface: it stands in for an export that panics.
  riktlinjer.exports = { ...riktlinjer.exports, riktlinjer_version: riktlinjer.exports.riktlinjer_panic_probe };
  const trap = failure(() => riktlinjer.version());
  check(trap?.status === 99 && trap.message.startsWith("internt fel"), trap?.message);
  const after = failure(() => riktlinjer.compile(""));
  check(after?.status === 99 && after.message.includes("läs in den på nytt"), after?.message);
  const again = await load(readFileSync(process.argv[3]));
  check(failure(() => again.compile(""))?.status === 5, "en ny inläsning fungerar");
  console.log(`wasm-panik: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const [wasmPath, sourcePath, tablePath, asOf, ...pairs] = process.argv.slice(2);
const riktlinjer = await load(readFileSync(wasmPath));
const table = riktlinjer.compile(readFileSync(sourcePath, "utf8"));
check(Buffer.from(table).equals(readFileSync(tablePath)), "tabellen är densamma som riktlinjer compile skriver");
const tables = riktlinjer.loadTable(table);

for (let index = 0; index < pairs.length; index += 2) {
  const caseJson = readFileSync(pairs[index], "utf8");
  const expected = readFileSync(pairs[index + 1], "utf8");
  let answer = null;
  const error = failure(() => {
    answer = tables.evaluate(caseJson, asOf);
  });
  check(error === null, `${pairs[index]}: ${error?.message}`);
  check(answer === expected, `${pairs[index]}: svaret är detsamma som riktlinjer eval --format json`);
}

const secret = { schema_version: 1, person: { fodelsedatum: "19410512-1248" } };
const invalid = failure(() => tables.evaluate(secret, asOf));
check(invalid?.status === 6, "ett felaktigt ärende ger status 6");
check(invalid?.message.includes("/person/fodelsedatum") && !invalid.message.includes("1248"), invalid?.message);
const date = failure(() => tables.evaluate("{}", "2026-02-30"));
check(date?.status === 7 && date.message.startsWith("as_of: "), date?.message);
const broken = failure(() => riktlinjer.compile("---\nkommun: Ingen\n---\n```regel\nid: X\n```\n"));
check(broken?.status === 5 && broken.message.includes("ingen regeltabell skrevs"), broken?.message);
const truncated = failure(() => riktlinjer.loadTable(table.subarray(0, table.length - 1)));
check(truncated?.status === 3, truncated?.message);
tables.free();
check(failure(() => tables.evaluate("{}", asOf))?.status === 1, "en frigjord riktlinje");

console.log(`riktlinjer_ffi ${riktlinjer.version()} som WebAssembly, ${readFileSync(wasmPath).length} byte`);
console.log(`wasm: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
