//! A synthetic population of existing decisions for tests and benches: `riktlinjer generera`.
//!
//! [`generate`] writes `antal` cases (JSON Lines) or rows (CSV) to a writer, fully determined
//! by the seed: the same seed gives the same bytes on every platform, because the only source
//! of randomness is a hand-rolled splitmix64 over `u64` arithmetic (no floating point, no
//! hash-map order, no clock).
//!
//! **Where the mix comes from.** The shares follow, roughly, Socialstyrelsen's national
//! statistics on äldreomsorg and on insatser enligt LSS (statistikdatabasen, the years around
//! 2023–2024): about 230 000 persons with hemtjänst in ordinary housing, about 80 000 in
//! särskilt boende for äldre, and about 75 000 persons with insatser enligt LSS (daglig
//! verksamhet and bostad med särskild service the largest, then kontaktperson, korttidsvistelse
//! and ledsagarservice). The figures are approximate and serve only to give a realistic mix;
//! the split inside each group (how many with hemtjänst also have trygghetslarm, how often
//! städning was granted every other week, how many decisions are tidsbegränsade, the spread of
//! omfattning) is this module's own assumption, chosen so that a revision like the shipped
//! 2025-11-01 one finds work to do. Each case is one person with one to seven decisions, all
//! gynnande except about 2 %, decided between 2016 and October 2025; an ansökan beside a beslut
//! on the same insats carries what the beslut covers (städning var n:e vecka, dusch per vecka,
//! omvårdnad's visits, tillsyn and natthjälp a day, vårdnadshavares samtycke), as a case
//! system's record of the decided application would. An omvårdnad beslut gives the hours
//! Exempelkommun's schablon gives for those visits, in whole hours rounded down, and about one
//! in seven gives more, as granted after an individual prövning.
//! It never writes identity fields (namn, personnummer, adress).

use std::fmt::Write as _;
use std::io::{self, Write};

use riktlinjer_core::Date;

/// The formats `generera` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopulationFormat {
    /// JSON Lines: ett ärende per rad, med alla beslut.
    Jsonl,
    /// CSV med semikolon och CRLF, som svenska kalkylprogram skriver: ett beslut per rad.
    Csv,
}

/// The day the population is drawn for: ages and decisions are as of this day.
pub const REFERENCE_DAY: Date = match Date::from_days(20_393) {
    Some(date) => date,
    None => Date::EPOCH,
};

/// The CSV header `generera` writes; the columns are the case schema's field names.
pub const CSV_HEADER: &str = "arende_id;fodelsedatum;kon;folkbokford_i_kommunen;bor_ensam;har_make_eller_sambo;personkrets;normalt_aldrande;forvarvsarbetar;studerar;gar_i_skolan;kan_anvanda_larm;behov_tillgodoses_pa_annat_satt;behov_dygnet_runt;behov;grundlaggande_behov;grundlaggande_behov_timmar;kan_ata_pa_servering;insats;stadning_var_n_vecka;inkop_per_vecka;tvatt_per_manad;dusch_per_vecka;omsorgsbesok_per_dag;tillsyn_per_dag;natthjalp_per_natt;vardnadshavares_samtycke;beslut_beslutsdatum;beslut_gynnande;beslut_tills_vidare;beslut_giltig_till;beslut_omfattning;beslut_verkstalld";

/// Writes `antal` records of a population drawn with `seed`.
///
/// # Errors
/// The writer's error (a closed pipe included; the caller decides whether it matters).
pub fn generate(
    out: &mut dyn Write,
    antal: u64,
    seed: u64,
    format: PopulationFormat,
) -> io::Result<()> {
    let mut rng = SplitMix64(seed);
    let mut line = String::with_capacity(1024);
    match format {
        PopulationFormat::Jsonl => {
            for number in 1..=antal {
                let person = draw_person(&mut rng);
                line.clear();
                write_json(&mut line, number, &person);
                out.write_all(line.as_bytes())?;
            }
        }
        PopulationFormat::Csv => {
            write!(out, "{CSV_HEADER}\r\n")?;
            let mut written = 0u64;
            let mut number = 0u64;
            while written < antal {
                number += 1;
                let person = draw_person(&mut rng);
                for (index, beslut) in person.beslut.iter().enumerate() {
                    if written == antal {
                        break;
                    }
                    line.clear();
                    write_csv(&mut line, number, index, &person, beslut);
                    out.write_all(line.as_bytes())?;
                    written += 1;
                }
            }
        }
    }
    out.flush()
}

