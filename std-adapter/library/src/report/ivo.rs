//! `riktlinjer ivo`: the quarter's report of ej verkställda gynnande beslut under SoL and LSS,
//! to IVO and the revisorer (SoL 34 kap. 1–2 §§, LSS 28 f–28 g §§), with the statistics to
//! fullmäktige (SoL 34 kap. 3 §, LSS 28 h §).
//!
//! **What is reported.** Every frist comes from the core's [`riktlinjer_core::frister`] on the
//! rapportdag, so the three months are counted in one place:
//! - a beslut not verkställt within three months of the beslutsdatum (the core's
//!   `EjVerkstallt` frist, overskriden on the rapportdag);
//! - a beslut not verkställt again within three months of an avbrott
//!   (`EjVerkstalltEfterAvbrott`, overskriden);
//! - a beslut verkställt after its three months, on a day from the quarter's first day to the
//!   rapportdag (`RapporteraVerkstallt`), with its date: the report that a reported beslut is
//!   now verkställt. A rapportdag after the quarter makes this window overlap the next
//!   quarter's, so such a beslut can appear in both.
//!
//! **Verksamhetsområde** is an open list ([`Verksamhetsomrade`]). A case system may set it on
//! the beslut (`verksamhetsomrade`); otherwise it is derived from the insats's lag in the
//! riktlinje and the person's age on the beslutsdatum: LSS → LSS; SoL and 65 years or older →
//! äldreomsorg; SoL and younger → funktionsnedsättning (SoL). Individ- och familjeomsorg cannot
//! be told from lag and age, so it must be set by the case system. An insats the riktlinje does
//! not describe, or a SoL beslut without födelsedatum, gives an unknown område.
//!
//! **Identity.** No row holds a name, personnummer, address or ärende id: [`Row`] has no field
//! for them. A row carries IVO's individrapport code ([`identitetskod`], as IVO's e-tjänst asks for it).
//! **Skyddade personuppgifter** (sekretessmarkering, skyddad folkbokföring or fingerade
//! personuppgifter; an unknown level counts as none, with a warning) are counted, never
//! identified: OSL 21 kap. 3 § protects the person's whereabouts, and a code built on the
//! födelsedatum, the kön, or free text naming a boende or a place offered could lead to them.
//! Such a row is marked `skyddad` and keeps only what the counts need: verksamhetsområde,
//! insats, lagrum, dates, days, the coded reason and the dates of offers. It has no
//! identitetskod, kön, födelseår, free-text reason or offer text; IVO gets it through the
//! e-tjänst with the protection noted in the information field (OSL 26 kap. 1 §; Skatteverket's
//! vägledning om sekretessmarkerade personuppgifter).
//!
//! **Formats.** Text (Swedish prose), JSON (one document), and CSV for Swedish Excel:
//! semicolons, UTF-8 with a byte order mark, CRLF; a cell that Excel would run as a formula is
//! prefixed with `'`. An empty quarter says so in words in every format.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use riktlinjer_core::case_frister::NY_SOL_IKRAFT;
use riktlinjer_core::frist::{self, Period};
use riktlinjer_core::{
    Date, DecodeError, EvaluateError, FristKind, FristStatus, Kon, Lag, SkyddadePersonuppgifter,
    Subject, Table, frister, sha256,
};
use serde::Serialize;
use serde_json::Value;

use crate::case;
use crate::case::{AnledningKod, CaseInput, InputError, Verksamhetsomrade};
use crate::io::io_text;
use crate::render::hash_hex;
use crate::store::{LoadError, Store};
use crate::texts::{self, lag_label};

/// What the report says when the quarter lies before the riktlinje's first version.
const FORE_FORSTA_VERSIONEN: &str = texts::INGEN_VERSION_AV_RIKTLINJEN;

/// What the quarter's report is made from.
#[derive(Clone, Debug)]
pub struct IvoOptions {
    /// The cases: JSON Lines (.jsonl), CSV (.csv) or JSON (.json).
    pub cases: PathBuf,
    /// The quarter reported.
    pub kvartal: Kvartal,
    /// The day the report describes; without it the quarter's last day.
    pub rapportdag: Option<Date>,
    /// The output format.
    pub format: ReportFormat,
    /// The riktlinje (.md, .bin or a folder of versions): names each insats and its lag.
    pub rules: PathBuf,
    /// Who the report is for: IVO (and the revisorer), or fullmäktige and the revisorer in a
    /// de-identified form.
    pub mottagare: Mottagare,
}

/// Who the report is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mottagare {
    /// IVO and the revisorer: each row with IVO's identitetskod and the free-text reasons.
    #[default]
    Ivo,
    /// Fullmäktige and the revisorer, de-identified: a row has födelseår and kön but no
    /// identitetskod (which holds the whole birth date) and no free text, and a count of 1 or 2
    /// in the statistics is shown as `<3`, as a count that small can point at a person in a
    /// report fullmäktige makes public.
    Fullmaktige,
}

/// The report's output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// CSV för svenska Excel: semikolon, UTF-8 med BOM, CRLF.
    Csv,
    /// JSON för ett verksamhetssystem.
    Json,
    /// Text att läsa.
    Text,
}

/// A calendar quarter, `2025Q3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kvartal {
    /// The year.
    pub year: i32,
    /// The quarter, 1 to 4.
    pub quarter: u8,
    /// Its first day.
    pub first_day: Date,
    /// Its last day.
    pub last_day: Date,
}

/// What a row reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKind {
    /// Not verkställt within three months of the beslutsdatum.
    EjVerkstallt,
    /// Not verkställt again within three months of an avbrott.
    EjVerkstalltEfterAvbrott,
    /// Verkställt after its three months, within the report's window.
    Verkstallt,
}

/// Time elapsed, in the intervals of the statistics to fullmäktige.
///
/// Every row is past its three months, so there is no shorter interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tid {
    /// More than three and at most six months.
    Manader3Till6,
    /// More than six and at most twelve months.
    Manader6Till12,
    /// More than twelve months.
    Over12Manader,
}

