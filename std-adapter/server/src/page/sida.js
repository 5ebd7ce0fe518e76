// Handläggarsidan: formuläret byggs av riktlinjeversionens faktakatalog
// (GET /v1/riktlinjer/{id}), och underlaget hämtas från POST /v1/evaluate medan
// uppgifterna fylls i. Nyckeln hålls i sessionStorage (bara den här fliken);
// ärendets uppgifter finns bara i formuläret och sparas aldrig.
"use strict";

const NYCKEL = "riktlinjer-nyckel";
const ROLLER = {
  avgorande: "Avgörande",
  ej_uppfylld_norm: "Ej uppfylld norm",
  saknad_uppgift: "Saknad uppgift",
  upplysning: "Upplysning",
};
const URSPRUNG = { lag: "lagen", riktlinje: "riktlinjen" };

let versioner = [];
let katalog = null;
let katalogId = "";
let raknare = 0;
let vantar = null;
let senaste = 0;

const $ = (id) => document.getElementById(id);

function el(namn, attribut, ...barn) {
  const nod = document.createElement(namn);
  for (const [nyckel, varde] of Object.entries(attribut || {})) {
    if (varde === null || varde === undefined || varde === false) continue;
    if (nyckel === "class") nod.className = varde;
    else nod.setAttribute(nyckel, varde === true ? "" : varde);
  }
  for (const b of barn) {
    if (b === null || b === undefined) continue;
    nod.append(typeof b === "string" ? document.createTextNode(b) : b);
  }
  return nod;
}

function nyckel() {
  return sessionStorage.getItem(NYCKEL) || "";
}

async function hamta(sokvag, begaran) {
  const huvud = { Accept: "application/json" };
  if (nyckel()) huvud.Authorization = "Bearer " + nyckel();
  const svar = await fetch(sokvag, {
    ...begaran,
    headers: { ...huvud, ...((begaran && begaran.headers) || {}) },
    cache: "no-store",
    credentials: "omit",
  });
  let kropp = null;
  try {
    kropp = await svar.json();
  } catch (_) {
    kropp = null;
  }
  return { status: svar.status, kropp };
}

function problemtext(svar) {
  if (svar.status === 401) return "Nyckeln saknas eller är fel. Klistra in din nyckel ovan.";
  const p = svar.kropp || {};
  let text = p.detail || p.title || "Tjänsten svarade med status " + svar.status + ".";
  const falt = p.pointer || p.parameter || p.falt;
  if (falt) text += " (fältet " + falt + ")";
  return text;
}

function status(text) {
  $("status").textContent = text;
}

function idag() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

// Versionen som gäller prövningsdagen: den senaste antagna med giltig från på eller före dagen.
function valdVersion() {
  const namngiven = $("version").value;
  if (namngiven) return versioner.find((v) => v.id === namngiven) || null;
  const dag = $("provningsdag").value || idag();
  let basta = null;
  for (const v of versioner) {
    if (v.status === "antagen" && v.giltig_fran <= dag && (!basta || v.giltig_fran > basta.giltig_fran)) basta = v;
  }
  return basta;
}

async function lasVersioner() {
  const svar = await hamta("/v1/riktlinjer");
  if (svar.status !== 200) {
    status(problemtext(svar));
    return;
  }
  versioner = svar.kropp;
  const val = $("version");
  const valt = val.value;
  val.replaceChildren(el("option", { value: "" }, "Den som gäller prövningsdagen"));
  for (const v of versioner) {
    val.append(el("option", { value: v.id }, v.titel + " (" + v.id + ", giltig från " + v.giltig_fran + ", " + (v.status === "antagen" ? "antagen" : "förslag") + ")"));
  }
  val.value = valt;
  await byggFormular();
}

// Värdena i formuläret, per fält, så att de följer med när formuläret byggs om.
function sparadeVarden(rot) {
  const varden = {};
  for (const falt of rot.querySelectorAll("[data-falt]")) {
    if (falt.type === "checkbox") {
      (varden[falt.dataset.falt] = varden[falt.dataset.falt] || []);
      if (falt.checked) varden[falt.dataset.falt].push(falt.value);
    } else {
      varden[falt.dataset.falt] = falt.value;
    }
  }
  return varden;
}

function nyttId(falt) {
  raknare += 1;
  return "f" + raknare + "-" + falt;
}

function rubrik(grupp) {
  if (!grupp) return "Övrigt";
  return grupp.charAt(0).toUpperCase() + grupp.slice(1).replace(/_/g, " ");
}