/// The small, fixed PRNG of the generator: splitmix64 (Steele, Lea and Flood, 2014).
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiply-shift: no modulo bias worth the name for the
    /// small ranges used here.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1).max(1) as u64) as i64
    }

    /// True with probability `per_mille`/1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index into `weights`, drawn in proportion to them.
    pub fn pick(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut roll = self.below(total.max(1));
        for (index, weight) in weights.iter().enumerate() {
            if roll < *weight {
                return index;
            }
            roll -= weight;
        }
        0
    }
}

/// One generated person with their decisions.
#[derive(Clone, Debug, Default)]
struct Person {
    fodelsedatum: Option<Date>,
    kvinna: bool,
    folkbokford: bool,
    bor_ensam: Option<bool>,
    personkrets: Option<u8>,
    normalt_aldrande: Option<bool>,
    forvarvsarbetar: Option<bool>,
    studerar: Option<bool>,
    gar_i_skolan: Option<bool>,
    kan_anvanda_larm: Option<bool>,
    annat_satt: bool,
    dygnet_runt: Option<bool>,
    behov: Vec<&'static str>,
    grundlaggande: Vec<&'static str>,
    /// Hours a week of help with the grundläggande behov (9 a § LSS), as the utredning found.
    grundlaggande_timmar: Option<u32>,
    /// Whether the person can eat at a servering nearby (a norm for matdistribution).
    kan_ata_pa_servering: Option<bool>,
    beslut: Vec<Decision>,
}

/// One generated decision, with the details of what it covers.
#[derive(Clone, Debug, Default)]
struct Decision {
    insats: &'static str,
    beslutsdatum: Option<Date>,
    gynnande: bool,
    giltig_till: Option<Date>,
    omfattning: Option<u32>,
    verkstalld: Option<Date>,
    stadning: Option<u8>,
    inkop: Option<u8>,
    tvatt: Option<u8>,
    dusch: Option<u8>,
    /// Visits a day for morgon-, middags- and kvällshjälp.
    besok: Option<u8>,
    tillsyn: Option<u8>,
    natthjalp: Option<u8>,
    vardnadshavare: Option<bool>,
}

/// The groups of the population, with their weights in per mille of persons.
const GROUPS: [(Group, u64); 4] = [
    (Group::Hemtjanst, 570),
    (Group::SarskiltBoende, 200),
    (Group::Lss, 190),
    (Group::SolOvrigt, 40),
];

#[derive(Clone, Copy, Debug)]
enum Group {
    Hemtjanst,
    SarskiltBoende,
    Lss,
    SolOvrigt,
}

/// LSS insatser and their weights among LSS persons (per mille).
const LSS_INSATSER: [(&str, u64); 9] = [
    ("daglig_verksamhet", 380),
    ("bostad_sarskild_service_vuxna", 300),
    ("kontaktperson_lss", 110),
    ("korttidsvistelse_lss", 70),
    ("ledsagarservice", 50),
    ("personlig_assistans", 30),
    ("avlosarservice", 30),
    ("korttidstillsyn", 20),
    ("boende_barn_lss", 10),
];

fn draw_person(rng: &mut SplitMix64) -> Person {
    let group = GROUPS[rng.pick(&GROUPS.map(|(_, weight)| weight))].0;
    let mut person = Person {
        kvinna: rng.chance(560),
        folkbokford: rng.chance(995),
        annat_satt: rng.chance(15),
        ..Person::default()
    };
    match group {
        Group::Hemtjanst => hemtjanst(rng, &mut person),
        Group::SarskiltBoende => sarskilt_boende(rng, &mut person),
        Group::Lss => lss(rng, &mut person),
        Group::SolOvrigt => sol_ovrigt(rng, &mut person),
    }
    after_birth(&mut person);
    person
}