/// One row of the report: one beslut, or one avbrott, of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What it reports.
    pub kind: RowKind,
    /// The person has skyddade personuppgifter: the identifying fields below are `None`.
    pub skyddad: bool,
    /// IVO's individrapport code; `None` when skyddad or when födelsedatum or kön is missing.
    pub identitetskod: Option<String>,
    /// The verksamhetsområde, `None` when it cannot be derived.
    pub verksamhetsomrade: Option<Verksamhetsomrade>,
    /// The insats id.
    pub insats: String,
    /// The insats's name in the riktlinje.
    pub insats_namn: Option<String>,
    /// The insats's lag in the riktlinje.
    pub lag: Option<Lag>,
    /// The provision of the report, from the core's frist.
    pub lagrum: &'static str,
    /// Beslutsdatum.
    pub beslutsdatum: Date,
    /// The avbrott, for [`RowKind::EjVerkstalltEfterAvbrott`].
    pub avbrott: Option<Date>,
    /// The day it was verkställt, for [`RowKind::Verkstallt`].
    pub verkstalld: Option<Date>,
    /// Kön (not for a skyddad person).
    pub kon: Option<Kon>,
    /// Födelseår (not for a skyddad person).
    pub fodelsear: Option<i32>,
    /// Days from the beslut or avbrott to the rapportdag, or to the verkställighet.
    pub dagar: i32,
    /// The same as an interval.
    pub tid: Tid,
    /// The coded reason.
    pub anledning_kod: Option<AnledningKod>,
    /// The reason in words (not for a skyddad person).
    pub anledning_text: Option<String>,
    /// Offers made, with dates (without text for a skyddad person).
    pub erbjudanden: Vec<(Option<Date>, Option<String>)>,
    /// Whether an earlier quarter's report held it.
    pub rapporterad_tidigare: Option<bool>,
    /// The case's verksamhetsområde and the lag of the insats in the riktlinje do not agree
    /// (a beslut given as LSS for an insats that is not one of the ten in 9 § LSS, or the
    /// reverse): what is wrong, for the report and the warning.
    pub avvikelse: Option<&'static str>,
    /// The record's line in the case file, for sorting and warnings; never output.
    line: usize,
}

/// The report for one quarter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The quarter.
    pub kvartal: Kvartal,
    /// The day the state is reported as of.
    pub rapportdag: Date,
    /// The riktlinje version that named the insatser.
    pub riktlinje_id: String,
    /// Its content hash.
    pub content_hash: [u8; 32],
    /// Who the report is for.
    pub mottagare: Mottagare,
    /// Whether the version was in force on the rapportdag; when not, the quarter lies before
    /// the first version, and only the insatser's names and lag are taken from it.
    pub riktlinje_galler: bool,
    /// The rows, sorted.
    pub rows: Vec<Row>,
    /// Records read from the case file.
    pub n_records: usize,
    /// Records that could not be read.
    pub n_bad: usize,
}

/// One line of the statistics: a verksamhetsområde and an insats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatistikRad {
    /// Ej verkställda beslut (after the beslut or an avbrott) per [`Tid`], in its order.
    pub ej_verkstallda: [usize; 3],
    /// Of those, how many concern persons with skyddade personuppgifter.
    ///
    /// Outputs show it for the total only: per insats a small count next to it would tell that
    /// the person waiting for that insats is protected, in a report fullmäktige makes public.
    pub skyddade: usize,
    /// Beslut verkställda in the report's window.
    pub verkstallda: usize,
}

/// Why the report could not be made.
#[derive(Debug)]
pub enum IvoError {
    /// The rapportdag lies before the quarter.
    RapportdagBeforeKvartal {
        /// The rapportdag.
        rapportdag: Date,
        /// The quarter.
        kvartal: Kvartal,
    },
    /// The riktlinje could not be loaded.
    Load(LoadError),
    /// No antagen version is in force on the rapportdag.
    NoVersion {
        /// Where the riktlinje was read from.
        rules: PathBuf,
        /// The rapportdag.
        rapportdag: Date,
    },
    /// The version's table is not valid.
    Decode {
        /// The version's file.
        path: PathBuf,
        /// The cause.
        error: DecodeError,
    },
    /// The case file could not be opened.
    Cases(InputError),
    /// The core could not list a case's frister (unreachable for a case that was read).
    Evaluate(EvaluateError),
    /// Standard output could not be written.
    Output(io::Error),
}

impl fmt::Display for IvoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IvoError::RapportdagBeforeKvartal {
                rapportdag,
                kvartal,
            } => write!(
                f,
                "{}",
                texts::rapportdagen_ligger_fore_kvartalet(kvartal.first_day, rapportdag, kvartal)
            ),
            IvoError::Load(error) => error.fmt(f),
            IvoError::NoVersion { rules, rapportdag } => write!(
                f,
                "{}",
                texts::ingen_antagen_version_av(rules.display(), rapportdag)
            ),
            IvoError::Decode { path, error } => write!(f, "{}: {error}", path.display()),
            IvoError::Cases(error) => error.fmt(f),
            IvoError::Evaluate(error) => error.fmt(f),
            IvoError::Output(error) => write!(f, "{}", texts::standard_ut(io_text(error))),
        }
    }
}

impl std::error::Error for IvoError {}

impl From<LoadError> for IvoError {
    fn from(error: LoadError) -> IvoError {
        IvoError::Load(error)
    }
}

impl Kvartal {
    /// Parses `ÅÅÅÅQn` (also `ÅÅÅÅ-Qn`, `q` in lower case).
    ///
    /// # Errors
    /// The Swedish message naming the text.
    pub fn parse(text: &str) -> Result<Kvartal, String> {
        let wrong = || texts::INGET_KVARTAL_SKRIV_TILL.to_owned();
        let upper = text.trim().to_ascii_uppercase();
        let (year, quarter) = upper.split_once('Q').ok_or_else(wrong)?;
        let year = year.strip_suffix('-').unwrap_or(year);
        if year.len() != 4 || quarter.len() != 1 {
            return Err(wrong());
        }
        let year: i32 = year.parse().map_err(|_| wrong())?;
        let quarter: u8 = quarter.parse().map_err(|_| wrong())?;
        if !(1..=4).contains(&quarter) {
            return Err(texts::KVARTALET_FINNS_INTE_DET.to_owned());
        }
        let first_day =
            Date::from_ymd(year, (quarter - 1) * 3 + 1, 1).map_err(texts::kvartalets_ar)?;
        let last_day = first_day
            .add_months(3)
            .and_then(|next| next.add_days(-1))
            .ok_or_else(wrong)?;
        Ok(Kvartal {
            year,
            quarter,
            first_day,
            last_day,
        })
    }

    /// "kvartal 3 2025".
    pub fn label(self) -> String {
        format!("kvartal {} {}", self.quarter, self.year)
    }
}

