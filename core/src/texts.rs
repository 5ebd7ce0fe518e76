//! Every Swedish text of the core: the messages of its errors, the citations of the lagrum it
//! names, and the names of frister, holidays and the states of a frist.
//!
//! The core holds no heap, so its texts are `&'static str` tables and functions that write into
//! a [`fmt::Formatter`]; the types keep their `Display` and their `name` or `text` methods,
//! which call these.
//! Nothing here allocates or panics.

use core::fmt;

use crate::date::DateError;
use crate::error::{DecodeError, EncodeError, EvaluateError};
use crate::evaluation::{FristKind, Lagrum};
use crate::frist::{FristStatus, MoveReason};
use crate::holidays::{Afton, DayKind, Helgdag};

/// Why a serialized date is out of range.
pub(crate) const DATE_OUT_OF_RANGE: &str = "datum utanför 0001-01-01–9999-12-31";

/// The citation of a lagrum as written in a reason text.
pub(crate) fn lagrum(lagrum: Lagrum) -> &'static str {
    match lagrum {
        Lagrum::Fl44 => "44 § förvaltningslagen (2017:900)",
        Lagrum::Fl12 => "12 § förvaltningslagen (2017:900)",
        Lagrum::SoL34Kap1 => "34 kap. 1 § socialtjänstlagen (2025:400)",
        Lagrum::SoL34Kap2 => "34 kap. 2 § socialtjänstlagen (2025:400)",
        Lagrum::SoL2001Kap16Par6f => "16 kap. 6 f § socialtjänstlagen (2001:453)",
        Lagrum::SoL2001Kap16Par6g => "16 kap. 6 g § socialtjänstlagen (2001:453)",
        Lagrum::Lss28f => "28 f § LSS",
        Lagrum::Lss28g => "28 g § LSS",
        Lagrum::Lss10 => "10 § LSS",
        Lagrum::OkandLag => "SoL eller LSS, beroende på insatsen, som riktlinjen inte beskriver",
        Lagrum::SoL20Kap1 => "20 kap. 1 § socialtjänstlagen (2025:400)",
        Lagrum::SoL20Kap2 => "20 kap. 2 § socialtjänstlagen (2025:400)",
        Lagrum::SoL20Kap3 => "20 kap. 3 § socialtjänstlagen (2025:400)",
        Lagrum::SoL2001Kap11Par1a => "11 kap. 1 a § socialtjänstlagen (2001:453)",
        Lagrum::SoL2001Kap11Par2 => "11 kap. 2 § socialtjänstlagen (2001:453)",
        Lagrum::Giltighetstid => "beslutets giltighetstid",
        Lagrum::Rf2Kap6och8 => "2 kap. 6 och 8 §§ regeringsformen",
        Lagrum::SkyddsatgardRutin => {
            "riktlinjens rutin för skyddsåtgärder; 2 kap. 6 och 8 §§ regeringsformen"
        }
        Lagrum::SoL22Kap13 => "22 kap. 13 § socialtjänstlagen (2025:400)",
        Lagrum::SoL2001Kap6Par8 => "6 kap. 8 § socialtjänstlagen (2001:453)",
        Lagrum::Lag2024Nr79Kap3Par4 => {
            "3 kap. 4 § lagen (2024:79) om placering av barn i skyddat boende"
        }
        Lagrum::Lag2024Nr79Kap4Par3 => {
            "4 kap. 3 § lagen (2024:79) om placering av barn i skyddat boende"
        }
        Lagrum::Lag2024Nr79Kap4Par6 => {
            "4 kap. 6 § lagen (2024:79) om placering av barn i skyddat boende"
        }
        Lagrum::Lag2024Nr79Kap5Par3 => {
            "5 kap. 3 § lagen (2024:79) om placering av barn i skyddat boende"
        }
    }
}