/// Moves a young person's decisions drawn from before their birth to their first month, with
/// verkställighet as many days after as drawn: a beslut cannot come before the person it is
/// about, and the case reader refuses one that does. No new draw is made, so every other
/// person of a seed stays as it was.
fn after_birth(person: &mut Person) {
    let Some(born) = person.fodelsedatum else {
        return;
    };
    for beslut in &mut person.beslut {
        let Some(beslutsdatum) = beslut.beslutsdatum.filter(|day| *day < born) else {
            continue;
        };
        let moved = born
            .add_days(30)
            .filter(|day| *day <= REFERENCE_DAY)
            .unwrap_or(born);
        beslut.beslutsdatum = Some(moved);
        beslut.verkstalld = beslut
            .verkstalld
            .and_then(|day| moved.add_days(beslutsdatum.days_until(day)))
            .filter(|day| *day <= REFERENCE_DAY);
    }
}

fn birth_for_age(rng: &mut SplitMix64, age: i64) -> Option<Date> {
    let days_back = age * 365 + age / 4 + rng.between(0, 364);
    REFERENCE_DAY.add_days(-(days_back as i32))
}

fn elderly_age(rng: &mut SplitMix64) -> i64 {
    // Hemtjänst and särskilt boende are mostly for the oldest: about a third 65–79, two
    // thirds 80 or older, and a few younger with a funktionsnedsättning.
    match rng.pick(&[60, 330, 610]) {
        0 => rng.between(40, 64),
        1 => rng.between(65, 79),
        _ => rng.between(80, 101),
    }
}

fn decision(rng: &mut SplitMix64, insats: &'static str, tidsbegransad_per_mille: u64) -> Decision {
    // Recent decisions are more common than old ones: a squared uniform draw leans towards
    // the reference day. Decisions span 2016 to the end of October 2025.
    let roll = rng.below(1000) as i64;
    let days_back = 1 + roll * roll * 3_560 / 1_000_000;
    let beslutsdatum = REFERENCE_DAY.add_days(-(days_back as i32));
    let giltig_till = if rng.chance(tidsbegransad_per_mille) {
        REFERENCE_DAY.add_days(rng.between(14, 420) as i32)
    } else {
        None
    };
    let verkstalld = if rng.chance(985) {
        beslutsdatum
            .and_then(|day| day.add_days(rng.between(0, 45) as i32))
            .filter(|day| *day <= REFERENCE_DAY)
    } else {
        None
    };
    Decision {
        insats,
        beslutsdatum,
        gynnande: rng.chance(980),
        giltig_till,
        verkstalld,
        ..Decision::default()
    }
}

