// Handläggarsidan i Debians Chromium, driven av playwright-core (som inte laddar ner någon
// webbläsare): sex ärenden genom formuläret, utskriften, tillgänglighet med axe-core
// (WCAG 2.1 AA, inga allvarliga eller kritiska fel) och en skärmbild.
//
// Körs av .ci/run (steget browser): node sida.mjs <riktlinjer-binären> [skärmbild.png]
// README:s skärmbild tas om med: node tests/browser/sida.mjs target/debug/riktlinjer docs/sida.png
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const binary = process.argv[2];
const screenshot = process.argv[3];
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const PROVNINGSDAG = "2026-02-15";

let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log("ok   " + what);
  } else {
    failures += 1;
    console.log("FEL  " + what);
  }
}

// En tjänst på exempelkommunens riktlinje med ett token för en handläggare och en granskningslogg.
async function startServer(dir) {
  const out = execFileSync(binary, ["token", "--namn", "handlaggare.test", "--roll", "handlaggare"], { encoding: "utf8" });
  const lines = out.trim().split("\n");
  const token = lines[1].trim();
  writeFileSync(join(dir, "tokens"), lines[lines.length - 1] + "\n");
  const child = spawn(binary, [
    "serve", "--addr", "127.0.0.1:0", "--rules", "rules/exempelkommun",
    "--tokens", join(dir, "tokens"), "--audit", join(dir, "granskning.jsonl"),
  ], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
  const base = await new Promise((resolve, reject) => {
    const reader = createInterface({ input: child.stdout });
    reader.once("line", (line) => {
      const url = line.replace(/^lyssnar på /, "").trim();
      url.startsWith("http://") ? resolve(url) : reject(new Error("servern startade inte: " + line));
    });
    child.once("exit", (code) => reject(new Error("servern avslutades: " + code)));
  });
  return { child, base, token };
}

async function fill(page, scope, falt, value) {
  const field = page.locator(scope + ' [data-falt="' + falt + '"]');
  if (Array.isArray(value)) {
    for (const kod of value) await page.locator(scope + ' [data-falt="' + falt + '"][value="' + kod + '"]').check();
  } else if (await field.evaluate((node) => node.tagName === "SELECT")) {
    await field.selectOption(value === true ? "ja" : value === false ? "nej" : String(value));
  } else {
    await field.fill(String(value));
  }
}

// Fyller i formuläret (personens uppgifter och en ansökan) och väntar in underlaget.
async function pröva(page, base, person, ansokan) {
  await page.goto(base + "/");
  await page.locator('#ansokningar [data-falt="insats"] option[value="trygghetslarm"]').waitFor({ state: "attached" });
  await page.locator("#provningsdag").fill(PROVNINGSDAG);
  for (const [falt, value] of Object.entries(person)) await fill(page, "#person", falt, value);
  for (const [falt, value] of Object.entries(ansokan)) await fill(page, "#ansokningar", falt, value);
  await page.waitForTimeout(400);
  await page.waitForFunction(() => document.getElementById("status").textContent === "Underlaget är uppdaterat.", null, { timeout: 10000 });
  return {
    utfall: await page.locator(".provning .utfall").allTextContents(),
    roller: await page.locator(".provning .skal .roll").allTextContents(),
    text: await page.locator("#underlag").innerText(),
  };
}

// Svarstiden för en prövning med vad som ändrar utfallet, för varje exempelärende med
// ansökningar: median och 95:e percentil över upprepade anrop på loopback (en övre gräns för
// tiden i servern).
async function latency(base, token) {
  const dir = join(root, "examples");
  const names = ["ansokningar-sol-och-lss.json", "daglig-verksamhet-personkrets-3.json", "personlig-assistans-68-ar.json",
    "skyddade-personuppgifter.json", "trygghetslarm.json"];
  for (const name of names) {
    const body = readFileSync(join(dir, name), "utf8");
    const times = [];
    for (let i = 0; i < 120; i += 1) {
      const start = process.hrtime.bigint();
      const answer = await fetch(base + "/v1/evaluate?as_of=" + PROVNINGSDAG + "&vad_andrar=ja", {
        method: "POST", headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" }, body,
      });
      await answer.arrayBuffer();
      if (i >= 20) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (answer.status !== 200) throw new Error(name + ": status " + answer.status);
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
    console.log("svarstid " + name + ": median " + at(0.5) + " ms, 95:e percentilen " + at(0.95) + " ms");
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "riktlinjer-sida-"));
  const { child, base, token } = await startServer(dir);
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    // axe-core is injected into the page, which the page's own policy would refuse.
    const context = await browser.newContext({ bypassCSP: true, locale: "sv-SE", viewport: { width: 1280, height: 1100 } });
    const page = await context.newPage();
    const outside = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(base)) outside.push(request.url());
    });
    await page.goto(base + "/");
    await page.locator("#nyckel").fill(token);
    await page.locator("#nyckel-formular button[type=submit]").click();

    // An adult: without a födelsedatum the law's rules on children cannot be ruled out.
    const larm = { fodelsedatum: "1944-03-02", folkbokford_i_kommunen: true, bor_ensam: true, behov_tillgodoses_pa_annat_satt: false, behov: ["trygghet"] };
    const larmAnsokan = { insats: "trygghetslarm", ansokningsdatum: "2026-01-20", utan_behovsprovning: false };

    let r = await pröva(page, base, { ...larm, kan_anvanda_larm: true }, larmAnsokan);
    check(r.utfall[0] === "Uppfyller riktlinjen", "ett ärende som uppfyller riktlinjen: " + r.utfall);
    check(r.roller.includes("Avgörande"), "det avgörande skälet visas");
    check(await page.locator('.provning a[href^="/riktlinje/exempelkommun-2025-11-01#avsnitt-"]').count() > 0, "skälet länkar till riktlinjens avsnitt");
    check(/Lagrum: /.test(r.text), "skälet anger lagrum");
    const href = await page.locator('.provning a[href^="/riktlinje/"]').first().getAttribute("href");
    const published = await context.newPage();
    await published.goto(base + href);
    check(await published.locator("#" + href.split("#")[1]).count() === 1, "länken leder till avsnittets ankare i den publicerade riktlinjen: " + href);
    await published.close();
    check(/Frister/.test(r.text), "fristerna visas");

    r = await pröva(page, base, { ...larm, kan_anvanda_larm: true, behov: ["hemliv", "personlig_vard", "trygghet"] },
      { insats: "hemtjanst_service", ansokningsdatum: "2026-01-20", sokt_omfattning: "8", stadning_var_n_vecka: 2, inkop_per_vecka: 1, tvatt_per_manad: 2, utan_behovsprovning: false });
    check(/^Uppfyller inte riktlinjen/.test(r.utfall[0]), "ett ärende som inte uppfyller riktlinjen: " + r.utfall);
    check(r.roller.filter((roll) => roll === "Ej uppfylld norm").length === 2, "två ej uppfyllda normer: " + r.roller);
    check(/Beräknad omfattning/.test(r.text) && await page.locator(".provning table").count() > 0, "den beräknade omfattningen med sin beräkning");
    check(/Vad skulle ändra utfallet/.test(r.text) && await page.locator(".vad-andrar li").count() > 0, "vad som skulle ändra utfallet (kontrafaktiskt)");
    await page.evaluate(() => window.scrollTo(0, 0));
    if (screenshot) await page.screenshot({ path: screenshot });
    await page.emulateMedia({ media: "print" });
    check(await page.locator("h1 .utskrift").isVisible() && await page.locator("h1 .utskrift").innerText() === "Beslutsunderlag", "utskriften heter Beslutsunderlag");
    check(!(await page.locator("#arende").isVisible()) && !(await page.locator("#inloggning").isVisible()), "utskriften visar inte formuläret eller nyckeln");
    await page.emulateMedia({ media: "screen" });

    r = await pröva(page, base, larm, larmAnsokan);
    check(r.utfall[0] === "Kräver individuell bedömning" && /Uppgiften: Personen kan förstå och använda ett trygghetslarm/.test(r.text), "ett ärende med saknade uppgifter: " + r.utfall);

    r = await pröva(page, base, { personkrets: 3, normalt_aldrande: false, forvarvsarbetar: false, studerar: false, folkbokford_i_kommunen: true },
      { insats: "daglig_verksamhet", ansokningsdatum: "2026-01-20" });
    check(r.utfall[0] === "Lagen hindrar", "lagen hindrar insatsen: " + r.utfall);

    r = await pröva(page, base, { ...larm, kan_anvanda_larm: true, skyddade_personuppgifter: "skyddad_folkbokforing" }, larmAnsokan);
    check(await page.locator("#skydd").isVisible(), "en person med skyddade personuppgifter: skyddet sägs");
    const identity = await page.locator('[data-falt="namn"], [data-falt="personnummer"], [data-falt="adress"], [data-falt="arende_id"]').count();
    check(identity === 0 && !/\d{6,8}-\d{4}/.test(await page.locator("body").innerText()), "inga fält för identitetsuppgifter och inga på sidan");

    // Inget om ärendet finns kvar i webbläsaren: bara nyckeln, i fliken.
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage) }));
    check(stored.local === 0 && stored.session.length === 1 && stored.session[0] === "riktlinjer-nyckel", "webbläsaren sparar bara nyckeln, i fliken: " + JSON.stringify(stored));
    const audit = readFileSync(join(dir, "granskning.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line)).filter((line) => "utfall" in line);
    check(audit.length > 0 && audit.every((line) => line.handlaggare === "handlaggare.test"), "granskningsloggen namnger handläggaren (" + audit.length + " rader)");
    check(outside.length === 0, "sidan hämtar inget utifrån: " + outside.join(", "));

    // Tillgänglighet: WCAG 2.1 AA, på ett ifyllt underlag.
    await pröva(page, base, { ...larm, kan_anvanda_larm: true, behov: ["hemliv", "trygghet"] },
      { insats: "hemtjanst_service", ansokningsdatum: "2026-01-20", sokt_omfattning: "8", stadning_var_n_vecka: 2, inkop_per_vecka: 1, tvatt_per_manad: 2 });
    await page.addScriptTag({ path: join(here, "node_modules", "axe-core", "axe.min.js") });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const severe = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of result.violations) console.log("axe: " + v.impact + " " + v.id + ": " + v.help + " (" + v.nodes.length + ")");
    check(severe.length === 0, "axe-core, WCAG 2.1 AA: inga allvarliga eller kritiska fel (" + result.violations.length + " fel totalt)");
    await context.close();
    await latency(base, token);
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures) {
    console.log(failures + " kontroller misslyckades");
    process.exit(1);
  }
  console.log("alla kontroller gick igenom");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
