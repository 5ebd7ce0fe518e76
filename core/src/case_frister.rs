//! The frister of a case ([`frister`]): which frister its beslut, ansökningar, barnärende,
//! skyddsåtgärder and skyddat boende have on the day of prövning, under which lagrum, and
//! where each stands.
//!
//! Not to be confused with `frist`, which does the calendar arithmetic (a start day and a
//! period to a last day, the move to a vardag, the status) that this module calls; the table
//! gives only the lag of each insats and the riktlinje's intervals.
//! Time is bounded by the case: each beslut is compared with every other at most once.
//! This module holds no rules of the riktlinje: those are tried in `insats` and
//! `skyddsatgard`.

use heapless::Vec;

use crate::case::{Ansokan, Barnarende, Beslut, Case, Giltighet, SkyddatBoende, Skyddsatgard};
use crate::date::Date;
use crate::decode::Table;
use crate::error::EvaluateError;
use crate::evaluation::{Frist, FristKind, Lagrum, Subject};
use crate::frist::{self, FristStatus, Period};
use crate::holidays;
use crate::limits::{FRIST_WARNING_DAYS, MAX_FRISTER};
use crate::table::{Lag, same_id};

/// The name of the parameter by which a riktlinje says whether lag (1930:173) 2 § moves the
/// last day of the förhandsbedömning (SoL 20 kap. 2 §): value 1 moves it, 0 does not.
///
/// Whether the law moves it is unconfirmed; the test `oracle_30_forhandsbedomning` holds both
/// readings.
/// Without the parameter the engine moves it.
/// Either way the frist reports the calendar day as `nominal` and the legal last day as
/// `sista_dag`, and its status runs to `sista_dag`; since [`FRIST_WARNING_DAYS`] is longer than
/// any move, the handläggare is warned by the calendar day, and the frist is overskriden only
/// after the legal last day.
pub const FORHANDSBEDOMNING_PARAM: &str = "förhandsbedömning_flyttas";

/// The name of the parameter by which a riktlinje sets the interval, in months, of the
/// uppföljning of a skyddsåtgärd.
///
/// No statute fixes the interval, so it is the kommun's: without the parameter (or with a value
/// below 1) no regular uppföljning frist is given and the fact `uppföljning_försenad` stays
/// unknown, unless the samtycke was withdrawn.
pub const UPPFOLJNING_SKYDDSATGARD_PARAM: &str = "uppföljning_skyddsåtgärd_månader";

/// The day socialtjänstlagen (2025:400) came into force; before it, frister cite SoL (2001:453).
pub const NY_SOL_IKRAFT: Date = match Date::from_days(20_270) {
    Some(date) => date,
    None => Date::EPOCH,
};

/// The frister of `case` on `as_of`: for each beslut, then each ansökan, then the barnärende.
///
/// A day in the case that lies after `as_of` counts as not yet come: a beslut decided later has
/// no frister yet, and a beslut verkställt later is not verkställt on `as_of`.
/// A frist whose action the case shows as taken on or before `as_of` is left out.
/// The table is read only for the lag of each beslut's insats (SoL or LSS, which picks the
/// lagrum and whether an individuell plan is due) and for [`FORHANDSBEDOMNING_PARAM`].
///
/// Per beslut, in this order:
/// - [`FristKind::Overklagande`] when it was delgiven: three weeks, moved to a vardag;
/// - for a gynnande beslut with a beslutsdatum: [`FristKind::EjVerkstallt`] while it is not
///   verkställt (three months, reportable if not verkställt by the end of the last day), or
///   [`FristKind::RapporteraVerkstallt`] when it was verkställt after those three months;
///   [`FristKind::EjVerkstalltEfterAvbrott`] after an avbrott; [`FristKind::IndividuellPlan`]
///   for an LSS insats in force;
/// - [`FristKind::Tidsbegransat`] for a gynnande beslut with a last day, until a later beslut on
///   the same insats.
///
/// Per ansökan, [`FristKind::Fl12`] until a beslut on the same insats dated on or after the
/// ansökningsdatum.
/// For the barnärende: [`FristKind::Skyddsbedomning`] until it is gjord, and
/// [`FristKind::Forhandsbedomning`] (fourteen days, see [`FORHANDSBEDOMNING_PARAM`]), both
/// until the förhandsbedömning is klar or an utredning is inledd; then
/// [`FristKind::Barnutredning`] (four months, moved to a vardag) until it is avslutad.
///
/// # Errors
/// [`EvaluateError::TooManyFrister`], unreachable: [`MAX_FRISTER`] covers the fullest case.
pub fn frister(
    table: &Table<'_>,
    case: &Case,
    as_of: Date,
) -> Result<Vec<Frist, MAX_FRISTER>, EvaluateError> {
    let mut list = Vec::new();
    frister_into(table, case, as_of, &mut list)?;
    Ok(list)
}

/// The lagrum of the three-month report of a beslut not verkställt, under `lag` (`None` when the
/// insats is not in the riktlinje), citing the SoL in force on `as_of`.
pub fn ej_verkstallt_lagrum(lag: Option<Lag>, as_of: Date) -> Lagrum {
    match lag {
        Some(Lag::Lss) => Lagrum::Lss28f,
        Some(Lag::SoL) if as_of < NY_SOL_IKRAFT => Lagrum::SoL2001Kap16Par6f,
        Some(Lag::SoL) => Lagrum::SoL34Kap1,
        None => Lagrum::OkandLag,
    }
}

/// The lagrum of the report that a reported beslut is verkställt, as [`ej_verkstallt_lagrum`].
pub fn verkstallt_lagrum(lag: Option<Lag>, as_of: Date) -> Lagrum {
    match lag {
        Some(Lag::Lss) => Lagrum::Lss28g,
        Some(Lag::SoL) if as_of < NY_SOL_IKRAFT => Lagrum::SoL2001Kap16Par6g,
        Some(Lag::SoL) => Lagrum::SoL34Kap2,
        None => Lagrum::OkandLag,
    }
}