fn hemtjanst(rng: &mut SplitMix64, person: &mut Person) {
    let age = elderly_age(rng);
    person.fodelsedatum = birth_for_age(rng, age);
    let alone = rng.chance(680);
    person.bor_ensam = Some(alone);
    person.dygnet_runt = Some(rng.chance(40));
    person.behov.push("hemliv");
    let omvardnad = rng.chance(600);
    if omvardnad {
        person.behov.push("personlig_vard");
        if rng.chance(400) {
            person.behov.push("forflyttning");
        }
    }
    let larm = rng.chance(620);
    if larm || rng.chance(300) {
        person.behov.push("trygghet");
    }
    if larm {
        person.kan_anvanda_larm = match rng.pick(&[870, 70, 60]) {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        };
    }
    if rng.chance(900) {
        let mut service = decision(rng, "hemtjanst_service", 120);
        // Städning was granted every other week under the earlier norm; some were granted
        // every third week, and some have no städning.
        service.stadning = Some([2, 3, 0][rng.pick(&[560, 330, 110])]);
        service.inkop = Some(u8::from(rng.chance(880)));
        service.tvatt = Some([1, 2, 3][rng.pick(&[350, 600, 50])]);
        service.omfattning =
            Some([3, 4, 5, 6, 7, 8, 9, 10][rng.pick(&[60, 120, 180, 220, 190, 180, 30, 20])]);
        person.beslut.push(service);
    }
    if omvardnad {
        let mut care = decision(rng, "hemtjanst_omvardnad", 100);
        let dusch = [1u8, 2, 3][rng.pick(&[780, 190, 30])];
        let besok = [1u8, 2, 3][rng.pick(&[300, 380, 320])];
        let tillsyn = [0u8, 1, 2][rng.pick(&[700, 200, 100])];
        let natthjalp = [0u8, 1, 2][rng.pick(&[750, 200, 50])];
        // Exempelkommun's schablon: 15 minutes a visit or tillsyn, 5 a natthjälp (364 days a
        // year), 40 a dusch (52 weeks); a month is a twelfth of the year, 720 minutes an hour
        // a month.
        let minutes = 15 * 364 * u32::from(besok + tillsyn)
            + 5 * 364 * u32::from(natthjalp)
            + 40 * 52 * u32::from(dusch);
        let more = if rng.chance(150) {
            rng.between(1, 10) as u32
        } else {
            0
        };
        care.dusch = Some(dusch);
        care.besok = Some(besok);
        care.tillsyn = Some(tillsyn);
        care.natthjalp = Some(natthjalp);
        care.omfattning = Some(minutes / 720 + more);
        person.beslut.push(care);
    }
    if larm {
        let mut alarm = decision(rng, "trygghetslarm", 30);
        alarm.omfattning = Some(1);
        person.beslut.push(alarm);
    }
    if rng.chance(100) {
        let mut food = decision(rng, "matdistribution", 150);
        food.omfattning = Some(rng.between(3, 7) as u32);
        // Matdistribution was granted to those who could neither cook nor eat out.
        person.kan_ata_pa_servering = Some(false);
        person.beslut.push(food);
    }
    if !alone && rng.chance(120) {
        // Växelvård: korttidsvistelse to relieve a make or sambo who cares at home.
        person.behov.push("anhorigstod");
        let mut relief = decision(rng, "korttidsvistelse", 650);
        relief.omfattning = Some([6, 8, 10, 12, 14][rng.pick(&[150, 200, 250, 200, 200])]);
        person.beslut.push(relief);
    }
    if rng.chance(60) {
        person.behov.push("samhallsgemenskap");
        let mut day = decision(rng, "dagverksamhet", 100);
        day.omfattning = Some(rng.between(1, 3) as u32);
        person.beslut.push(day);
    }
    if rng.chance(50) {
        if !person.behov.contains(&"samhallsgemenskap") {
            person.behov.push("samhallsgemenskap");
        }
        let mut companion = decision(rng, "ledsagning", 150);
        companion.omfattning = Some([4, 6, 8, 9, 10][rng.pick(&[200, 250, 250, 150, 150])]);
        person.beslut.push(companion);
    }
}

fn sarskilt_boende(rng: &mut SplitMix64, person: &mut Person) {
    let age = elderly_age(rng).max(65);
    person.fodelsedatum = birth_for_age(rng, age);
    person.bor_ensam = Some(rng.chance(800));
    person.dygnet_runt = Some(rng.chance(920));
    person
        .behov
        .extend(["personlig_vard", "hemliv", "trygghet"]);
    let mut place = decision(rng, "sarskilt_boende", 20);
    place.omfattning = Some(1);
    person.beslut.push(place);
}