function uppgiftsfalt(uppgift, varden) {
  const id = nyttId(uppgift.falt);
  const hjalp = uppgift.beskrivning + (uppgift.enhet ? " Enhet: " + uppgift.enhet + "." : "");
  const hjalpId = id + "-hjalp";
  const etikett = uppgift.namn.replace(/_/g, " ");
  const data = { "data-falt": uppgift.falt, "data-typ": uppgift.typ, "data-galler": uppgift.galler };
  const tidigare = varden[uppgift.falt];
  if (uppgift.typ === "mangd") {
    const grupp = el("fieldset", { class: "mangd", "aria-describedby": hjalpId }, el("legend", {}, etikett));
    for (const v of uppgift.varden) {
      const rutaId = nyttId(uppgift.falt + "-" + v.kod);
      const ruta = el("input", { type: "checkbox", id: rutaId, value: v.kod, ...data });
      ruta.checked = Array.isArray(tidigare) && tidigare.includes(v.kod);
      grupp.append(el("span", { class: "ruta" }, ruta, el("label", { for: rutaId }, v.text.replace(/_/g, " "))));
    }
    grupp.append(el("p", { class: "hjalp", id: hjalpId }, hjalp));
    return grupp;
  }
  let falt;
  if (uppgift.typ === "ja_nej" || uppgift.typ === "val") {
    falt = el("select", { id, "aria-describedby": hjalpId, ...data }, el("option", { value: "" }, "Ej angivet"));
    const alternativ = uppgift.typ === "ja_nej" ? [{ kod: "ja", text: "Ja" }, { kod: "nej", text: "Nej" }] : uppgift.varden;
    for (const v of alternativ) falt.append(el("option", { value: v.kod }, v.text.replace(/_/g, " ")));
  } else if (uppgift.typ === "datum") {
    falt = el("input", { id, type: "date", "aria-describedby": hjalpId, ...data });
  } else {
    falt = el("input", { id, type: "text", inputmode: uppgift.typ === "heltal" ? "numeric" : "decimal", "aria-describedby": hjalpId, ...data });
  }
  if (typeof tidigare === "string") falt.value = tidigare;
  return el("div", { class: "uppgift" }, el("label", { for: id }, etikett), falt, el("p", { class: "hjalp", id: hjalpId }, hjalp));
}

// Uppgifterna som gäller `galler`, en fieldset per grupp (IBIC:s livsområden) i katalogens ordning.
function grupperade(galler, varden) {
  const ut = document.createDocumentFragment();
  const grupper = new Map();
  for (const uppgift of katalog.uppgifter) {
    if (uppgift.galler !== galler) continue;
    if (!grupper.has(uppgift.grupp)) grupper.set(uppgift.grupp, []);
    grupper.get(uppgift.grupp).push(uppgift);
  }
  for (const [grupp, uppgifter] of grupper) {
    const ruta = el("fieldset", { class: "grupp" }, el("legend", {}, rubrik(grupp)));
    for (const uppgift of uppgifter) ruta.append(uppgiftsfalt(uppgift, varden));
    ut.append(ruta);
  }
  return ut;
}

function nyAnsokan(varden) {
  const mall = $("ansokan-mall").content.cloneNode(true);
  const ruta = mall.querySelector("fieldset");
  for (const etikett of ruta.querySelectorAll("label[data-for]")) {
    const falt = ruta.querySelector('[data-falt="' + etikett.dataset.for + '"]');
    const id = nyttId(etikett.dataset.for);
    falt.id = id;
    etikett.htmlFor = id;
  }
  const insats = ruta.querySelector('[data-falt="insats"]');
  for (const i of katalog.insatser) insats.append(el("option", { value: i.id }, i.namn + " (" + i.lag + ")"));
  for (const falt of ruta.querySelectorAll("[data-falt]")) {
    const v = varden[falt.dataset.falt];
    if (typeof v === "string") falt.value = v;
  }
  ruta.querySelector(".ansokan-uppgifter").append(grupperade("ansokan", varden));
  ruta.querySelector(".ta-bort").addEventListener("click", () => {
    ruta.remove();
    numrera();
    planera();
  });
  $("ansokningar").append(ruta);
  numrera();
}

function numrera() {
  const rutor = $("ansokningar").querySelectorAll("fieldset.ansokan");
  rutor.forEach((ruta, i) => {
    ruta.querySelector("legend").textContent = "Ansökan " + (i + 1);
  });
}