/// [`frister`] into the caller's `list`, cleared first.
pub(crate) fn frister_into(
    table: &Table<'_>,
    case: &Case,
    as_of: Date,
    list: &mut Vec<Frist, MAX_FRISTER>,
) -> Result<(), EvaluateError> {
    list.clear();
    let mut frister = Frister {
        list,
        as_of,
        fl12: None,
    };
    for (beslut_idx, beslut) in case.beslut.iter().enumerate() {
        let beslut_idx = u8::try_from(beslut_idx).map_err(|_| EvaluateError::TooManyFrister)?;
        frister.of_beslut(table, case, beslut, Subject::Beslut(beslut_idx))?;
    }
    for (ansokan_idx, ansokan) in case.ansokningar.iter().enumerate() {
        let ansokan_idx = u8::try_from(ansokan_idx).map_err(|_| EvaluateError::TooManyFrister)?;
        frister.of_ansokan(case, ansokan, Subject::Ansokan(ansokan_idx))?;
    }
    if let Some(barnarende) = &case.barnarende {
        frister.of_barnarende(table, barnarende)?;
    }
    for (skyddsatgard_idx, skyddsatgard) in case.skyddsatgarder.iter().enumerate() {
        let subject = Subject::Skyddsatgard(
            u8::try_from(skyddsatgard_idx).map_err(|_| EvaluateError::TooManyFrister)?,
        );
        let uppfoljning = Uppfoljning::of(table, skyddsatgard, as_of);
        for frist in [uppfoljning.regular, uppfoljning.aterkallat]
            .into_iter()
            .flatten()
        {
            frister.add(frist.0, frist.1, subject, frist.2, frist.3, Move::No)?;
        }
    }
    if let Some(skyddat_boende) = &case.skyddat_boende {
        frister.of_skyddat_boende(skyddat_boende)?;
    }
    Ok(())
}

/// Whether an uppföljning of `skyddsatgard` is overdue on `as_of`: one of its uppföljning
/// frister is överskriden; unknown when the regular one cannot be computed and the other does
/// not decide.
pub(crate) fn uppfoljning_forsenad(
    table: &Table<'_>,
    skyddsatgard: &Skyddsatgard,
    as_of: Date,
) -> Option<bool> {
    let uppfoljning = Uppfoljning::of(table, skyddsatgard, as_of);
    let overdue = |frist: Option<(FristKind, Lagrum, Date, Option<Date>)>| {
        frist
            .and_then(|(_, _, _, nominal)| nominal)
            .is_some_and(|nominal| nominal < as_of)
    };
    if overdue(uppfoljning.aterkallat) || overdue(uppfoljning.regular) {
        Some(true)
    } else if uppfoljning.regular_known {
        Some(false)
    } else {
        None
    }
}

/// The uppföljning frister of one skyddsåtgärd, as (kind, lagrum, start, nominal last day).
struct Uppfoljning {
    /// The regular uppföljning, when the riktlinje sets an interval and the measure has a day to
    /// count from; never for a measure taken in a nödsituation.
    regular: Option<(FristKind, Lagrum, Date, Option<Date>)>,
    /// The uppföljning owed at once after the samtycke was withdrawn, until an uppföljning on
    /// or after that day.
    aterkallat: Option<(FristKind, Lagrum, Date, Option<Date>)>,
    /// Whether the regular uppföljning could be computed (or is not owed).
    regular_known: bool,
}

/// Whether lag (1930:173) 2 § moves a frist's last day to the next vardag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    /// The last day is the calendar day.
    No,
    /// A last day that is not a vardag moves to the next vardag.
    ToVardag,
}

/// The fewest days three months can span (28 February to 28 May in a common year): a day
/// that many days after a start or fewer is never past the three months' last day.
const MIN_DAYS_IN_3_MONTHS: i32 = 89;

/// The frister found so far, and the day of prövning, with the FL 12 § last day of the
/// ansökningsdag counted last (ansökningar made together share it).
struct Frister<'l> {
    list: &'l mut Vec<Frist, MAX_FRISTER>,
    as_of: Date,
    fl12: Option<(Date, Option<Date>)>,
}

impl Uppfoljning {
    fn of(table: &Table<'_>, skyddsatgard: &Skyddsatgard, as_of: Date) -> Uppfoljning {
        let happened = |day: Option<Date>| day.filter(|day| *day <= as_of);
        let uppfoljd = happened(skyddsatgard.senast_uppfoljd);
        let aterkallat = happened(skyddsatgard.samtycke.aterkallat)
            .filter(|aterkallat| uppfoljd.is_none_or(|uppfoljd| uppfoljd < *aterkallat))
            .map(|aterkallat| {
                (
                    FristKind::UppfoljningAterkallatSamtycke,
                    Lagrum::Rf2Kap6och8,
                    aterkallat,
                    Some(aterkallat),
                )
            });
        if skyddsatgard.nodsituation == Some(true) {
            return Uppfoljning {
                regular: None,
                aterkallat,
                regular_known: true,
            };
        }
        let months = table
            .param_index(UPPFOLJNING_SKYDDSATGARD_PARAM)
            .and_then(|param_idx| table.param_value(param_idx, as_of))
            .and_then(|months| u16::try_from(months).ok())
            .filter(|months| *months >= 1);
        let start = uppfoljd.or_else(|| happened(skyddsatgard.beslutsdatum));
        let regular = months.zip(start).map(|(months, start)| {
            (
                FristKind::UppfoljningSkyddsatgard,
                Lagrum::SkyddsatgardRutin,
                start,
                frist::nominal_last_day(start, Period::Manader(months)),
            )
        });
        Uppfoljning {
            regular_known: regular.is_some(),
            regular,
            aterkallat,
        }
    }
}