fn lss(rng: &mut SplitMix64, person: &mut Person) {
    let insats = LSS_INSATSER[rng.pick(&LSS_INSATSER.map(|(_, weight)| weight))].0;
    let age = match insats {
        "korttidstillsyn" => rng.between(13, 20),
        "boende_barn_lss" => rng.between(8, 19),
        "korttidsvistelse_lss" | "avlosarservice" => rng.between(6, 40),
        "daglig_verksamhet" => rng.between(19, 66),
        "personlig_assistans" => rng.between(5, 70),
        _ => rng.between(18, 80),
    };
    person.fodelsedatum = birth_for_age(rng, age);
    let krets = [1u8, 2, 3][rng.pick(&[700, 80, 220])];
    person.personkrets = Some(if insats == "daglig_verksamhet" {
        krets.min(2)
    } else {
        krets
    });
    person.normalt_aldrande = Some(false);
    person.bor_ensam = Some(rng.chance(600));
    let mut first = decision(rng, insats, 100);
    match insats {
        "daglig_verksamhet" => {
            person.behov.push("sysselsattning");
            person.forvarvsarbetar = Some(false);
            person.studerar = Some(false);
        }
        "bostad_sarskild_service_vuxna" => {
            person.behov.extend(["hemliv", "trygghet"]);
            person.dygnet_runt = Some(rng.chance(400));
            first.omfattning = Some(1);
        }
        "kontaktperson_lss" => person.behov.push("relationer"),
        "korttidsvistelse_lss" | "avlosarservice" => {
            person.behov.push("anhorigstod");
            first.omfattning = Some(rng.between(2, 12) as u32);
        }
        "ledsagarservice" => {
            person.behov.push("samhallsgemenskap");
            first.omfattning = Some(rng.between(4, 20) as u32);
        }
        "personlig_assistans" => {
            person
                .grundlaggande
                .extend(["personlig_hygien", "maltider"]);
            first.omfattning = Some(rng.between(5, 20) as u32);
            // The kommun's own assistans: the grundläggande behov take at most 20 hours a
            // week (more, and assistansersättning from Försäkringskassan comes into question).
            person.grundlaggande_timmar = first.omfattning;
        }
        "korttidstillsyn" => person.gar_i_skolan = Some(true),
        "boende_barn_lss" => {
            person.gar_i_skolan = Some(true);
            person.dygnet_runt = Some(true);
            first.omfattning = Some(1);
        }
        _ => {}
    }
    if age < 18 {
        first.vardnadshavare = Some(true);
    }
    person.beslut.push(first);
    if insats == "bostad_sarskild_service_vuxna" && rng.chance(550) {
        person.behov.push("sysselsattning");
        person.forvarvsarbetar = Some(false);
        person.studerar = Some(false);
        person.personkrets = Some(person.personkrets.unwrap_or(1).min(2));
        let daily = decision(rng, "daglig_verksamhet", 50);
        person.beslut.push(daily);
    }
}

fn sol_ovrigt(rng: &mut SplitMix64, person: &mut Person) {
    // Socialpsykiatri and other SoL insatser for adults under 65.
    let age = rng.between(19, 64);
    person.fodelsedatum = birth_for_age(rng, age);
    person.bor_ensam = Some(rng.chance(750));
    match rng.pick(&[550, 250, 200]) {
        0 => {
            person.behov.extend(["hemliv", "allmanna_uppgifter"]);
            let mut support = decision(rng, "boendestod", 100);
            support.omfattning = Some(rng.between(1, 8) as u32);
            person.beslut.push(support);
        }
        1 => {
            person.behov.push("relationer");
            person.beslut.push(decision(rng, "kontaktperson", 100));
        }
        _ => {
            person.behov.push("samhallsgemenskap");
            let mut companion = decision(rng, "ledsagning", 150);
            companion.omfattning = Some([4, 6, 8, 9, 10][rng.pick(&[200, 250, 250, 150, 150])]);
            person.beslut.push(companion);
        }
    }
}

fn json_bool(out: &mut String, key: &str, value: Option<bool>) {
    if let Some(value) = value {
        let _ = write!(out, ",\"{key}\":{value}");
    }
}

fn json_list(out: &mut String, key: &str, items: &[&str]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, ",\"{key}\":[");
    for (index, item) in items.iter().enumerate() {
        let comma = if index == 0 { "" } else { "," };
        let _ = write!(out, "{comma}\"{item}\"");
    }
    out.push(']');
}