impl fmt::Display for Kvartal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl RowKind {
    /// The stable code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            RowKind::EjVerkstallt => "ej_verkstallt",
            RowKind::EjVerkstalltEfterAvbrott => "ej_verkstallt_efter_avbrott",
            RowKind::Verkstallt => "verkstallt",
        }
    }

    /// The Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            RowKind::EjVerkstallt => texts::EJ_VERKSTALLT,
            RowKind::EjVerkstalltEfterAvbrott => texts::EJ_VERKSTALLT_EFTER_AVBROTT,
            RowKind::Verkstallt => "verkställt",
        }
    }
}

impl Tid {
    /// Every interval, in order.
    pub const ALL: [Tid; 3] = [Tid::Manader3Till6, Tid::Manader6Till12, Tid::Over12Manader];

    /// The interval from `start` to `end`, counted in months as lag (1930:173) 1 § counts them.
    pub fn between(start: Date, end: Date) -> Tid {
        let within = |months| {
            frist::nominal_last_day(start, Period::Manader(months)).is_none_or(|limit| end <= limit)
        };
        if within(6) {
            Tid::Manader3Till6
        } else if within(12) {
            Tid::Manader6Till12
        } else {
            Tid::Over12Manader
        }
    }

    /// The stable code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Tid::Manader3Till6 => "manader_3_till_6",
            Tid::Manader6Till12 => "manader_6_till_12",
            Tid::Over12Manader => "over_12_manader",
        }
    }

    /// The Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            Tid::Manader3Till6 => texts::MANADER_3_6,
            Tid::Manader6Till12 => texts::MANADER,
            Tid::Over12Manader => texts::MER_AN_12_MANADER,
        }
    }

    fn index(self) -> usize {
        match self {
            Tid::Manader3Till6 => 0,
            Tid::Manader6Till12 => 1,
            Tid::Over12Manader => 2,
        }
    }
}

/// The verksamhetsområde's stable code in JSON, `okant` when unknown.
pub fn verksamhetsomrade_code(omrade: Option<Verksamhetsomrade>) -> &'static str {
    omrade.map_or("okant", Verksamhetsomrade::word)
}

/// The verksamhetsområde as a person reads it.
pub fn verksamhetsomrade_label(omrade: Option<Verksamhetsomrade>) -> &'static str {
    match omrade {
        Some(Verksamhetsomrade::Aldreomsorg) => "äldreomsorg",
        Some(Verksamhetsomrade::FunktionsnedsattningSol) => texts::FUNKTIONSNEDSATTNING_SOL,
        Some(Verksamhetsomrade::Lss) => texts::FUNKTIONSNEDSATTNING_LSS,
        Some(Verksamhetsomrade::IndividOchFamiljeomsorg) => texts::INDIVID_OCH_FAMILJEOMSORG,
        None => texts::OKANT_VERKSAMHETSOMRADE,
    }
}

/// The coded reason's stable code in JSON.
pub fn anledning_code(kod: AnledningKod) -> &'static str {
    kod.word()
}

/// The coded reason as a person reads it.
pub fn anledning_label(kod: AnledningKod) -> &'static str {
    match kod {
        AnledningKod::BristPaPlats => texts::BRIST_PA_LAMPLIG_PLATS,
        AnledningKod::BristPaPersonal => texts::BRIST_PA_PERSONAL_UTFORARE,
        AnledningKod::DenEnskildeTackatNej => texts::DEN_ENSKILDE_HAR_TACKAT,
        AnledningKod::DenEnskildeVillVanta => texts::DEN_ENSKILDE_VILL_VANTA,
        AnledningKod::Ovrigt => texts::ANNAN_ANLEDNING,
    }
}

fn kon_label(kon: Kon) -> &'static str {
    match kon {
        Kon::Kvinna => "kvinna",
        Kon::Man => "man",
    }
}

/// IVO's individrapport code for a person: `ÅÅÅÅMMDD-T` and three digits, the second of which
/// (the third position after the dash) is even for a kvinna and odd for a man (as a personnummer,
/// oracle 40: `19480203-T142` is a kvinna, `19480203-T135` a man).
///
/// The digits come from a SHA-256 of the ärende id and the födelsedatum, so the code is the same
/// every quarter and reveals nothing of the personnummer. Two persons born the same day can get
/// the same code (one in fifty); the report warns when that happens.
pub fn identitetskod(arende_id: Option<&str>, fodelsedatum: Date, kon: Kon) -> String {
    let (year, month, day) = fodelsedatum.to_ymd();
    let digest = sha256(format!("{}\n{fodelsedatum}", arende_id.unwrap_or_default()).as_bytes());
    let first = digest[0] % 10;
    let kon_digit = (digest[1] % 5) * 2
        + match kon {
            Kon::Kvinna => 0,
            Kon::Man => 1,
        };
    let last = digest[2] % 10;
    format!("{year:04}{month:02}{day:02}-T{first}{kon_digit}{last}")
}

/// Whether a level of skyddade personuppgifter protects the person in the report.
fn is_skyddad(level: Option<SkyddadePersonuppgifter>) -> bool {
    matches!(
        level,
        Some(
            SkyddadePersonuppgifter::Sekretessmarkering
                | SkyddadePersonuppgifter::SkyddadFolkbokforing
                | SkyddadePersonuppgifter::FingeradePersonuppgifter
        )
    )
}