impl Frister<'_> {
    /// `date` if it is on or before the day of prövning: a later day has not come yet.
    fn happened(&self, date: Option<Date>) -> Option<Date> {
        date.filter(|date| *date <= self.as_of)
    }

    fn of_beslut(
        &mut self,
        table: &Table<'_>,
        case: &Case,
        beslut: &Beslut,
        subject: Subject,
    ) -> Result<(), EvaluateError> {
        let as_of = self.as_of;
        if beslut
            .beslutsdatum
            .is_some_and(|beslutsdatum| beslutsdatum > as_of)
        {
            return Ok(());
        }
        if let Some(delgiven) = self.happened(beslut.delgiven) {
            self.add(
                FristKind::Overklagande,
                Lagrum::Fl44,
                subject,
                delgiven,
                frist::nominal_last_day(delgiven, Period::Veckor(3)),
                Move::ToVardag,
            )?;
        }
        if beslut.gynnande != Some(true) {
            return Ok(());
        }
        let lag = table
            .insats_index(&beslut.insats)
            .and_then(|insats_idx| table.insats(insats_idx))
            .map(|insats| insats.lag);
        if let Some(beslutsdatum) = beslut.beslutsdatum {
            let limit = || frist::nominal_last_day(beslutsdatum, Period::Manader(3));
            match self.happened(beslut.verkstalld) {
                None => self.add(
                    FristKind::EjVerkstallt,
                    ej_verkstallt_lagrum(lag, as_of),
                    subject,
                    beslutsdatum,
                    limit(),
                    Move::No,
                )?,
                // Three months are never shorter than 89 days (28 February to 28 May), so a
                // beslut verkställt within them is in time without counting the months.
                Some(verkstalld) if beslutsdatum.days_until(verkstalld) <= MIN_DAYS_IN_3_MONTHS => {
                }
                Some(verkstalld) if limit().is_some_and(|limit| verkstalld > limit) => {
                    self.push(Frist {
                        kind: FristKind::RapporteraVerkstallt,
                        lagrum: verkstallt_lagrum(lag, as_of),
                        subject,
                        start: verkstalld,
                        nominal: verkstalld,
                        sista_dag: verkstalld,
                        moved_because: None,
                        status: FristStatus::Upplysning,
                    })?;
                }
                Some(_) => {}
            }
            if let Some(avbrott) = self.happened(beslut.avbrott) {
                self.add(
                    FristKind::EjVerkstalltEfterAvbrott,
                    ej_verkstallt_lagrum(lag, as_of),
                    subject,
                    avbrott,
                    frist::nominal_last_day(avbrott, Period::Manader(3)),
                    Move::No,
                )?;
            }
            if lag == Some(Lag::Lss) && beslut.is_in_force(as_of) {
                self.add(
                    FristKind::IndividuellPlan,
                    Lagrum::Lss10,
                    subject,
                    beslutsdatum,
                    frist::nominal_last_day(beslutsdatum, Period::Ar(1)),
                    Move::No,
                )?;
            }
        }
        if let Some(Giltighet::Till(last)) = beslut.giltighet {
            // A later beslut on the same insats is the new prövning.
            let proved_again = beslut.beslutsdatum.is_some_and(|beslutsdatum| {
                case.beslut
                    .iter()
                    .filter(|other| same_id(&other.insats, &beslut.insats))
                    .filter_map(|other| self.happened(other.beslutsdatum))
                    .any(|other| other > beslutsdatum)
            });
            if !proved_again {
                self.add(
                    FristKind::Tidsbegransat,
                    Lagrum::Giltighetstid,
                    subject,
                    beslut.beslutsdatum.unwrap_or(last),
                    Some(last),
                    Move::No,
                )?;
            }
        }
        Ok(())
    }

    fn of_ansokan(
        &mut self,
        case: &Case,
        ansokan: &Ansokan,
        subject: Subject,
    ) -> Result<(), EvaluateError> {
        let Some(inkom) = self.happened(ansokan.ansokningsdatum) else {
            return Ok(());
        };
        let decided = case
            .beslut
            .iter()
            .filter(|beslut| same_id(&beslut.insats, &ansokan.insats))
            .filter_map(|beslut| self.happened(beslut.beslutsdatum))
            .any(|beslutsdatum| beslutsdatum >= inkom);
        if decided {
            return Ok(());
        }
        let nominal = match self.fl12 {
            Some((day, nominal)) if day == inkom => nominal,
            _ => {
                let nominal = frist::nominal_last_day(inkom, Period::Manader(6));
                self.fl12 = Some((inkom, nominal));
                nominal
            }
        };
        self.add(
            FristKind::Fl12,
            Lagrum::Fl12,
            subject,
            inkom,
            nominal,
            Move::No,
        )
    }

    fn of_barnarende(
        &mut self,
        table: &Table<'_>,
        barnarende: &Barnarende,
    ) -> Result<(), EvaluateError> {
        let old_sol = self.as_of < NY_SOL_IKRAFT;
        let inledd = self.happened(barnarende.utredning_inledd);
        // An utredning is opened by the decision that ends the förhandsbedömning.
        let bedomd = self.happened(barnarende.forhandsbedomning_klar).is_some() || inledd.is_some();
        if let Some(inkom) = self.happened(barnarende.anmalan_inkom)
            && !bedomd
        {
            let (lagrum_1, lagrum_2) = if old_sol {
                (Lagrum::SoL2001Kap11Par1a, Lagrum::SoL2001Kap11Par1a)
            } else {
                (Lagrum::SoL20Kap1, Lagrum::SoL20Kap2)
            };
            // The skyddsbedömning comes before the förhandsbedömning, so a finished
            // förhandsbedömning shows it done even when the case carries no day for it.
            if self.happened(barnarende.skyddsbedomning_gjord).is_none() {
                self.add(
                    FristKind::Skyddsbedomning,
                    lagrum_1,
                    Subject::Barnarende,
                    inkom,
                    Some(inkom),
                    Move::No,
                )?;
            }
            let rule = match forhandsbedomning_param(table, self.as_of) {
                Some(0) => Move::No,
                _ => Move::ToVardag,
            };
            self.add(
                FristKind::Forhandsbedomning,
                lagrum_2,
                Subject::Barnarende,
                inkom,
                frist::nominal_last_day(inkom, Period::Dagar(14)),
                rule,
            )?;
        }
        if let Some(inledd) = inledd
            && self.happened(barnarende.utredning_avslutad).is_none()
        {
            let lagrum = if old_sol {
                Lagrum::SoL2001Kap11Par2
            } else {
                Lagrum::SoL20Kap3
            };
            self.add(
                FristKind::Barnutredning,
                lagrum,
                Subject::Barnarende,
                inledd,
                frist::nominal_last_day(inledd, Period::Manader(4)),
                Move::ToVardag,
            )?;
        }
        Ok(())
    }

    /// The frister of a child's placement in skyddat boende, until the placement ends:
    /// [`FristKind::OvervagandeSkyddatBoende`] six months from the start or the latest
    /// övervägande (SoL 22 kap. 13 §, before 2025-07-01 SoL (2001:453) 6 kap. 8 §, and lag
    /// (2024:79) 5 kap. 3 § for a placement under that law); [`FristKind::Understallning`] one
    /// week from an omedelbart beslut until it is underställt; [`FristKind::PlaceringInomFyraVeckor`]
    /// four weeks from laga kraft until the placement starts (not moved: the beslut lapses);
    /// [`FristKind::AnsokanInomSexVeckor`] six weeks from the start after fastställelse, until
    /// the application is made.
    fn of_skyddat_boende(&mut self, skyddat_boende: &SkyddatBoende) -> Result<(), EvaluateError> {
        if self.happened(skyddat_boende.placering_avslutad).is_some() {
            return Ok(());
        }
        let subject = Subject::SkyddatBoende;
        let paborjad = self.happened(skyddat_boende.placering_paborjad);
        let lag_2024_79 = skyddat_boende.utan_vardnadshavares_samtycke == Some(true);
        if let Some(paborjad) = paborjad {
            let start = self
                .happened(skyddat_boende.senaste_overvagande)
                .filter(|overvagande| *overvagande >= paborjad)
                .unwrap_or(paborjad);
            let lagrum = if lag_2024_79 {
                Lagrum::Lag2024Nr79Kap5Par3
            } else if self.as_of < NY_SOL_IKRAFT {
                Lagrum::SoL2001Kap6Par8
            } else {
                Lagrum::SoL22Kap13
            };
            self.add(
                FristKind::OvervagandeSkyddatBoende,
                lagrum,
                subject,
                start,
                frist::nominal_last_day(start, Period::Manader(6)),
                Move::No,
            )?;
        }
        if let Some(beslut) = self.happened(skyddat_boende.omedelbart_beslut)
            && self.happened(skyddat_boende.understallt).is_none()
        {
            self.add(
                FristKind::Understallning,
                Lagrum::Lag2024Nr79Kap4Par3,
                subject,
                beslut,
                frist::nominal_last_day(beslut, Period::Veckor(1)),
                Move::ToVardag,
            )?;
        }
        if let Some(laga_kraft) = self.happened(skyddat_boende.laga_kraft)
            && paborjad.is_none()
        {
            self.add(
                FristKind::PlaceringInomFyraVeckor,
                Lagrum::Lag2024Nr79Kap3Par4,
                subject,
                laga_kraft,
                frist::nominal_last_day(laga_kraft, Period::Veckor(4)),
                Move::No,
            )?;
        }
        if self.happened(skyddat_boende.faststallt).is_some()
            && let Some(paborjad) = paborjad
            && self
                .happened(skyddat_boende.ansokan_forvaltningsratten)
                .is_none()
        {
            self.add(
                FristKind::AnsokanInomSexVeckor,
                Lagrum::Lag2024Nr79Kap4Par6,
                subject,
                paborjad,
                frist::nominal_last_day(paborjad, Period::Veckor(6)),
                Move::ToVardag,
            )?;
        }
        Ok(())
    }

    /// Adds a frist that ends on `nominal`, moved as `rule` says, unless its last day lies past
    /// 9999-12-31 (`None`).
    fn add(
        &mut self,
        kind: FristKind,
        lagrum: Lagrum,
        subject: Subject,
        start: Date,
        nominal: Option<Date>,
        rule: Move,
    ) -> Result<(), EvaluateError> {
        let Some(nominal) = nominal else {
            return Ok(());
        };
        let (sista_dag, moved_because) = match rule {
            Move::No => (nominal, None),
            // Most last days are vardagar: one check of the nominal day decides, and the search
            // for the next vardag runs only when the day is moved.
            Move::ToVardag => match holidays::non_vardag(nominal) {
                None => (nominal, None),
                Some(kind) => match frist::next_vardag_on_or_after(nominal) {
                    Some(sista_dag) => (sista_dag, Some(kind)),
                    None => return Ok(()),
                },
            },
        };
        self.push(Frist {
            kind,
            lagrum,
            subject,
            start,
            nominal,
            sista_dag,
            moved_because,
            status: frist::status(sista_dag, self.as_of, FRIST_WARNING_DAYS),
        })
    }

    fn push(&mut self, frist: Frist) -> Result<(), EvaluateError> {
        self.list
            .push(frist)
            .map_err(|_| EvaluateError::TooManyFrister)
    }
}