async function byggFormular() {
  const version = valdVersion();
  $("version-text").textContent = version
    ? "Prövas mot " + version.titel + ", " + version.kommun + ", giltig från " + version.giltig_fran + "."
    : "Ingen antagen version gäller prövningsdagen.";
  if (!version || version.id === katalogId) {
    planera();
    return;
  }
  const svar = await hamta("/v1/riktlinjer/" + encodeURIComponent(version.id));
  if (svar.status !== 200) {
    status(problemtext(svar));
    return;
  }
  const personVarden = sparadeVarden($("person-uppgifter"));
  const ansokningsVarden = [...$("ansokningar").querySelectorAll("fieldset.ansokan")].map(sparadeVarden);
  katalog = svar.kropp;
  katalogId = version.id;
  $("person-uppgifter").replaceChildren(grupperade("person", personVarden));
  $("ansokningar").replaceChildren();
  for (const varden of ansokningsVarden.length ? ansokningsVarden : [{}]) nyAnsokan(varden);
  planera();
}

function tolka(falt) {
  const typ = falt.dataset.typ;
  const v = falt.value.trim();
  if (v === "") return undefined;
  if (typ === "ja_nej") return v === "ja";
  if (typ === "heltal") return /^-?\d+$/.test(v) ? Number(v) : v;
  return v;
}

function uppgifterAv(rot) {
  const ut = {};
  for (const falt of rot.querySelectorAll("[data-falt]")) {
    if (falt.type === "checkbox") {
      if (!(falt.dataset.falt in ut)) ut[falt.dataset.falt] = [];
      if (falt.checked) ut[falt.dataset.falt].push(falt.value);
      continue;
    }
    const v = tolka(falt);
    if (v !== undefined) ut[falt.dataset.falt] = v;
  }
  for (const [namn, v] of Object.entries(ut)) if (Array.isArray(v) && v.length === 0) delete ut[namn];
  return ut;
}

function arendet() {
  const ansokningar = [...$("ansokningar").querySelectorAll("fieldset.ansokan")]
    .map(uppgifterAv)
    .filter((a) => a.insats);
  return { schema_version: 1, person: uppgifterAv($("person")), ansokningar };
}

function planera() {
  clearTimeout(vantar);
  vantar = setTimeout(prova, 250);
}

async function prova() {
  const version = valdVersion();
  const arende = arendet();
  if (!nyckel()) {
    status("Ange din nyckel för att få ett underlag.");
    return;
  }
  if (!version || arende.ansokningar.length === 0) {
    status("Välj en insats för att få ett underlag.");
    visa(null);
    return;
  }
  const fraga = new URLSearchParams({ version: version.id, vad_andrar: "ja" });
  if ($("provningsdag").value) fraga.set("as_of", $("provningsdag").value);
  const nummer = ++senaste;
  status("Prövar …");
  const svar = await hamta("/v1/evaluate?" + fraga, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(arende),
  });
  if (nummer !== senaste) return;
  if (svar.status !== 200) {
    status(problemtext(svar));
    visa(null);
    return;
  }
  status("Underlaget är uppdaterat.");
  visa(svar.kropp);
}

function lank(avsnitt, version) {
  const nummer = /^(\d+(?:\.\d+)*)/.exec(avsnitt || "");
  if (!nummer || !version) return null;
  return "/riktlinje/" + encodeURIComponent(version) + "#avsnitt-" + nummer[1].replace(/\./g, "-");
}

function skal(s, versionId) {
  const rad = el("li", { class: "skal roll-" + s.roll },
    el("span", { class: "roll" }, ROLLER[s.roll] || s.roll), " ", s.text);
  const kalla = el("p", { class: "kalla" });
  if (s.lagrum) kalla.append("Lagrum: " + s.lagrum + ". ");
  if (s.regel) kalla.append("Regel " + s.regel + " i " + (URSPRUNG[s.ursprung] || s.ursprung) + ". ");
  const href = s.ursprung === "riktlinje" ? lank(s.avsnitt, versionId) : null;
  if (href) kalla.append(el("a", { href, target: "_blank", rel: "noopener" }, "Riktlinjen, avsnitt " + s.avsnitt));
  else if (s.avsnitt) kalla.append("Avsnitt " + s.avsnitt + ".");
  rad.append(kalla);
  if (s.uppgift_beskrivning) rad.append(el("p", { class: "hjalp" }, "Uppgiften: " + s.uppgift_beskrivning));
  if (s.jamforelser && s.jamforelser.length) {
    const lista = el("ul", { class: "jamforelser" });
    for (const j of s.jamforelser) {
      lista.append(el("li", {}, j.uppgift + ": " + (j.varde === null || j.varde === undefined ? "saknas" : j.varde) + ", gränsen " + j.jamforelse + " " + j.grans));
    }
    rad.append(lista);
  }
  return rad;
}