/// The rows of one case on `rapportdag`, and warnings about it.
///
/// # Errors
/// The core's [`EvaluateError`], unreachable for a case that was read.
pub fn rows_of_case(
    table: &Table<'_>,
    input: &CaseInput,
    kvartal: Kvartal,
    rapportdag: Date,
) -> Result<(Vec<Row>, Vec<String>), EvaluateError> {
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    let person = &input.case.person;
    let skyddad = is_skyddad(person.skyddade_personuppgifter);
    for frist in frister(table, &input.case, rapportdag)? {
        let Subject::Beslut(beslut_idx) = frist.subject else {
            continue;
        };
        let overskriden = matches!(frist.status, FristStatus::Overskriden { .. });
        let kind = match frist.kind {
            FristKind::EjVerkstallt if overskriden => RowKind::EjVerkstallt,
            FristKind::EjVerkstalltEfterAvbrott if overskriden => RowKind::EjVerkstalltEfterAvbrott,
            FristKind::RapporteraVerkstallt
                if kvartal.first_day <= frist.start && frist.start <= rapportdag =>
            {
                RowKind::Verkstallt
            }
            _ => continue,
        };
        let beslut_idx = usize::from(beslut_idx);
        let Some(beslut) = input.case.beslut.get(beslut_idx) else {
            continue;
        };
        let Some(beslutsdatum) = beslut.beslutsdatum else {
            continue;
        };
        let rapport = input
            .rapportuppgifter
            .get(beslut_idx)
            .cloned()
            .unwrap_or_default();
        let insats = table
            .insats_index(&beslut.insats)
            .and_then(|insats_idx| table.insats(insats_idx));
        if insats.is_none() {
            warnings.push(texts::insatsen_finns_inte_i(texts::code_or_unknown(
                &beslut.insats,
            )));
        }
        let lag = insats.map(|insats| insats.lag);
        let avvikelse = match (rapport.verksamhetsomrade, lag) {
            (Some(Verksamhetsomrade::Lss), Some(Lag::SoL)) => Some(texts::BESLUTET_ANGES_SOM_LSS),
            (Some(omrade), Some(Lag::Lss)) if omrade != Verksamhetsomrade::Lss => {
                Some(texts::BESLUTET_ANGES_SOM_ETT)
            }
            _ => None,
        };
        if let Some(avvikelse) = avvikelse {
            warnings.push(texts::raden_raknas_under_det(avvikelse));
        }
        let age = person
            .fodelsedatum
            .and_then(|fodelsedatum| fodelsedatum.age_on(beslutsdatum));
        let verksamhetsomrade = rapport.verksamhetsomrade.or(match (lag, age) {
            (Some(Lag::Lss), _) => Some(Verksamhetsomrade::Lss),
            (Some(Lag::SoL), Some(age)) if age >= 65 => Some(Verksamhetsomrade::Aldreomsorg),
            (Some(Lag::SoL), Some(_)) => Some(Verksamhetsomrade::FunktionsnedsattningSol),
            _ => None,
        });
        let (start, end, avbrott, verkstalld) = match kind {
            RowKind::EjVerkstallt => (beslutsdatum, rapportdag, None, None),
            RowKind::EjVerkstalltEfterAvbrott => (frist.start, rapportdag, Some(frist.start), None),
            RowKind::Verkstallt => (beslutsdatum, frist.start, None, Some(frist.start)),
        };
        let identitetskod = match (skyddad, person.fodelsedatum, person.kon) {
            (false, Some(fodelsedatum), Some(kon)) => {
                Some(identitetskod(input.arende_id.as_deref(), fodelsedatum, kon))
            }
            (false, _, _) => {
                warnings.push(texts::FODELSEDATUM_ELLER_KON_SAKNAS.to_owned());
                None
            }
            (true, _, _) => None,
        };
        rows.push(Row {
            kind,
            skyddad,
            identitetskod,
            verksamhetsomrade,
            // An insats the riktlinje does not know is shown only when it has the form of an
            // insats id: a mapping slip may have put a name or an address there.
            insats: texts::shown_code(&beslut.insats)
                .unwrap_or(texts::OKAND_KOD)
                .to_owned(),
            insats_namn: insats.map(|insats| insats.namn.to_owned()),
            lag,
            lagrum: frist.lagrum.text(),
            beslutsdatum,
            avbrott,
            verkstalld,
            kon: person.kon.filter(|_| !skyddad),
            fodelsear: person
                .fodelsedatum
                .filter(|_| !skyddad)
                .map(|fodelsedatum| fodelsedatum.year()),
            dagar: start.days_until(end),
            tid: Tid::between(start, end),
            anledning_kod: rapport.anledning_kod,
            anledning_text: rapport.anledning_text.filter(|_| !skyddad),
            erbjudanden: rapport
                .erbjudanden
                .into_iter()
                .map(|erbjudande| (erbjudande.datum, erbjudande.text.filter(|_| !skyddad)))
                .collect(),
            rapporterad_tidigare: rapport.rapporterad_tidigare,
            avvikelse,
            line: 0,
        });
    }
    // A beslut that does not say whether it is gynnande cannot be judged: say so rather than
    // leave it out of the report in silence.
    for beslut in &input.case.beslut {
        let open = beslut
            .verkstalld
            .is_none_or(|verkstalld| verkstalld > rapportdag);
        if let (None, Some(beslutsdatum)) = (beslut.gynnande, beslut.beslutsdatum)
            && beslutsdatum <= rapportdag
            && open
        {
            warnings.push(texts::beslutet_om_fran_saknar(
                texts::code_or_unknown(&beslut.insats),
                beslutsdatum,
            ));
        }
    }
    Ok((rows, warnings))
}