fn write_json(out: &mut String, number: u64, person: &Person) {
    let _ = write!(
        out,
        "{{\"schema_version\":1,\"arende_id\":\"G-{number:07}\",\"person\":{{"
    );
    let kon = if person.kvinna { "kvinna" } else { "man" };
    let _ = write!(out, "\"kon\":\"{kon}\"");
    if let Some(born) = person.fodelsedatum {
        let _ = write!(out, ",\"fodelsedatum\":\"{born}\"");
    }
    json_bool(out, "folkbokford_i_kommunen", Some(person.folkbokford));
    json_bool(out, "bor_ensam", person.bor_ensam);
    if let Some(krets) = person.personkrets {
        let _ = write!(out, ",\"personkrets\":{krets}");
    }
    json_bool(out, "normalt_aldrande", person.normalt_aldrande);
    json_bool(out, "forvarvsarbetar", person.forvarvsarbetar);
    json_bool(out, "studerar", person.studerar);
    json_bool(out, "gar_i_skolan", person.gar_i_skolan);
    json_bool(out, "kan_anvanda_larm", person.kan_anvanda_larm);
    json_bool(
        out,
        "behov_tillgodoses_pa_annat_satt",
        Some(person.annat_satt),
    );
    json_bool(out, "behov_dygnet_runt", person.dygnet_runt);
    json_list(out, "behov", &person.behov);
    json_list(out, "grundlaggande_behov", &person.grundlaggande);
    if let Some(hours) = person.grundlaggande_timmar {
        let _ = write!(out, ",\"grundlaggande_behov_timmar\":{hours}");
    }
    json_bool(out, "kan_ata_pa_servering", person.kan_ata_pa_servering);
    out.push('}');
    let details: Vec<&Decision> = person
        .beslut
        .iter()
        .filter(|beslut| has_details(beslut))
        .collect();
    if !details.is_empty() {
        out.push_str(",\"ansokningar\":[");
        for (index, beslut) in details.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"insats\":\"{}\"", beslut.insats);
            for (key, value) in [
                ("stadning_var_n_vecka", beslut.stadning),
                ("inkop_per_vecka", beslut.inkop),
                ("tvatt_per_manad", beslut.tvatt),
                ("dusch_per_vecka", beslut.dusch),
                ("omsorgsbesok_per_dag", beslut.besok),
                ("tillsyn_per_dag", beslut.tillsyn),
                ("natthjalp_per_natt", beslut.natthjalp),
            ] {
                if let Some(value) = value {
                    let _ = write!(out, ",\"{key}\":{value}");
                }
            }
            json_bool(out, "vardnadshavares_samtycke", beslut.vardnadshavare);
            out.push('}');
        }
        out.push(']');
    }
    out.push_str(",\"beslut\":[");
    for (index, beslut) in person.beslut.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"insats\":\"{}\"", beslut.insats);
        if let Some(day) = beslut.beslutsdatum {
            let _ = write!(out, ",\"beslutsdatum\":\"{day}\"");
        }
        let _ = write!(out, ",\"gynnande\":{}", beslut.gynnande);
        match beslut.giltig_till {
            Some(last) => {
                let _ = write!(out, ",\"giltig_till\":\"{last}\"");
            }
            None => out.push_str(",\"tills_vidare\":true"),
        }
        if let Some(omfattning) = beslut.omfattning {
            let _ = write!(out, ",\"omfattning\":{omfattning}");
        }
        if let Some(day) = beslut.verkstalld {
            let _ = write!(out, ",\"verkstalld\":\"{day}\"");
        }
        out.push('}');
    }
    out.push_str("]}\n");
}

fn has_details(beslut: &Decision) -> bool {
    beslut.stadning.is_some()
        || beslut.inkop.is_some()
        || beslut.tvatt.is_some()
        || beslut.dusch.is_some()
        || beslut.besok.is_some()
        || beslut.vardnadshavare.is_some()
}