function tabell(rubriker, rader, beskrivning) {
  const t = el("table", {}, el("caption", {}, beskrivning));
  t.append(el("thead", {}, el("tr", {}, ...rubriker.map((r) => el("th", { scope: "col" }, r)))));
  const kropp = el("tbody");
  for (const rad of rader) kropp.append(el("tr", {}, ...rad.map((c) => el("td", {}, c === null || c === undefined ? "–" : String(c)))));
  t.append(kropp);
  return t;
}

function provning(p, versionId) {
  const kort = el("article", { class: "provning utfall-" + p.utfall },
    el("h3", {}, (p.insats_namn || p.insats || "Okänd insats") + (p.lag ? " (" + p.lag + ")" : "")),
    el("p", { class: "utfall" }, p.utfall_text));
  if (p.lagrum) kort.append(el("p", { class: "kalla" }, "Insatsens lagrum: " + p.lagrum));
  if (p.omfattning) kort.append(el("p", {}, "Omfattning enligt riktlinjen: " + p.omfattning.text));
  if (p.beraknad_omfattning) {
    kort.append(el("p", {}, "Beräknad omfattning: " + p.beraknad_omfattning.text));
    if (p.berakning && p.berakning.length) {
      kort.append(tabell(["Moment", "Tid", "Antal", "Minuter per år", "Delsumma"],
        p.berakning.map((r) => [r.namn, r.tid, r.antal, r.minuter_per_ar, r.delsumma]),
        "Beräkningen enligt schablon"));
    }
  }
  if (p.skal.length) {
    kort.append(el("h4", {}, "Skäl"));
    kort.append(el("ul", { class: "skal-lista" }, ...p.skal.map((s) => skal(s, versionId))));
  }
  if (p.utelamnade_skal) kort.append(el("p", { class: "hjalp" }, p.utelamnade_skal + " skäl till är utelämnade."));
  if (p.vad_andrar) {
    const ruta = el("div", { class: "vad-andrar" }, el("h4", {}, "Vad skulle ändra utfallet"), el("p", {}, p.vad_andrar.text));
    if (p.vad_andrar.andringar.length) {
      ruta.append(el("ul", {}, ...p.vad_andrar.andringar.map((a) =>
        el("li", {}, (a.beskrivning || a.uppgift) + ": från " + (a.fran === null || a.fran === undefined ? "ej angivet" : a.fran) + " till " + a.till))));
    }
    kort.append(ruta);
  }
  return kort;
}

function visa(svar) {
  $("skydd").hidden = !(svar && svar.skyddade_personuppgifter);
  if (!svar) {
    $("riktlinje-rad").textContent = "";
    $("provningar").replaceChildren();
    $("frister").replaceChildren();
    return;
  }
  const r = svar.riktlinje;
  $("riktlinje-rad").textContent = "Prövningsdag " + svar.provningsdag + ". Riktlinje " + r.id + " (" + r.kommun + ", giltig från " + r.giltig_fran + "), innehållshash " + r.innehallshash.slice(0, 12) + "….";
  $("provningar").replaceChildren(...svar.provningar.map((p) => provning(p, r.id)));
  if (svar.frister.length) {
    $("frister").replaceChildren(el("h3", {}, "Frister"), tabell(["Frist", "Lagrum", "Från", "Dag", "Dagen avser", "Läge"],
      svar.frister.map((f) => [f.namn, f.lagrum, f.start, f.sista_dag, f.dagen_avser.replace(/_/g, " "), f.status_text]),
      "Frister som löper"));
  } else {
    $("frister").replaceChildren();
  }
}

function start() {
  $("provningsdag").value = idag();
  $("nyckel").value = "";
  $("nyckel-formular").addEventListener("submit", (h) => {
    h.preventDefault();
    const v = $("nyckel").value.trim();
    if (v) sessionStorage.setItem(NYCKEL, v);
    $("nyckel").value = "";
    lasVersioner();
  });
  $("glom-nyckel").addEventListener("click", () => {
    sessionStorage.removeItem(NYCKEL);
    status("Nyckeln är glömd.");
  });
  $("provningsdag").addEventListener("change", byggFormular);
  $("version").addEventListener("change", byggFormular);
  $("arende-formular").addEventListener("input", planera);
  $("arende-formular").addEventListener("change", planera);
  $("arende-formular").addEventListener("submit", (h) => h.preventDefault());
  $("ny-ansokan").addEventListener("click", () => {
    if (katalog) nyAnsokan({});
  });
  $("skriv-ut").addEventListener("click", () => window.print());
  if (nyckel()) lasVersioner();
}

document.addEventListener("DOMContentLoaded", start);