/// Runs `riktlinjer ivo`: reads the riktlinje and the cases, writes the report to `out` and
/// every bad record and warning to `err`.
///
/// Returns the report; its `n_bad` counts the records that could not be read.
///
/// # Errors
/// An [`IvoError`] for a usage or I/O error. Bad records do not stop the report: they are
/// counted in it.
pub fn run(
    options: &IvoOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Report, IvoError> {
    let args = options;
    let kvartal = args.kvartal;
    let rapportdag = args.rapportdag.unwrap_or(kvartal.last_day);
    if rapportdag < kvartal.first_day {
        return Err(IvoError::RapportdagBeforeKvartal {
            rapportdag,
            kvartal,
        });
    }
    let store = Store::load(&args.rules)?;
    // The report needs only the law: the three months and the lagrum. The riktlinje gives the
    // insatser their names and their lag, which the law fixes, so a quarter before the first
    // version is reported with the first version's catalogue.
    let in_force = store.in_force(rapportdag);
    let version = in_force
        .or_else(|| {
            store
                .versions
                .iter()
                .filter(|version| version.status == riktlinjer_core::Status::Antagen)
                .min_by_key(|version| version.giltig_fran)
        })
        .ok_or_else(|| IvoError::NoVersion {
            rules: args.rules.clone(),
            rapportdag,
        })?;
    let table = version.table().map_err(|error| IvoError::Decode {
        path: version.path.clone(),
        error,
    })?;
    let records = case::read_cases(&args.cases).map_err(IvoError::Cases)?;
    let name = args.cases.display().to_string();
    let mut report = Report {
        kvartal,
        rapportdag,
        riktlinje_id: table.meta().riktlinje_id.to_owned(),
        content_hash: table.content_hash(),
        riktlinje_galler: in_force.is_some(),
        mottagare: args.mottagare,
        rows: Vec::new(),
        n_records: 0,
        n_bad: 0,
    };
    let mut n_unknown_skydd = 0usize;
    for record in records {
        report.n_records += 1;
        let input = match record.result {
            Ok(input) => input,
            Err(error) => {
                report.n_bad += 1;
                let _ = writeln!(err, "{}", texts::fel(record.line, &name, &error));
                continue;
            }
        };
        let (rows, warnings) =
            rows_of_case(&table, &input, kvartal, rapportdag).map_err(IvoError::Evaluate)?;
        if !rows.is_empty() && input.case.person.skyddade_personuppgifter.is_none() {
            n_unknown_skydd += 1;
        }
        for warning in warnings {
            let _ = writeln!(err, "varning: {name}:{}: {warning}", record.line);
        }
        report.rows.extend(rows.into_iter().map(|mut row| {
            row.line = record.line;
            row
        }));
    }
    report.rows.sort_by(|a, b| {
        let key = |row: &Row| {
            (
                row.kind,
                row.verksamhetsomrade.is_none(),
                row.verksamhetsomrade,
                row.insats.clone(),
                row.avbrott.unwrap_or(row.beslutsdatum),
                row.line,
            )
        };
        key(a).cmp(&key(b))
    });
    warn_about_shared_codes(&report.rows, &name, err);
    if report.mottagare == Mottagare::Fullmaktige {
        for row in &mut report.rows {
            row.identitetskod = None;
            row.anledning_text = None;
            for (_, text) in &mut row.erbjudanden {
                *text = None;
            }
        }
    }
    if n_unknown_skydd > 0 {
        let _ = writeln!(
            err,
            "{}",
            texts::varning_arenden_i_rapporten(n_unknown_skydd)
        );
    }
    let _ = writeln!(
        err,
        "{}",
        texts::arenden_lasta_med_fel(report.n_records, report.n_bad, report.rows.len(), &name)
    );
    let bytes = match args.format {
        ReportFormat::Text => to_text(&report).into_bytes(),
        ReportFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&ReportJson::of(&report)).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        ReportFormat::Csv => to_csv(&report).into_bytes(),
    };
    match out.write_all(&bytes).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(IvoError::Output(error));
        }
        _ => {}
    }
    Ok(report)
}

fn warn_about_shared_codes(rows: &[Row], name: &str, err: &mut dyn Write) {
    let mut lines_by_code: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for row in rows {
        if let Some(code) = &row.identitetskod {
            lines_by_code.entry(code).or_default().insert(row.line);
        }
    }
    for (code, lines) in lines_by_code {
        if lines.len() > 1 {
            let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                err,
                "{}",
                texts::varning_arendena_pa_rad(lines.join(", "), name, code)
            );
        }
    }
}

/// The statistics to fullmäktige: one line per verksamhetsområde and insats, in order.
pub fn statistik(rows: &[Row]) -> Vec<((Option<Verksamhetsomrade>, String), StatistikRad)> {
    let mut lines: BTreeMap<(bool, Option<Verksamhetsomrade>, String), StatistikRad> =
        BTreeMap::new();
    for row in rows {
        let name = row
            .insats_namn
            .clone()
            .unwrap_or_else(|| row.insats.clone());
        let line = lines
            .entry((row.verksamhetsomrade.is_none(), row.verksamhetsomrade, name))
            .or_default();
        match row.kind {
            RowKind::EjVerkstallt | RowKind::EjVerkstalltEfterAvbrott => {
                if let Some(count) = line.ej_verkstallda.get_mut(row.tid.index()) {
                    *count += 1;
                }
                line.skyddade += usize::from(row.skyddad);
            }
            RowKind::Verkstallt => line.verkstallda += 1,
        }
    }
    lines
        .into_iter()
        .map(|((_, omrade, name), line)| ((omrade, name), line))
        .collect()
}

fn totals(statistik: &[((Option<Verksamhetsomrade>, String), StatistikRad)]) -> StatistikRad {
    let mut total = StatistikRad::default();
    for (_, line) in statistik {
        for (sum, count) in total.ej_verkstallda.iter_mut().zip(line.ej_verkstallda) {
            *sum += count;
        }
        total.skyddade += line.skyddade;
        total.verkstallda += line.verkstallda;
    }
    total
}

impl StatistikRad {
    /// Ej verkställda in all intervals.
    pub fn n_ej_verkstallda(&self) -> usize {
        self.ej_verkstallda.iter().sum()
    }
}

/// The provisions of the report to IVO and the revisorer, on `rapportdag`.
fn rapport_lagrum(rapportdag: Date) -> &'static str {
    if rapportdag < NY_SOL_IKRAFT {
        texts::KAP_F_G_SOCIALTJANSTLAGEN
    } else {
        texts::KAP_SOCIALTJANSTLAGEN_OCH_F
    }
}

/// The provisions of the statistics to fullmäktige, on `rapportdag`.
fn statistik_lagrum(rapportdag: Date) -> &'static str {
    if rapportdag < NY_SOL_IKRAFT {
        texts::KAP_H_SOCIALTJANSTLAGEN_OCH
    } else {
        texts::KAP_SOCIALTJANSTLAGEN_OCH_H
    }
}

/// The report in one sentence, the same in every format.
fn sammanfattning(report: &Report) -> String {
    let n_avbrott = report
        .rows
        .iter()
        .filter(|row| row.kind == RowKind::EjVerkstalltEfterAvbrott)
        .count();
    let n_ej = report
        .rows
        .iter()
        .filter(|row| row.kind != RowKind::Verkstallt)
        .count();
    let n_verkstallda = report.rows.len() - n_ej;
    let kvartal = report.kvartal.label();
    let mut text = if n_ej == 0 {
        texts::inga_ej_verkstallda_beslut_att(&kvartal)
    } else {
        let beslut = if n_ej == 1 {
            texts::EJ_VERKSTALLT_BESLUT
        } else {
            texts::EJ_VERKSTALLDA_BESLUT_I_TEXT
        };
        let avbrott = match n_avbrott {
            0 => String::new(),
            n => texts::varav_efter_avbrott(n),
        };
        texts::att_rapportera_for(n_ej, beslut, &avbrott, &kvartal)
    };
    match n_verkstallda {
        0 => {}
        1 => text.push_str(texts::BESLUT_HAR_VERKSTALLTS_EFTER),
        n => text.push_str(&texts::beslut_har_verkstallts_efter(n)),
    }
    if report.n_bad > 0 {
        text.push_str(&texts::obs_av_arenden_kunde(report.n_bad, report.n_records));
    }
    text
}