/// The name of a kind of frist as written in running text.
pub(crate) fn frist_kind(kind: FristKind) -> &'static str {
    match kind {
        FristKind::Overklagande => "överklagande",
        FristKind::EjVerkstallt => "ej verkställt beslut",
        FristKind::EjVerkstalltEfterAvbrott => "ej verkställt beslut efter avbrott",
        FristKind::RapporteraVerkstallt => "rapportera att beslutet verkställts",
        FristKind::IndividuellPlan => "omprövning av individuell plan",
        FristKind::Fl12 => "begäran om avgörande efter sex månader",
        FristKind::Tidsbegransat => "tidsbegränsat beslut upphör",
        FristKind::Skyddsbedomning => "omedelbar skyddsbedömning",
        FristKind::Forhandsbedomning => "förhandsbedömning",
        FristKind::Barnutredning => "barnutredning",
        FristKind::UppfoljningSkyddsatgard => "uppföljning av skyddsåtgärd",
        FristKind::UppfoljningAterkallatSamtycke => {
            "uppföljning genast: samtycket till skyddsåtgärden är återkallat"
        }
        FristKind::OvervagandeSkyddatBoende => "övervägande av placering i skyddat boende",
        FristKind::Understallning => "underställning av omedelbart beslut",
        FristKind::PlaceringInomFyraVeckor => "placeringen ska påbörjas inom fyra veckor",
        FristKind::AnsokanInomSexVeckor => {
            "ansökan om placering inom sex veckor efter fastställelse"
        }
    }
}

/// The name of a public holiday as written in running text.
pub(crate) fn helgdag(helgdag: Helgdag) -> &'static str {
    match helgdag {
        Helgdag::Nyarsdagen => "nyårsdagen",
        Helgdag::TrettondedagJul => "trettondedag jul",
        Helgdag::Langfredagen => "långfredagen",
        Helgdag::Paskdagen => "påskdagen",
        Helgdag::AnnandagPask => "annandag påsk",
        Helgdag::ForstaMaj => "första maj",
        Helgdag::KristiHimmelfardsdag => "Kristi himmelsfärdsdag",
        Helgdag::Pingstdagen => "pingstdagen",
        Helgdag::AnnandagPingst => "annandag pingst",
        Helgdag::Nationaldagen => "nationaldagen",
        Helgdag::Midsommardagen => "midsommardagen",
        Helgdag::AllaHelgonsDag => "alla helgons dag",
        Helgdag::Juldagen => "juldagen",
        Helgdag::AnnandagJul => "annandag jul",
        Helgdag::Sondag => "söndag",
    }
}

/// The name of an afton as written in running text.
pub(crate) fn afton(afton: Afton) -> &'static str {
    match afton {
        Afton::Midsommarafton => "midsommarafton",
        Afton::Julafton => "julafton",
        Afton::Nyarsafton => "nyårsafton",
    }
}

/// The name of a day that is not a vardag, as written in running text.
pub(crate) fn day_kind(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Lordag => "lördag",
        DayKind::Sondag => "söndag",
        DayKind::Helgdag(helgdag) => helgdag.name(),
        DayKind::Afton(afton) => afton.name(),
    }
}

/// Writes why a text is not a date.
pub(crate) fn write_date_error(error: &DateError, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error {
        DateError::Format => f.write_str("datum ska skrivas ÅÅÅÅ-MM-DD"),
        DateError::Month { month } => write!(f, "månad {month} finns inte (1–12)"),
        DateError::Day { day, days_in_month } => {
            write!(
                f,
                "dag {day} finns inte i månaden, som har {days_in_month} dagar"
            )
        }
        DateError::Year => f.write_str("året ligger utanför 0001–9999"),
    }
}