/// The value of [`FORHANDSBEDOMNING_PARAM`] on `as_of`, if the table sets it.
fn forhandsbedomning_param(table: &Table<'_>, as_of: Date) -> Option<i32> {
    let param_idx = table.param_index(FORHANDSBEDOMNING_PARAM)?;
    table.param_value(param_idx, as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Builtin, Facts};
    use crate::evaluate::evaluate;
    use crate::facts::skyddsatgard_facts;
    use crate::testing::{TableSpec, d, decoded, insats};
    use proptest::prelude::*;

    fn beslut(id: &str, beslutsdatum: &str) -> Beslut {
        Beslut {
            insats: insats(id),
            beslutsdatum: Some(d(beslutsdatum)),
            gynnande: Some(true),
            ..Beslut::default()
        }
    }

    fn case_of(beslut: &[Beslut]) -> Case {
        Case {
            beslut: beslut.iter().cloned().collect(),
            ..Case::default()
        }
    }

    /// One line per frist: kind, subject, lagrum, start..nominal, the move, and the status.
    fn line(frist: &Frist) -> String {
        let moved = match frist.moved_because {
            Some(kind) => format!("→{} ({kind})", frist.sista_dag),
            None if frist.sista_dag != frist.nominal => format!("→{} (?)", frist.sista_dag),
            None => String::new(),
        };
        format!(
            "{:?} {:?} {:?} {}..{}{moved}: {}",
            frist.kind, frist.subject, frist.lagrum, frist.start, frist.nominal, frist.status
        )
    }

    /// The frister of `case` on `as_of` under `table`, one [`line`] each.
    fn check_with(table: &TableSpec, case: &Case, as_of: &str, expect: &[&str]) {
        let bytes = table.encode();
        let table = decoded(&bytes);
        let evaluation = evaluate(&table, case, d(as_of));
        let got: Vec<String, 128> = match &evaluation {
            Ok(evaluation) => evaluation.frister.iter().map(line).collect(),
            Err(error) => core::iter::once(format!("fel: {error}")).collect(),
        };
        let got: std::vec::Vec<&str> = got.iter().map(String::as_str).collect();
        assert_eq!(got, expect, "på {as_of}");
    }

    /// As [`check_with`], under a table describing one SoL insats (`hemtjanst`,
    /// `sarskilt_boende`) and one LSS insats (`bostad_vuxna`).
    fn check(case: &Case, as_of: &str, expect: &[&str]) {
        let table = TableSpec::with_insatser(&[
            ("hemtjanst", Lag::SoL),
            ("sarskilt_boende", Lag::SoL),
            ("bostad_vuxna", Lag::Lss),
        ]);
        check_with(&table, case, as_of, expect);
    }

    type String = std::string::String;
    type Vec<T, const N: usize> = std::vec::Vec<T>;

    /// Oracle 9: an LSS bostad decided 2025-10-15 and not verkställd is reportable after
    /// 2026-01-15 (28 f §); the individuell plan runs too.
    #[test]
    fn oracle_09_lss_bostad_ej_verkstalld() {
        let case = case_of(&[beslut("bostad_vuxna", "2025-10-15")]);
        check(
            &case,
            "2026-01-15",
            &[
                "EjVerkstallt Beslut(0) Lss28f 2025-10-15..2026-01-15: går ut i dag",
                "IndividuellPlan Beslut(0) Lss10 2025-10-15..2026-10-15: löper",
            ],
        );
        check(
            &case,
            "2026-01-16",
            &[
                "EjVerkstallt Beslut(0) Lss28f 2025-10-15..2026-01-15: överskriden med 1 dag",
                "IndividuellPlan Beslut(0) Lss10 2025-10-15..2026-10-15: löper",
            ],
        );
    }

    /// Oracle 10: the individuell plan is omprövad at least yearly (LSS 10 §); 2026-03-01 is a
    /// söndag, and the day is not moved.
    #[test]
    fn oracle_10_individuell_plan() {
        let mut bostad = beslut("bostad_vuxna", "2025-03-01");
        bostad.verkstalld = Some(d("2025-03-10"));
        let case = case_of(core::slice::from_ref(&bostad));
        let plan = "IndividuellPlan Beslut(0) Lss10 2025-03-01..2026-03-01";
        check(
            &case,
            "2026-02-25",
            &[&format!("{plan}: går ut inom 4 dagar")],
        );
        check(
            &case,
            "2026-03-02",
            &[&format!("{plan}: överskriden med 1 dag")],
        );
        // No plan for a beslut no longer in force, nor for a SoL insats.
        bostad.giltighet = Some(Giltighet::Till(d("2025-12-31")));
        check(
            &case_of(&[bostad]),
            "2026-03-02",
            &[
                "Tidsbegransat Beslut(0) Giltighetstid 2025-03-01..2025-12-31: överskriden med 61 dagar",
            ],
        );
        let mut hemtjanst = beslut("hemtjanst", "2025-03-01");
        hemtjanst.verkstalld = Some(d("2025-03-10"));
        check(&case_of(&[hemtjanst]), "2026-03-02", &[]);
    }

    /// Oracle 12: särskilt boende decided 2025-03-31 under the old SoL, still not verkställt
    /// on 2025-07-01: the three months end 2025-06-30, and the new SoL is cited from its first
    /// day in force.
    #[test]
    fn oracle_12_sol_transition() {
        let boende = beslut("sarskilt_boende", "2025-03-31");
        let case = case_of(core::slice::from_ref(&boende));
        check(
            &case,
            "2025-06-30",
            &["EjVerkstallt Beslut(0) SoL2001Kap16Par6f 2025-03-31..2025-06-30: går ut i dag"],
        );
        check(
            &case,
            "2025-07-01",
            &["EjVerkstallt Beslut(0) SoL34Kap1 2025-03-31..2025-06-30: överskriden med 1 dag"],
        );
        // Verkställt on the last day: in time, nothing to report.
        let mut in_time = boende.clone();
        in_time.verkstalld = Some(d("2025-06-30"));
        check(&case_of(&[in_time]), "2025-09-01", &[]);
        // Verkställt later: report that it is verkställt (34 kap. 2 §).
        let mut late = boende;
        late.verkstalld = Some(d("2025-08-15"));
        let case = case_of(&[late]);
        check(
            &case,
            "2025-09-01",
            &["RapporteraVerkstallt Beslut(0) SoL34Kap2 2025-08-15..2025-08-15: upplysning"],
        );
        // Before the day it was verkställt, it was not.
        check(
            &case,
            "2025-08-14",
            &["EjVerkstallt Beslut(0) SoL34Kap1 2025-03-31..2025-06-30: överskriden med 45 dagar"],
        );
    }

    /// Oracle 13: hemtjänst avbruten 2025-11-30 and not resumed is reportable after 2026-02-28.
    #[test]
    fn oracle_13_avbrott() {
        let mut hemtjanst = beslut("hemtjanst", "2025-01-10");
        hemtjanst.verkstalld = Some(d("2025-01-20"));
        hemtjanst.avbrott = Some(d("2025-11-30"));
        let case = case_of(&[hemtjanst]);
        let avbrott = "EjVerkstalltEfterAvbrott Beslut(0) SoL34Kap1 2025-11-30..2026-02-28";
        check(&case, "2026-02-28", &[&format!("{avbrott}: går ut i dag")]);
        check(
            &case,
            "2026-03-01",
            &[&format!("{avbrott}: överskriden med 1 dag")],
        );
        check(&case, "2025-11-29", &[]);
    }

    /// Oracle 22–28: överklagande within three weeks of delgivning (FL 44 §), moved to the next
    /// vardag by lag (1930:173) 2 §.
    #[test]
    fn oracle_22_to_28_overklagande() {
        let cases = [
            ("2025-12-12", "2026-01-02", "", "löper"),
            (
                "2025-12-03",
                "2025-12-24",
                "→2025-12-29 (julafton)",
                "löper",
            ),
            (
                "2025-12-10",
                "2025-12-31",
                "→2026-01-02 (nyårsafton)",
                "löper",
            ),
            (
                "2026-03-13",
                "2026-04-03",
                "→2026-04-07 (långfredagen)",
                "löper",
            ),
            (
                "2026-05-29",
                "2026-06-19",
                "→2026-06-22 (midsommarafton)",
                "löper",
            ),
            (
                "2026-04-23",
                "2026-05-14",
                "→2026-05-15 (Kristi himmelsfärdsdag)",
                "löper",
            ),
            (
                "2026-12-10",
                "2026-12-31",
                "→2027-01-04 (nyårsafton)",
                "löper",
            ),
        ];
        for (delgiven, nominal, moved, status) in cases {
            // An avslag on an insats the riktlinje does not describe: only the överklagande.
            let avslag = Beslut {
                insats: insats("okand"),
                beslutsdatum: Some(d(delgiven)),
                delgiven: Some(d(delgiven)),
                gynnande: Some(false),
                ..Beslut::default()
            };
            let want =
                format!("Overklagande Beslut(0) Fl44 {delgiven}..{nominal}{moved}: {status}");
            check(&case_of(&[avslag]), delgiven, &[&want]);
        }
        let avslag = Beslut {
            delgiven: Some(d("2025-12-03")),
            gynnande: Some(false),
            ..Beslut::default()
        };
        let case = case_of(&[avslag]);
        let frist = "Overklagande Beslut(0) Fl44 2025-12-03..2025-12-24→2025-12-29 (julafton)";
        check(
            &case,
            "2025-12-24",
            &[&format!("{frist}: går ut inom 5 dagar")],
        );
        check(&case, "2025-12-29", &[&format!("{frist}: går ut i dag")]);
        check(
            &case,
            "2025-12-30",
            &[&format!("{frist}: överskriden med 1 dag")],
        );
        // Not yet delgiven on the day of prövning.
        check(&case, "2025-12-02", &[]);
    }

    /// Oracle 30: an anmälan on 2025-12-17; day 14 is nyårsafton. The engine warns by the
    /// calendar day and flags the förhandsbedömning as overskriden after 2026-01-02.
    #[test]
    fn oracle_30_forhandsbedomning() {
        let case = Case {
            barnarende: Some(Barnarende {
                anmalan_inkom: Some(d("2025-12-17")),
                ..Barnarende::default()
            }),
            ..Case::default()
        };
        let skydd = "Skyddsbedomning Barnarende SoL20Kap1 2025-12-17..2025-12-17";
        let forhand = "Forhandsbedomning Barnarende SoL20Kap2 2025-12-17..2025-12-31\
                       →2026-01-02 (nyårsafton)";
        check(
            &case,
            "2025-12-17",
            &[
                &format!("{skydd}: går ut i dag"),
                &format!("{forhand}: löper"),
            ],
        );
        check(
            &case,
            "2025-12-31",
            &[
                &format!("{skydd}: överskriden med 14 dagar"),
                &format!("{forhand}: går ut inom 2 dagar"),
            ],
        );
        let mut bedomd = case.clone();
        if let Some(barnarende) = &mut bedomd.barnarende {
            barnarende.skyddsbedomning_gjord = Some(d("2025-12-17"));
        }
        check(
            &bedomd,
            "2026-01-02",
            &[&format!("{forhand}: går ut i dag")],
        );
        check(
            &bedomd,
            "2026-01-03",
            &[&format!("{forhand}: överskriden med 1 dag")],
        );
        // A riktlinje that holds 2 § not to apply: the calendar day is the last day.
        let mut table = TableSpec::with_insatser(&[]);
        table
            .params
            .push((FORHANDSBEDOMNING_PARAM.into(), vec![(d("2025-01-01"), 0)]));
        let calendar = "Forhandsbedomning Barnarende SoL20Kap2 2025-12-17..2025-12-31";
        check_with(
            &table,
            &bedomd,
            "2026-01-01",
            &[&format!("{calendar}: överskriden med 1 dag")],
        );
        // A förhandsbedömning that ended, with or without an utredning, ends both frister.
        let mut klar = case.clone();
        if let Some(barnarende) = &mut klar.barnarende {
            barnarende.forhandsbedomning_klar = Some(d("2025-12-20"));
        }
        check(&klar, "2026-01-03", &[]);
    }

    /// Oracle 31: a barnutredning inledd 2025-10-31 is to be finished by 2026-02-28, a lördag,
    /// so by 2026-03-02.
    #[test]
    fn oracle_31_barnutredning() {
        let mut barnarende = Barnarende {
            anmalan_inkom: Some(d("2025-10-20")),
            utredning_inledd: Some(d("2025-10-31")),
            ..Barnarende::default()
        };
        let case = Case {
            barnarende: Some(barnarende),
            ..Case::default()
        };
        let utredning = "Barnutredning Barnarende SoL20Kap3 2025-10-31..2026-02-28\
                         →2026-03-02 (lördag)";
        check(
            &case,
            "2026-02-27",
            &[&format!("{utredning}: går ut inom 3 dagar")],
        );
        check(
            &case,
            "2026-03-03",
            &[&format!("{utredning}: överskriden med 1 dag")],
        );
        barnarende.utredning_avslutad = Some(d("2026-02-20"));
        let case = Case {
            barnarende: Some(barnarende),
            ..Case::default()
        };
        check(&case, "2026-03-03", &[]);
        // Before SoL (2025:400), the old chapter 11 is cited.
        let old = Case {
            barnarende: Some(Barnarende {
                utredning_inledd: Some(d("2025-03-03")),
                ..Barnarende::default()
            }),
            ..Case::default()
        };
        check(
            &old,
            "2025-06-20",
            &["Barnutredning Barnarende SoL2001Kap11Par2 2025-03-03..2025-07-03: löper"],
        );
    }

    /// Oracle 34: an ansökan of 2025-06-01 not decided by 2025-12-01: the party may ask for a
    /// decision (FL 12 §).
    #[test]
    fn oracle_34_fl_12() {
        let mut case = Case::default();
        let ansokan = Ansokan {
            insats: insats("hemtjanst"),
            ansokningsdatum: Some(d("2025-06-01")),
            ..Ansokan::default()
        };
        let _ = case.ansokningar.push(ansokan);
        let fl12 = "Fl12 Ansokan(0) Fl12 2025-06-01..2025-12-01";
        check(&case, "2025-12-01", &[&format!("{fl12}: går ut i dag")]);
        check(
            &case,
            "2025-12-02",
            &[&format!("{fl12}: överskriden med 1 dag")],
        );
        // A beslut on another insats, or an earlier one on the same, does not decide it.
        let mut other = beslut("sarskilt_boende", "2025-07-01");
        other.verkstalld = Some(d("2025-07-02"));
        let mut earlier = beslut("hemtjanst", "2025-01-01");
        earlier.gynnande = Some(false);
        let _ = case.beslut.push(other);
        let _ = case.beslut.push(earlier);
        check(
            &case,
            "2025-12-02",
            &[&format!("{fl12}: överskriden med 1 dag")],
        );
        let mut decided = beslut("hemtjanst", "2025-11-20");
        decided.gynnande = Some(false);
        let _ = case.beslut.push(decided);
        check(&case, "2025-12-02", &[]);
    }

    /// Oracle 20, third bullet: a tidsbegränsat beslut ending 2026-03-31 needs a new prövning.
    #[test]
    fn tidsbegransat_until_proved_again() {
        let mut first = beslut("hemtjanst", "2025-10-01");
        first.verkstalld = Some(d("2025-10-05"));
        first.giltighet = Some(Giltighet::Till(d("2026-03-31")));
        let case = case_of(&[first.clone()]);
        let tid = "Tidsbegransat Beslut(0) Giltighetstid 2025-10-01..2026-03-31";
        check(
            &case,
            "2026-03-25",
            &[&format!("{tid}: går ut inom 6 dagar")],
        );
        let mut second = beslut("hemtjanst", "2026-03-20");
        second.verkstalld = Some(d("2026-04-01"));
        let case = case_of(&[first, second]);
        check(&case, "2026-03-19", &[&format!("{tid}: löper")]);
        check(&case, "2026-04-01", &[]);
    }

    /// Days after the day of prövning have not come: a later beslut has no frister yet.
    #[test]
    fn later_days_have_not_come() {
        let mut later = beslut("hemtjanst", "2026-01-10");
        later.delgiven = Some(d("2026-01-12"));
        check(&case_of(&[later]), "2026-01-09", &[]);
    }

    /// An insats the riktlinje does not describe: SoL or LSS is unknown, and so is the lagrum.
    #[test]
    fn unknown_insats_has_unknown_lag() {
        let case = case_of(&[beslut("okand", "2025-10-15")]);
        check(
            &case,
            "2025-11-01",
            &["EjVerkstallt Beslut(0) OkandLag 2025-10-15..2026-01-15: löper"],
        );
    }

    /// The fullest case gives every frist it can and still fits.
    #[test]
    fn the_fullest_case_fits() {
        let mut full = beslut("bostad_vuxna", "2025-01-01");
        full.delgiven = Some(d("2025-01-02"));
        full.verkstalld = Some(d("2025-06-01"));
        full.avbrott = Some(d("2025-07-01"));
        full.giltighet = Some(Giltighet::Till(d("2026-12-31")));
        let mut case = Case::default();
        for _ in 0..crate::limits::MAX_BESLUT {
            let _ = case.beslut.push(full.clone());
        }
        let ansokan = Ansokan {
            insats: insats("hemtjanst"),
            ansokningsdatum: Some(d("2025-01-01")),
            ..Ansokan::default()
        };
        for _ in 0..crate::limits::MAX_ANSOKNINGAR {
            let _ = case.ansokningar.push(ansokan.clone());
        }
        case.barnarende = Some(Barnarende {
            anmalan_inkom: Some(d("2025-08-01")),
            ..Barnarende::default()
        });
        let atgard = Skyddsatgard {
            typ: insats("sanggrind"),
            beslutsdatum: Some(d("2025-01-01")),
            samtycke: crate::case::Samtycke {
                aterkallat: Some(d("2025-07-01")),
                ..crate::case::Samtycke::default()
            },
            ..Skyddsatgard::default()
        };
        for _ in 0..crate::limits::MAX_SKYDDSATGARDER {
            let _ = case.skyddsatgarder.push(atgard.clone());
        }
        case.skyddat_boende = Some(SkyddatBoende {
            placering_paborjad: Some(d("2025-07-20")),
            omedelbart_beslut: Some(d("2025-07-10")),
            faststallt: Some(d("2025-07-25")),
            ..SkyddatBoende::default()
        });
        let mut table = TableSpec::with_insatser(&[("bostad_vuxna", Lag::Lss)]);
        table.params.push((
            UPPFOLJNING_SKYDDSATGARD_PARAM.into(),
            vec![(d("2025-01-01"), 3)],
        ));
        let bytes = table.encode();
        let table = decoded(&bytes);
        let frister = frister(&table, &case, d("2025-08-01"));
        let n_frister = frister.as_ref().map(|frister| frister.len());
        let per_beslut = crate::limits::FRISTER_PER_BESLUT;
        let want = crate::limits::MAX_BESLUT * per_beslut
            + crate::limits::MAX_ANSOKNINGAR
            + 2
            + crate::limits::MAX_SKYDDSATGARDER * crate::limits::FRISTER_PER_SKYDDSATGARD
            + 3;
        assert_eq!(n_frister, Ok(want));
        let kinds: std::collections::BTreeSet<FristKind> = frister
            .iter()
            .flatten()
            .filter(|frist| frist.subject == Subject::Beslut(0))
            .map(|frist| frist.kind)
            .collect();
        assert_eq!(kinds.len(), per_beslut, "{kinds:?}");
        assert!(kinds.contains(&FristKind::RapporteraVerkstallt));
        // Not yet verkställt, the beslut gives ej verkställt in place of rapportera verkställt.
        let frister = super::frister(&table, &case, d("2025-05-01"));
        let kinds: std::collections::BTreeSet<FristKind> = frister
            .iter()
            .flatten()
            .filter(|frist| frist.subject == Subject::Beslut(0))
            .map(|frist| frist.kind)
            .collect();
        assert!(kinds.contains(&FristKind::EjVerkstallt), "{kinds:?}");
        assert!(kinds.len() <= per_beslut, "{kinds:?}");
    }

    /// Oracle 32: a child placed in skyddat boende from 2026-01-15: övervägande by 2026-07-15
    /// (SoL 22 kap. 13 §), then six months from each övervägande, until the placement ends.
    #[test]
    fn oracle_32_overvagande_skyddat_boende() {
        let mut boende = SkyddatBoende {
            placering_paborjad: Some(d("2026-01-15")),
            ..SkyddatBoende::default()
        };
        let case_of_boende = |boende: SkyddatBoende| Case {
            skyddat_boende: Some(boende),
            ..Case::default()
        };
        let overvagande =
            "OvervagandeSkyddatBoende SkyddatBoende SoL22Kap13 2026-01-15..2026-07-15";
        check(
            &case_of_boende(boende),
            "2026-07-10",
            &[&format!("{overvagande}: går ut inom 5 dagar")],
        );
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &[&format!("{overvagande}: överskriden med 1 dag")],
        );
        boende.senaste_overvagande = Some(d("2026-07-01"));
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &["OvervagandeSkyddatBoende SkyddatBoende SoL22Kap13 2026-07-01..2027-01-01: löper"],
        );
        // Under lag (2024:79), the same six months under its 5 kap. 3 §.
        boende.utan_vardnadshavares_samtycke = Some(true);
        check(
            &case_of_boende(boende),
            "2026-07-16",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-07-01..2027-01-01: löper",
            ],
        );
        boende.placering_avslutad = Some(d("2026-08-01"));
        check(&case_of_boende(boende), "2026-08-01", &[]);
        // Before SoL (2025:400), the old 6 kap. 8 §.
        let old = SkyddatBoende {
            placering_paborjad: Some(d("2025-01-15")),
            ..SkyddatBoende::default()
        };
        check(
            &case_of_boende(old),
            "2025-06-01",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende SoL2001Kap6Par8 2025-01-15..2025-07-15: löper",
            ],
        );
    }

    /// Oracle 33: an omedelbart beslut on 2026-03-02 (a måndag) is to be underställt
    /// förvaltningsrätten by 2026-03-09; then the four and six weeks of lag (2024:79).
    #[test]
    fn oracle_33_understallning_and_the_weeks_of_lag_2024_79() {
        let mut boende = SkyddatBoende {
            utan_vardnadshavares_samtycke: Some(true),
            omedelbart_beslut: Some(d("2026-03-02")),
            ..SkyddatBoende::default()
        };
        let case_of_boende = |boende: SkyddatBoende| Case {
            skyddat_boende: Some(boende),
            ..Case::default()
        };
        let understallning =
            "Understallning SkyddatBoende Lag2024Nr79Kap4Par3 2026-03-02..2026-03-09";
        check(
            &case_of_boende(boende),
            "2026-03-02",
            &[&format!("{understallning}: går ut inom 7 dagar")],
        );
        check(
            &case_of_boende(boende),
            "2026-03-10",
            &[&format!("{understallning}: överskriden med 1 dag")],
        );
        // Underställt, fastställt and placed: apply within six weeks of the start, moved to a
        // vardag (2026-04-29 + 6 weeks is 2026-06-10, a onsdag).
        boende.understallt = Some(d("2026-03-05"));
        boende.faststallt = Some(d("2026-03-12"));
        boende.placering_paborjad = Some(d("2026-04-29"));
        check(
            &case_of_boende(boende),
            "2026-05-01",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-04-29..2026-10-29: löper",
                "AnsokanInomSexVeckor SkyddatBoende Lag2024Nr79Kap4Par6 2026-04-29..2026-06-10: löper",
            ],
        );
        boende.ansokan_forvaltningsratten = Some(d("2026-05-20"));
        check(
            &case_of_boende(boende),
            "2026-05-21",
            &[
                "OvervagandeSkyddatBoende SkyddatBoende Lag2024Nr79Kap5Par3 2026-04-29..2026-10-29: löper",
            ],
        );
        // A beslut of förvaltningsrätten with laga kraft 2026-05-29: the placement must start
        // within four weeks, by 2026-06-26; the day is not moved.
        let laga_kraft = SkyddatBoende {
            utan_vardnadshavares_samtycke: Some(true),
            laga_kraft: Some(d("2026-05-29")),
            ..SkyddatBoende::default()
        };
        check(
            &case_of_boende(laga_kraft),
            "2026-06-27",
            &[
                "PlaceringInomFyraVeckor SkyddatBoende Lag2024Nr79Kap3Par4 2026-05-29..2026-06-26: överskriden med 1 dag",
            ],
        );
    }

    /// The uppföljning of a skyddsåtgärd: at the riktlinje's interval from the latest
    /// uppföljning, and at once when the samtycke is withdrawn; none for a nödsituation, none
    /// without an interval.
    #[test]
    fn uppfoljning_of_skyddsatgard() {
        let mut table = TableSpec::with_insatser(&[]);
        table.params.push((
            UPPFOLJNING_SKYDDSATGARD_PARAM.into(),
            vec![(d("2025-01-01"), 3)],
        ));
        let mut atgard = Skyddsatgard {
            typ: insats("sanggrind"),
            beslutsdatum: Some(d("2025-11-30")),
            ..Skyddsatgard::default()
        };
        let case_of_atgard = |atgard: &Skyddsatgard| Case {
            skyddsatgarder: core::iter::once(atgard.clone()).collect(),
            ..Case::default()
        };
        let regular = "UppfoljningSkyddsatgard Skyddsatgard(0) SkyddsatgardRutin";
        check_with(
            &table,
            &case_of_atgard(&atgard),
            "2026-02-28",
            &[&format!("{regular} 2025-11-30..2026-02-28: går ut i dag")],
        );
        atgard.senast_uppfoljd = Some(d("2026-02-20"));
        atgard.samtycke.aterkallat = Some(d("2026-03-02"));
        check_with(
            &table,
            &case_of_atgard(&atgard),
            "2026-03-03",
            &[
                &format!("{regular} 2026-02-20..2026-05-20: löper"),
                "UppfoljningAterkallatSamtycke Skyddsatgard(0) Rf2Kap6och8 2026-03-02..2026-03-02: överskriden med 1 dag",
            ],
        );
        let bytes = table.encode();
        let tabled = decoded(&bytes);
        let person = Facts::new();
        let forsenad = |atgard: &Skyddsatgard, as_of: &str| {
            skyddsatgard_facts(&tabled, &person, atgard, d(as_of))
                .get(Builtin::UppfoljningForsenad.index())
        };
        assert_eq!(forsenad(&atgard, "2026-03-02"), Some(0));
        assert_eq!(forsenad(&atgard, "2026-03-03"), Some(1));
        atgard.senast_uppfoljd = Some(d("2026-03-02"));
        assert_eq!(forsenad(&atgard, "2026-03-03"), Some(0));
        assert_eq!(forsenad(&atgard, "2026-06-03"), Some(1));
        // A measure taken once in a nödsituation has no regular uppföljning.
        atgard.nodsituation = Some(true);
        assert_eq!(forsenad(&atgard, "2026-06-03"), Some(0));
        // Without an interval in the riktlinje, overdue or not is unknown.
        let bare = TableSpec::with_insatser(&[]).encode();
        let bare = decoded(&bare);
        atgard.nodsituation = Some(false);
        let facts = skyddsatgard_facts(&bare, &person, &atgard, d("2026-06-03"));
        assert_eq!(facts.get(Builtin::UppfoljningForsenad.index()), None);
    }

    #[test]
    fn ny_sol_ikraft_is_2025_07_01() {
        assert_eq!(NY_SOL_IKRAFT, d("2025-07-01"));
    }

    #[test]
    fn three_months_can_span_as_few_as_89_days() {
        let start = d("2027-02-28");
        let end = frist::nominal_last_day(start, Period::Manader(3));
        assert_eq!(end, Some(d("2027-05-28")));
        assert_eq!(
            end.map(|end| start.days_until(end)),
            Some(MIN_DAYS_IN_3_MONTHS)
        );
    }

    proptest! {
        /// The shortcut for a beslut verkställt soon after it was made holds on every day:
        /// three months never end before `MIN_DAYS_IN_3_MONTHS` days have passed.
        #[test]
        fn three_months_never_span_fewer_than_89_days(
            days in d("1900-01-01").days()..=d("2399-12-31").days(),
        ) {
            let start = Date::from_days(days).unwrap_or(Date::EPOCH);
            let end = frist::nominal_last_day(start, Period::Manader(3));
            prop_assert!(end.is_some());
            let Some(end) = end else { return Ok(()) };
            prop_assert!(start.days_until(end) >= MIN_DAYS_IN_3_MONTHS);
        }

        /// Every day from the calendar day of a förhandsbedömning to its moved last day is
        /// within the warning window, so the calendar day is never passed unwarned.
        #[test]
        fn forhandsbedomning_warns_by_the_calendar_day(
            days in d("1990-01-01").days()..=d("2199-12-31").days(),
            after in 0i32..=7,
        ) {
            let inkom = Date::from_days(days).unwrap_or(Date::EPOCH);
            let case = Case {
                barnarende: Some(Barnarende {
                    anmalan_inkom: Some(inkom),
                    skyddsbedomning_gjord: Some(inkom),
                    ..Barnarende::default()
                }),
                ..Case::default()
            };
            let bytes = TableSpec::with_insatser(&[]).encode();
            let table = decoded(&bytes);
            let nominal = inkom.add_days(14).unwrap_or(Date::MAX);
            let as_of = nominal.add_days(after).unwrap_or(Date::MAX);
            let frister = frister(&table, &case, as_of);
            let frist = frister.as_ref().ok().and_then(|frister| frister.first());
            prop_assert!(frist.is_some());
            let Some(frist) = frist else { return Ok(()) };
            prop_assert_eq!(frist.nominal, nominal);
            if as_of <= frist.sista_dag {
                prop_assert!(matches!(frist.status, FristStatus::GarUtInom { .. }), "{:?}", frist);
            } else {
                prop_assert!(matches!(frist.status, FristStatus::Overskriden { .. }), "{:?}", frist);
            }
        }
    }
}