const SKYDDAD_TEXT: &str = texts::SKYDDADE_PERSONUPPGIFTER_UPPGIFTER_OM;

/// The report as Swedish prose.
pub fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        texts::ej_verkstallda_gynnande_beslut_rapportdag(report.kvartal.label(), report.rapportdag)
    );
    match report.mottagare {
        Mottagare::Ivo => {
            let _ = writeln!(
                out,
                "{}",
                texts::till_ivo_och_revisorerna(rapport_lagrum(report.rapportdag))
            );
        }
        Mottagare::Fullmaktige => {
            let _ = writeln!(
                out,
                "{}",
                texts::till_kommunfullmaktige_och_revisorerna(rapport_lagrum(report.rapportdag))
            );
        }
    }
    let _ = writeln!(
        out,
        "{}",
        texts::riktlinje_innehallshash(&report.riktlinje_id, hash_hex(&report.content_hash))
    );
    if !report.riktlinje_galler {
        let _ = writeln!(out, "{FORE_FORSTA_VERSIONEN}");
    }
    let _ = writeln!(out, "\n{}", sammanfattning(report));
    for (kind, heading) in [
        (RowKind::EjVerkstallt, texts::EJ_VERKSTALLDA_BESLUT),
        (
            RowKind::EjVerkstalltEfterAvbrott,
            texts::EJ_VERKSTALLDA_EFTER_AVBROTT,
        ),
        (RowKind::Verkstallt, texts::VERKSTALLDA_EFTER_MER_AN),
    ] {
        let rows: Vec<&Row> = report.rows.iter().filter(|row| row.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({})", rows.len());
        for (index, row) in rows.iter().enumerate() {
            text_row(&mut out, index + 1, row);
        }
    }
    let statistik = statistik(&report.rows);
    let _ = writeln!(
        out,
        "{}",
        texts::statistik_till_fullmaktige_efter_tom_rad(statistik_lagrum(report.rapportdag))
    );
    if statistik.is_empty() {
        let _ = writeln!(out, "{}", texts::INGA_EJ_VERKSTALLDA_BESLUT);
        return out;
    }
    let heading = texts::VERKSAMHETSOMRADE_INSATS;
    let labels: Vec<String> = statistik
        .iter()
        .map(|((omrade, name), _)| {
            format!("{}: {name}", capitalize(verksamhetsomrade_label(*omrade)))
        })
        .collect();
    let width = labels
        .iter()
        .map(|label| label.chars().count())
        .chain([heading.chars().count()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "  {heading:<width$} {:>8} {:>8} {:>8} {:>8} {:>12}",
        texts::MAN_3_6,
        texts::MAN_6_12,
        texts::MAN,
        "totalt",
        "verkställda"
    );
    let total = totals(&statistik);
    let count = |n| shown_count(n, report.mottagare);
    for (label, (_, line)) in labels.iter().zip(&statistik) {
        text_stat_line(&mut out, label, width, line, &count);
    }
    text_stat_line(&mut out, "Totalt", width, &total, &count);
    if total.skyddade > 0 {
        let _ = writeln!(
            out,
            "{}",
            texts::varav_personer_med_skyddade(count(total.skyddade))
        );
    }
    out
}

/// A count of the statistics as the report shows it: `<3` for 1 or 2 in a de-identified one.
fn shown_count(n: usize, mottagare: Mottagare) -> String {
    match (mottagare, n) {
        (Mottagare::Fullmaktige, 1 | 2) => "<3".to_owned(),
        _ => n.to_string(),
    }
}

fn text_stat_line(
    out: &mut String,
    label: &str,
    width: usize,
    line: &StatistikRad,
    count: &dyn Fn(usize) -> String,
) {
    let [a, b, c] = line.ej_verkstallda.map(count);
    let _ = writeln!(
        out,
        "  {label:<width$} {a:>8} {b:>8} {c:>8} {:>8} {:>12}",
        count(line.n_ej_verkstallda()),
        count(line.verkstallda)
    );
}

fn text_row(out: &mut String, number: usize, row: &Row) {
    let who = if row.skyddad {
        SKYDDAD_TEXT.to_owned()
    } else {
        let mut who = row
            .identitetskod
            .clone()
            .unwrap_or_else(|| texts::UTAN_IDENTITETSKOD.to_owned());
        if let Some(kon) = row.kon {
            who.push_str(&format!(", {}", kon_label(kon)));
        }
        if let Some(year) = row.fodelsear {
            who.push_str(&texts::fodd(year));
        }
        who
    };
    let _ = writeln!(out, "  {number}. {who}");
    let insats = match (&row.insats_namn, row.lag) {
        (Some(namn), Some(lag)) => format!("{namn} ({})", lag_label(lag)),
        _ => texts::finns_inte_i_riktlinjen(&row.insats),
    };
    let _ = writeln!(
        out,
        "     {}: {insats}; beslut {}",
        capitalize(verksamhetsomrade_label(row.verksamhetsomrade)),
        row.beslutsdatum
    );
    if let Some(avvikelse) = row.avvikelse {
        let _ = writeln!(out, "     OBS: {avvikelse}.");
    }
    let since = match (row.kind, row.avbrott, row.verkstalld) {
        (RowKind::EjVerkstalltEfterAvbrott, Some(avbrott), _) => {
            texts::avbrott_ej_verkstallt_igen(row.dagar, row.tid.label(), avbrott)
        }
        (RowKind::Verkstallt, _, Some(verkstalld)) => {
            texts::verkstallt_dagar_efter_beslutet(row.dagar, row.tid.label(), verkstalld)
        }
        _ => texts::ej_verkstallt_efter_dagar(row.dagar, row.tid.label()),
    };
    let _ = writeln!(out, "     {since} [{}]", row.lagrum);
    let anledning = match (row.anledning_kod, &row.anledning_text) {
        (Some(kod), Some(text)) => Some(format!("{}: {text}", capitalize(anledning_label(kod)))),
        (Some(kod), None) => Some(capitalize(anledning_label(kod))),
        (None, Some(text)) => Some(text.clone()),
        (None, None) => None,
    };
    if let Some(anledning) = anledning {
        let _ = writeln!(out, "     Anledning: {anledning}");
    } else if row.kind != RowKind::Verkstallt {
        let _ = writeln!(out, "{}", texts::ANLEDNING_UPPGIFT_SAKNAS_I);
    }
    for (datum, text) in &row.erbjudanden {
        let datum = datum.map_or(texts::DATUM_SAKNAS.to_owned(), |datum| datum.to_string());
        match text {
            Some(text) => {
                let _ = writeln!(out, "     Erbjudande {datum}: {text}");
            }
            None => {
                let _ = writeln!(out, "     Erbjudande {datum}");
            }
        }
    }
    if row.rapporterad_tidigare == Some(true) {
        let _ = writeln!(out, "{}", texts::RAPPORTERAD_I_ETT_TIDIGARE);
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One CSV cell: quoted when it holds a separator, a quote or a line break, and prefixed with
/// `'` when Excel would read it as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

fn ja_nej(value: Option<bool>) -> String {
    match value {
        Some(true) => "ja".to_owned(),
        Some(false) => "nej".to_owned(),
        None => String::new(),
    }
}

fn date_cell(date: Option<Date>) -> String {
    date.map(|date| date.to_string()).unwrap_or_default()
}

/// The report as CSV for Swedish Excel: the rows, then the statistics, each with a heading.
pub fn to_csv(report: &Report) -> String {
    let mut out = String::from("\u{feff}");
    let text = |value: &str| value.to_owned();
    csv_line(
        &mut out,
        &[texts::ej_verkstallda_gynnande_beslut(
            report.kvartal.label(),
            report.rapportdag,
            &report.riktlinje_id,
        )],
    );
    csv_line(&mut out, &[sammanfattning(report)]);
    csv_line(
        &mut out,
        &[
            "Typ",
            "Identitetskod",
            texts::SKYDDADE_PERSONUPPGIFTER,
            "Verksamhetsområde",
            "Insats",
            texts::INSATSENS_NAMN,
            "Lag",
            "Lagrum",
            "Beslutsdatum",
            "Avbrott",
            "Verkställt",
            "Kön",
            "Födelseår",
            "Dagar",
            "Tid",
            "Anledning (kod)",
            "Anledning",
            "Erbjudanden",
            texts::RAPPORTERAD_TIDIGARE,
            "Avvikelse",
        ]
        .map(text),
    );
    for row in &report.rows {
        let erbjudanden: Vec<String> = row
            .erbjudanden
            .iter()
            .map(|(datum, text)| match text {
                Some(text) => format!("{}: {text}", date_cell(*datum)),
                None => date_cell(*datum),
            })
            .collect();
        csv_line(
            &mut out,
            &[
                text(row.kind.label()),
                row.identitetskod.clone().unwrap_or_default(),
                ja_nej(Some(row.skyddad)),
                text(verksamhetsomrade_label(row.verksamhetsomrade)),
                row.insats.clone(),
                row.insats_namn.clone().unwrap_or_default(),
                row.lag.map(lag_label).unwrap_or_default().to_owned(),
                text(row.lagrum),
                row.beslutsdatum.to_string(),
                date_cell(row.avbrott),
                date_cell(row.verkstalld),
                row.kon.map(kon_label).unwrap_or_default().to_owned(),
                row.fodelsear
                    .map(|year| year.to_string())
                    .unwrap_or_default(),
                row.dagar.to_string(),
                text(row.tid.label()),
                row.anledning_kod
                    .map(anledning_label)
                    .unwrap_or_default()
                    .to_owned(),
                row.anledning_text.clone().unwrap_or_default(),
                erbjudanden.join(" | "),
                ja_nej(row.rapporterad_tidigare),
                row.avvikelse.map(text).unwrap_or_default(),
            ],
        );
    }
    out.push_str("\r\n");
    csv_line(
        &mut out,
        &[texts::statistik_till_fullmaktige(statistik_lagrum(
            report.rapportdag,
        ))],
    );
    csv_line(
        &mut out,
        &[
            "Verksamhetsområde",
            "Insats",
            texts::MANADER_3_6,
            texts::MANADER,
            texts::MER_AN_MANADER,
            texts::EJ_VERKSTALLDA_TOTALT,
            texts::VARAV_SKYDDADE_PERSONUPPGIFTER,
            "Verkställda",
        ]
        .map(text),
    );
    let statistik = statistik(&report.rows);
    let total = totals(&statistik);
    let count = |n| shown_count(n, report.mottagare);
    let stat_cells = |omrade: String, insats: String, line: &StatistikRad, skyddade: String| {
        let [a, b, c] = line.ej_verkstallda.map(count);
        vec![
            omrade,
            insats,
            a,
            b,
            c,
            count(line.n_ej_verkstallda()),
            skyddade,
            count(line.verkstallda),
        ]
    };
    for ((omrade, name), line) in &statistik {
        let cells = stat_cells(
            text(verksamhetsomrade_label(*omrade)),
            name.clone(),
            line,
            String::new(),
        );
        csv_line(&mut out, &cells);
    }
    csv_line(
        &mut out,
        &stat_cells(text("Totalt"), String::new(), &total, count(total.skyddade)),
    );
    out
}

/// The JSON document of the report.
#[derive(Debug, Serialize)]
struct ReportJson {
    kvartal: String,
    mottagare: &'static str,
    rapportdag: String,
    lagrum: &'static str,
    riktlinje: RiktlinjeJson,
    arenden: ArendenJson,
    sammanfattning: String,
    rader: Vec<RowJson>,
    statistik: StatistikJson,
}

#[derive(Debug, Serialize)]
struct RiktlinjeJson {
    id: String,
    innehallshash: String,
    galler_rapportdagen: bool,
}

#[derive(Debug, Serialize)]
struct ArendenJson {
    lasta: usize,
    med_fel: usize,
}

#[derive(Debug, Serialize)]
struct RowJson {
    typ: &'static str,
    identitetskod: Option<String>,
    skyddad: bool,
    verksamhetsomrade: &'static str,
    insats: String,
    insats_namn: Option<String>,
    lag: Option<&'static str>,
    lagrum: &'static str,
    beslutsdatum: String,
    avbrott: Option<String>,
    verkstalld: Option<String>,
    kon: Option<&'static str>,
    fodelsear: Option<i32>,
    dagar: i32,
    tid: &'static str,
    anledning_kod: Option<&'static str>,
    anledning_text: Option<String>,
    erbjudanden: Vec<ErbjudandeJson>,
    rapporterad_tidigare: Option<bool>,
    avvikelse: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct ErbjudandeJson {
    datum: Option<String>,
    text: Option<String>,
}

#[derive(Debug, Serialize)]
struct StatistikJson {
    lagrum: &'static str,
    rader: Vec<StatistikRadJson>,
    totalt: StatistikRadJson,
}

#[derive(Debug, Serialize)]
struct StatistikRadJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    verksamhetsomrade: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    insats: Option<String>,
    manader_3_till_6: Value,
    manader_6_till_12: Value,
    over_12_manader: Value,
    ej_verkstallda: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    skyddade: Option<Value>,
    verkstallda: Value,
}

impl StatistikRadJson {
    /// The line; in a de-identified report a count of 1 or 2 is the string `"<3"`.
    fn of(
        omrade: Option<&'static str>,
        insats: Option<String>,
        line: &StatistikRad,
        mottagare: Mottagare,
    ) -> Self {
        let count = |n: usize| match mottagare {
            Mottagare::Fullmaktige if (1..=2).contains(&n) => Value::from("<3"),
            _ => Value::from(n),
        };
        let [a, b, c] = line.ej_verkstallda.map(count);
        StatistikRadJson {
            verksamhetsomrade: omrade,
            insats,
            manader_3_till_6: a,
            manader_6_till_12: b,
            over_12_manader: c,
            ej_verkstallda: count(line.n_ej_verkstallda()),
            // Only the total carries it (see `StatistikRad::skyddade`).
            skyddade: omrade.is_none().then(|| count(line.skyddade)),
            verkstallda: count(line.verkstallda),
        }
    }
}

impl ReportJson {
    fn of(report: &Report) -> ReportJson {
        let statistik = statistik(&report.rows);
        let total = totals(&statistik);
        ReportJson {
            kvartal: report.kvartal.to_string(),
            mottagare: match report.mottagare {
                Mottagare::Ivo => "ivo",
                Mottagare::Fullmaktige => "fullmaktige",
            },
            rapportdag: report.rapportdag.to_string(),
            lagrum: rapport_lagrum(report.rapportdag),
            riktlinje: RiktlinjeJson {
                id: report.riktlinje_id.clone(),
                innehallshash: hash_hex(&report.content_hash),
                galler_rapportdagen: report.riktlinje_galler,
            },
            arenden: ArendenJson {
                lasta: report.n_records - report.n_bad,
                med_fel: report.n_bad,
            },
            sammanfattning: sammanfattning(report),
            rader: report.rows.iter().map(RowJson::of).collect(),
            statistik: StatistikJson {
                lagrum: statistik_lagrum(report.rapportdag),
                rader: statistik
                    .iter()
                    .map(|((omrade, name), line)| {
                        StatistikRadJson::of(
                            Some(verksamhetsomrade_code(*omrade)),
                            Some(name.clone()),
                            line,
                            report.mottagare,
                        )
                    })
                    .collect(),
                totalt: StatistikRadJson::of(None, None, &total, report.mottagare),
            },
        }
    }
}

impl RowJson {
    fn of(row: &Row) -> RowJson {
        RowJson {
            typ: row.kind.code(),
            identitetskod: row.identitetskod.clone(),
            skyddad: row.skyddad,
            verksamhetsomrade: verksamhetsomrade_code(row.verksamhetsomrade),
            insats: row.insats.clone(),
            insats_namn: row.insats_namn.clone(),
            lag: row.lag.map(lag_label),
            lagrum: row.lagrum,
            beslutsdatum: row.beslutsdatum.to_string(),
            avbrott: row.avbrott.map(|date| date.to_string()),
            verkstalld: row.verkstalld.map(|date| date.to_string()),
            kon: row.kon.map(kon_label),
            fodelsear: row.fodelsear,
            dagar: row.dagar,
            tid: row.tid.code(),
            anledning_kod: row.anledning_kod.map(anledning_code),
            anledning_text: row.anledning_text.clone(),
            erbjudanden: row
                .erbjudanden
                .iter()
                .map(|(datum, text)| ErbjudandeJson {
                    datum: datum.map(|date| date.to_string()),
                    text: text.clone(),
                })
                .collect(),
            rapporterad_tidigare: row.rapporterad_tidigare,
            avvikelse: row.avvikelse,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or(Date::EPOCH)
    }

    /// Oracle 40: the third position after the dash is even for a kvinna, odd for a man.
    #[test]
    fn oracle_40_identitetskod() {
        for arende_id in ["A-1", "A-2", "B-77", ""] {
            for (kon, parity) in [(Kon::Kvinna, 0), (Kon::Man, 1)] {
                let code = identitetskod(Some(arende_id), d("1948-02-03"), kon);
                assert_eq!(code.len(), "19480203-T142".len(), "{code}");
                assert!(code.starts_with("19480203-T"), "{code}");
                let digits: Vec<u32> = code[10..].chars().filter_map(|c| c.to_digit(10)).collect();
                assert_eq!(digits.len(), 3, "{code}");
                assert_eq!(digits[1] % 2, parity, "{code}");
                assert_eq!(
                    identitetskod(Some(arende_id), d("1948-02-03"), kon),
                    code,
                    "stabil"
                );
            }
        }
        assert_ne!(
            identitetskod(Some("A-1"), d("1948-02-03"), Kon::Kvinna),
            identitetskod(Some("A-1"), d("1948-02-04"), Kon::Kvinna)
        );
    }

    #[test]
    fn kvartal_parse() {
        let q3 = Kvartal::parse("2025Q3");
        assert_eq!(
            q3.as_ref().map(|q| (q.first_day, q.last_day)),
            Ok((d("2025-07-01"), d("2025-09-30")))
        );
        assert_eq!(
            Kvartal::parse("2025-q4").map(|q| q.last_day),
            Ok(d("2025-12-31"))
        );
        assert_eq!(
            Kvartal::parse("2024Q1").map(|q| q.last_day),
            Ok(d("2024-03-31"))
        );
        for bad in ["2025Q5", "2025", "25Q1", "2025Q", "Q3", "2025Q33"] {
            assert!(Kvartal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tid_intervals() {
        let check = |start: &str, end: &str, want: Tid| {
            assert_eq!(Tid::between(d(start), d(end)), want, "{start} → {end}");
        };
        check("2025-03-31", "2025-09-30", Tid::Manader3Till6);
        check("2025-03-31", "2025-10-01", Tid::Manader6Till12);
        check("2024-09-30", "2025-09-30", Tid::Manader6Till12);
        check("2024-09-29", "2025-09-30", Tid::Over12Manader);
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("enkel"), "enkel");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("säger \"nej\""), "\"säger \"\"nej\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("rad\nbrytning"), "\"rad\nbrytning\"");
    }
}