/// Writes why bytes are not a valid compiled table.
pub(crate) fn write_decode_error(error: &DecodeError, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error {
        DecodeError::Truncated { len } => {
            write!(f, "regeltabellen är avkortad: {len} byte är för få för ett huvud")
        }
        DecodeError::BadMagic => f.write_str("filen är ingen kompilerad regeltabell"),
        DecodeError::UnsupportedFormat { found } => write!(
            f,
            "regeltabellen har formatversion {found}, men denna version läser bara {}; kompilera om riktlinjen",
            crate::table::FORMAT_VERSION
        ),
        DecodeError::HashMismatch => f.write_str(
            "regeltabellens innehåll stämmer inte med dess kontrollsumma; filen har ändrats eller skadats",
        ),
        DecodeError::Malformed => {
            f.write_str("regeltabellen kan inte läsas: den är avkortad, skadad eller för stor")
        }
        DecodeError::TooLarge { part, capacity } => {
            let what = match part {
                1 => "insatser",
                2 => "parametrar",
                3 => "regler",
                5 => "slag av skyddsåtgärd",
                6 => "regler om skyddsåtgärder",
                7 => "uppgifter i faktakatalogen",
                8 => "värden för val och mängder",
                9 => "tal och omräkningsfaktorer",
                10 => "schablonmoment",
                11 => "egenskaper",
                _ => "delar",
            };
            write!(
                f,
                "regeltabellen har fler {what} än kärnan rymmer på den här datorn ({capacity}); den är kompilerad där kärnan rymmer fler, som på en 64-bitarsdator"
            )
        }
        DecodeError::TrailingBytes { count } => {
            write!(f, "regeltabellen har {count} byte för mycket efter innehållet")
        }
        DecodeError::DuplicateInsats { insats } => {
            write!(f, "insats nummer {insats} förekommer två gånger")
        }
        DecodeError::BadRuleRange { insats } => {
            write!(f, "reglerna för insats nummer {insats} ligger fel i tabellen")
        }
        DecodeError::BadParam { param } => {
            write!(f, "parameter nummer {param} har värden i fel datumordning")
        }
        DecodeError::BadCode { rule } => {
            write!(f, "villkoret i regel nummer {rule} är skadat")
        }
        DecodeError::TooManyReasons { insats } => {
            write!(f, "insats nummer {insats} kan ge fler skäl än en prövning rymmer")
        }
        DecodeError::BadAtgard { atgard } => {
            write!(f, "åtgärd nummer {atgard} har ett ogiltigt eller upprepat id")
        }
        DecodeError::BadAtgardRule { rule } => {
            write!(f, "åtgärdsregel nummer {rule} är skadad")
        }
        DecodeError::TooManyAtgardReasons {
            atgard: Some(atgard),
        } => {
            write!(f, "åtgärd nummer {atgard} kan ge fler skäl än en prövning rymmer")
        }
        DecodeError::TooManyAtgardReasons { atgard: None } => f.write_str(
            "reglerna för alla åtgärder kan ge fler skäl än en prövning rymmer för en åtgärd som riktlinjen inte anger",
        ),
        DecodeError::BadComponent { insats } => {
            write!(f, "schablonerna för insats nummer {insats} är skadade")
        }
        DecodeError::BadProperty { insats } => {
            write!(f, "egenskaperna för insats nummer {insats} är skadade")
        }
        DecodeError::BadNumber => f.write_str("ett tal i regeltabellen har en ogiltig nämnare"),
        DecodeError::BadFact { slot } => {
            write!(f, "uppgift nummer {slot} i faktakatalogen är ogiltig eller upprepad")
        }
    }
}

/// Writes why a table could not be written.
pub(crate) fn write_encode_error(error: &EncodeError, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error {
        EncodeError::BufferTooSmall => f.write_str("bufferten är för liten för regeltabellen"),
    }
}

/// Writes why a case could not be evaluated.
pub(crate) fn write_evaluate_error(
    error: &EvaluateError,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match error {
        EvaluateError::TooManyReasons => {
            f.write_str("en insats gav fler skäl än en prövning rymmer")
        }
        EvaluateError::TooManyAnsokningar => {
            f.write_str("ärendet har fler ansökningar än en prövning rymmer")
        }
        EvaluateError::TooManyFrister => {
            f.write_str("ärendet har fler frister än en prövning rymmer")
        }
        EvaluateError::TooManyAtgardReasons => {
            f.write_str("en skyddsåtgärd gav fler skäl än en prövning rymmer")
        }
        EvaluateError::NoSuchAnsokan => {
            f.write_str("ärendet har ingen ansökan på den plats som angavs")
        }
    }
}

/// Writes why a frist moves to the next vardag.
pub(crate) fn write_move_reason(reason: &MoveReason, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(
        f,
        "{} är {}; fristen flyttas till nästa vardag, {}",
        reason.nominal, reason.kind, reason.sista_dag
    )
}

/// Writes where a frist stands.
pub(crate) fn write_frist_status(status: &FristStatus, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match *status {
        FristStatus::Loper => f.write_str("löper"),
        FristStatus::GarUtInom { dagar: 0 } => f.write_str("går ut i dag"),
        FristStatus::GarUtInom { dagar: 1 } => f.write_str("går ut inom 1 dag"),
        FristStatus::GarUtInom { dagar } => write!(f, "går ut inom {dagar} dagar"),
        FristStatus::Overskriden { dagar: 1 } => f.write_str("överskriden med 1 dag"),
        FristStatus::Overskriden { dagar } => write!(f, "överskriden med {dagar} dagar"),
        FristStatus::Upplysning => f.write_str("upplysning"),
    }
}