fn write_csv(out: &mut String, number: u64, index: usize, person: &Person, beslut: &Decision) {
    let flag = |value: Option<bool>| match value {
        Some(true) => "ja",
        Some(false) => "nej",
        None => "",
    };
    let number_text = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    let small = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
    let date = |value: Option<Date>| value.map(|v| v.to_string()).unwrap_or_default();
    let _ = write!(
        out,
        "G-{number:07}-{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{}\r\n",
        index + 1,
        date(person.fodelsedatum),
        if person.kvinna { "kvinna" } else { "man" },
        flag(Some(person.folkbokford)),
        flag(person.bor_ensam),
        flag(person.bor_ensam.map(|alone| !alone)),
        person
            .personkrets
            .map(|k| k.to_string())
            .unwrap_or_default(),
        flag(person.normalt_aldrande),
        flag(person.forvarvsarbetar),
        flag(person.studerar),
        flag(person.gar_i_skolan),
        flag(person.kan_anvanda_larm),
        flag(Some(person.annat_satt)),
        flag(person.dygnet_runt),
        person.behov.join(", "),
        person.grundlaggande.join(", "),
        number_text(person.grundlaggande_timmar),
        flag(person.kan_ata_pa_servering),
        beslut.insats,
        small(beslut.stadning),
        small(beslut.inkop),
        small(beslut.tvatt),
        small(beslut.dusch),
        small(beslut.besok),
        small(beslut.tillsyn),
        small(beslut.natthjalp),
        flag(beslut.vardnadshavare),
        date(beslut.beslutsdatum),
        flag(Some(beslut.gynnande)),
        flag(Some(beslut.giltig_till.is_none())),
        date(beslut.giltig_till),
        number_text(beslut.omfattning),
        date(beslut.verkstalld),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(antal: u64, seed: u64, format: PopulationFormat) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = generate(&mut out, antal, seed, format);
        out
    }

    #[test]
    fn the_reference_day_is_2025_11_01() {
        assert_eq!(REFERENCE_DAY.to_string(), "2025-11-01");
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
        let first = bytes(200, 7, PopulationFormat::Jsonl);
        assert_eq!(first, bytes(200, 7, PopulationFormat::Jsonl));
        assert_ne!(first, bytes(200, 8, PopulationFormat::Jsonl));
        assert_eq!(first.iter().filter(|byte| **byte == b'\n').count(), 200);
        let csv = bytes(50, 7, PopulationFormat::Csv);
        assert_eq!(csv.iter().filter(|byte| **byte == b'\n').count(), 51);
    }

    #[test]
    fn every_generated_case_reads_in_both_formats() {
        // Seeds 7, 11 and 12 once drew beslut from before a child's birth, which the reader
        // refuses.
        for seed in [3, 7, 11, 12] {
            for (format, case_format) in [
                (PopulationFormat::Jsonl, crate::case::CaseFormat::JsonLines),
                (PopulationFormat::Csv, crate::case::CaseFormat::Csv),
            ] {
                let source = std::io::Cursor::new(bytes(3_000, seed, format));
                let reader = crate::case::read_from(Box::new(source), case_format);
                let Ok(reader) = reader else {
                    panic!("seed {seed}: the file cannot be read");
                };
                for record in reader {
                    if let Err(error) = record.result {
                        panic!("seed {seed}, {format:?}, rad {}: {error}", record.line);
                    }
                }
            }
        }
    }

    /// Every generated omvårdnad beslut gives what Exempelkommun's schablon needs, and most
    /// grant no more than it computes: the population weighs its beslut as a kommun's would.
    #[test]
    fn omvardnad_beslut_carry_their_visits_and_mostly_keep_to_the_schablon() {
        let compiled = crate::testing::shipped_table("exempelkommun/2025-11-01.md");
        let table =
            riktlinjer_core::Table::decode(&compiled).unwrap_or_else(|error| panic!("{error}"));
        let population = String::from_utf8(bytes(1_000, 5, PopulationFormat::Jsonl))
            .unwrap_or_else(|error| panic!("{error}"));
        let (mut weighed, mut within) = (0u32, 0u32);
        for line in population.lines() {
            let input =
                crate::case::from_json_for(line, &table).unwrap_or_else(|error| panic!("{error}"));
            let reprovning = crate::batch::reprovning_case(&input.case, REFERENCE_DAY, &table)
                .unwrap_or_else(|error| panic!("{error}"));
            let evaluation = riktlinjer_core::evaluate(&table, &reprovning.case, REFERENCE_DAY)
                .unwrap_or_else(|error| panic!("{error}"));
            for ((ansokan, source), provning) in reprovning
                .case
                .ansokningar
                .iter()
                .zip(&reprovning.sources)
                .zip(&evaluation.provningar)
            {
                // An avslag leaves its ansökan undecided: prövad as it is, with no omfattning.
                let crate::batch::Source::Beslut(_) = source else {
                    continue;
                };
                if ansokan.insats.as_str() != "hemtjanst_omvardnad" {
                    continue;
                }
                let Some(beraknad) = provning.beraknad else {
                    panic!("omvårdnad utan beräknad omfattning: {line}");
                };
                let Some(sokt) = ansokan.sokt_omfattning else {
                    panic!("omvårdnad utan omfattning: {line}");
                };
                weighed += 1;
                within += u32::from(sokt <= beraknad);
            }
        }
        assert!(weighed > 100, "{weighed}");
        // About one in seven is granted more after an individual prövning.
        assert!(
            within * 100 >= weighed * 78 && within * 100 <= weighed * 92,
            "{within} av {weighed}"
        );
    }

    #[test]
    fn splitmix64_matches_its_reference_values() {
        // The first outputs for seed 1234567, as published with the algorithm.
        let mut rng = SplitMix64(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }
}
