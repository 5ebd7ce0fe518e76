//! The case: what a case system knows about a person, and the facts the evaluator reads.
//!
//! A [`Case`] is the person (födelsedatum, kön, skyddade personuppgifter and the values of the
//! catalogue's facts about the person), the applications (ansökningar) to be prövade, the
//! existing decisions (beslut), an anmälan about a child when there is one (barnärende), the
//! skyddsåtgärder used around the person, and a placement in skyddat boende.
//! Which facts a riktlinje asks about is not fixed here: the table's catalogue declares them,
//! and a case carries their values by the catalogue's slot ([`FactValues`]). Only the facts the
//! engine itself derives from the case ([`Builtin`]: ålder from födelsedatum, the facts of a
//! skyddsåtgärd, …) are known to the core by kind.
//! Every fact is optional: a fact the case system did not send is *unknown*, never a default,
//! and a rule that needs it cannot decide.
//! [`Facts`] is the flat view the evaluator reads, one value per slot.
//! This module holds no JSON and no names as a person reads them: the adapter maps those.

use heapless::{String, Vec};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::limits::{
    MAX_ANSOKAN_FACT_VALUES, MAX_ANSOKNINGAR, MAX_BESLUT, MAX_FACTS, MAX_INSATS_ID_LEN,
    MAX_PERSON_FACT_VALUES, MAX_SKYDDSATGARDER,
};

/// One case: a person, what they apply for, and what has already been decided.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The person the case concerns.
    pub person: Person,
    /// The applications to prövas, each for one insats.
    pub ansokningar: Vec<Ansokan, MAX_ANSOKNINGAR>,
    /// Existing decisions, used for frister and for facts such as `har_gällande_beslut`.
    pub beslut: Vec<Beslut, MAX_BESLUT>,
    /// An anmälan about a child and its utredning (SoL 20 kap.), when the case has one.
    pub barnarende: Option<Barnarende>,
    /// Skyddsåtgärder used around the person (a sänggrind, a larmmatta, digital tillsyn), each
    /// to be prövad against the riktlinje's rules for its kind.
    pub skyddsatgarder: Vec<Skyddsatgard, MAX_SKYDDSATGARDER>,
    /// A child's placement in skyddat boende (SoL 9 kap. 5–6 §§; lag (2024:79)), when there is
    /// one.
    pub skyddat_boende: Option<SkyddatBoende>,
}

impl Case {
    /// Makes this the empty case, as [`Case::default`] does, in place: only the lengths and
    /// the small fields are written, so a reader that fills one case after another does not
    /// clear kilobytes it will not read.
    pub fn clear(&mut self) {
        self.person.fodelsedatum = None;
        self.person.kon = None;
        self.person.skyddade_personuppgifter = None;
        self.person.facts.clear();
        self.ansokningar.clear();
        self.beslut.clear();
        self.barnarende = None;
        self.skyddsatgarder.clear();
        self.skyddat_boende = None;
    }
}

/// Facts about the person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Födelsedatum: ålder is derived from it.
    pub fodelsedatum: Option<Date>,
    /// Kön.
    pub kon: Option<Kon>,
    /// Skyddade personuppgifter.
    pub skyddade_personuppgifter: Option<SkyddadePersonuppgifter>,
    /// The values of the catalogue's facts about the person, by slot.
    pub facts: FactValues<MAX_PERSON_FACT_VALUES>,
}

/// One application (ansökan) for one insats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ansokan {
    /// The insats id, as the riktlinje names it (`trygghetslarm`).
    pub insats: String<MAX_INSATS_ID_LEN>,
    /// The day the application came in.
    pub ansokningsdatum: Option<Date>,
    /// Sökt omfattning, in thousandths of the insats's unit (7,3 timmar per månad is 7 300).
    pub sokt_omfattning: Option<i64>,
    /// The values of the catalogue's facts about the application, by slot.
    pub facts: FactValues<MAX_ANSOKAN_FACT_VALUES>,
}

/// One existing decision (beslut).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beslut {
    /// The insats id decided on.
    pub insats: String<MAX_INSATS_ID_LEN>,
    /// Beslutsdatum.
    pub beslutsdatum: Option<Date>,
    /// The day the person was delgiven the decision.
    pub delgiven: Option<Date>,
    /// Whether the decision was gynnande (granted, wholly or in part).
    pub gynnande: Option<bool>,
    /// Tills vidare, or tidsbegränsat to a last day.
    pub giltighet: Option<Giltighet>,
    /// Beviljad omfattning, in thousandths of the insats's unit.
    pub omfattning: Option<i64>,
    /// The day the decision was verkställt, if it has been.
    pub verkstalld: Option<Date>,
    /// The day verkställigheten was avbruten, if it was, and not resumed.
    pub avbrott: Option<Date>,
}

/// The values of some of a catalogue's facts, each with its slot, at most `N`.
///
/// Booleans are 0 or 1, whole numbers themselves, decimals thousandths, dates days since
/// 1970-01-01, a choice the index of its word and a set a bit per word.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactValues<const N: usize>(Vec<FactValue, N>);

/// One fact's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactValue {
    /// The fact's slot in the table's catalogue.
    pub slot: u16,
    /// Its value.
    pub value: i64,
}

impl<const N: usize> FactValues<N> {
    /// No values.
    pub const fn new() -> FactValues<N> {
        FactValues(Vec::new())
    }

    /// The value of the fact in `slot`, if given.
    pub fn get(&self, slot: u16) -> Option<i64> {
        self.0
            .iter()
            .find(|given| given.slot == slot)
            .map(|given| given.value)
    }

    /// Sets the value of the fact in `slot`.
    ///
    /// # Errors
    /// The value back when there is no room for another fact (the case gives more than `N`).
    pub fn set(&mut self, slot: u16, value: i64) -> Result<(), i64> {
        if let Some(given) = self.0.iter_mut().find(|given| given.slot == slot) {
            given.value = value;
            return Ok(());
        }
        self.0
            .push(FactValue { slot, value })
            .map_err(|given| given.value)
    }

    /// Every value, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = FactValue> + '_ {
        self.0.iter().copied()
    }

    /// Puts the values in the order of their slots: one case then has one form, whatever order
    /// its facts were given in.
    pub fn sort_by_slot(&mut self) {
        self.0.sort_unstable_by_key(|given| given.slot);
    }

    /// Removes every value.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no value is given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An ärende about a child that started with an anmälan (SoL 20 kap. 1–3 §§).
///
/// Each day is the day the step was taken; a step not (yet) taken is `None`.
/// A day after the day of prövning counts as not yet taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Barnarende {
    /// The day the anmälan came in: it starts the skyddsbedömning ("genast") and the fourteen
    /// days of the förhandsbedömning.
    #[serde(default)]
    pub anmalan_inkom: Option<Date>,
    /// The day the omedelbara skyddsbedömning was made and documented.
    #[serde(default)]
    pub skyddsbedomning_gjord: Option<Date>,
    /// The day the förhandsbedömning ended with a decision whether to open an utredning.
    #[serde(default)]
    pub forhandsbedomning_klar: Option<Date>,
    /// The day the utredning was inledd: it starts the four months of 20 kap. 3 §, and also
    /// ends the förhandsbedömning.
    #[serde(default)]
    pub utredning_inledd: Option<Date>,
    /// The day the utredning was avslutad.
    #[serde(default)]
    pub utredning_avslutad: Option<Date>,
}

/// One skyddsåtgärd: a measure that protects, supports or restricts the person (a sänggrind, a
/// bälte, a larmmatta, digital tillsyn), as the case system documents it.
///
/// Neither SoL nor LSS gives any ground for coercion (RF 2 kap. 6 och 8 §§): such a measure
/// rests on the person's own samtycke, so the facts here are what the riktlinje's rules and the
/// kommun's rutin ask about it.
/// A day after the day of prövning counts as not yet come.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skyddsatgard {
    /// The kind, as an id of the riktlinje's `åtgärd` blocks (`sanggrind`).
    pub typ: String<MAX_INSATS_ID_LEN>,
    /// What the measure is for.
    #[serde(default)]
    pub syfte: Option<Syfte>,
    /// Who consented, how and when, and whether the person still accepts it.
    #[serde(default)]
    pub samtycke: Samtycke,
    /// The role that decided the measure.
    #[serde(default)]
    pub beslutad_av: Option<Roll>,
    /// The day the measure was decided (its uppföljning is counted from it until the first
    /// uppföljning).
    #[serde(default)]
    pub beslutsdatum: Option<Date>,
    /// The day of the individual riskbedömning, if one was made.
    #[serde(default)]
    pub riskbedomning: Option<Date>,
    /// Less ingripande alternatives were tried first.
    #[serde(default)]
    pub alternativ_provade: Option<bool>,
    /// The measure and the samtycke are documented in the journal.
    #[serde(default)]
    pub dokumenterad_i_journal: Option<bool>,
    /// The day of the latest uppföljning.
    #[serde(default)]
    pub senast_uppfoljd: Option<Date>,
    /// The medicinskt ansvarig sjuksköterska (MAS) is informed.
    #[serde(default)]
    pub mas_informerad: Option<bool>,
    /// The measure applies to every resident of the boende, not to this person alone.
    #[serde(default)]
    pub generell: Option<bool>,
    /// The measure was taken in an acute nödsituation (BrB 24 kap. 4 §), not as a standing
    /// measure.
    #[serde(default)]
    pub nodsituation: Option<bool>,
    /// How many times the measure has been used.
    #[serde(default)]
    pub antal_tillfallen: Option<u16>,
    /// For digital teknik: the technique is placed inside the body (SoL 10 kap. 6 § allows it
    /// only outside).
    #[serde(default)]
    pub inuti_kroppen: Option<bool>,
    /// Where the person lives and is helped.
    #[serde(default)]
    pub boendeform: Option<Boendeform>,
}

/// The samtycke to a skyddsåtgärd.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Samtycke {
    /// Who gave it: the person themself, someone else, or no one.
    #[serde(default)]
    pub av: Option<SamtyckeAv>,
    /// How it was given.
    #[serde(default)]
    pub form: Option<Samtyckesform>,
    /// The day it was given.
    #[serde(default)]
    pub datum: Option<Date>,
    /// The person still accepts the measure (a person who resists it, or shows distress, does
    /// not).
    #[serde(default)]
    pub accepterar_fortfarande: Option<bool>,
    /// The day the samtycke was withdrawn: the measure is to be followed up at once.
    #[serde(default)]
    pub aterkallat: Option<Date>,
}

/// A child's placement in skyddat boende and the steps of lag (2024:79) when the placement is
/// made without a vårdnadshavares samtycke.
///
/// Each day is the day the step was taken; a step not (yet) taken is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkyddatBoende {
    /// The placement is made under lag (2024:79), without a vårdnadshavares samtycke; the
    /// övervägande then follows 5 kap. 3 § of that law.
    #[serde(default)]
    pub utan_vardnadshavares_samtycke: Option<bool>,
    /// The day the placement started: the six months of the övervägande count from it.
    #[serde(default)]
    pub placering_paborjad: Option<Date>,
    /// The day of the latest övervägande.
    #[serde(default)]
    pub senaste_overvagande: Option<Date>,
    /// The day the placement ended.
    #[serde(default)]
    pub placering_avslutad: Option<Date>,
    /// The day of the nämnd's omedelbara beslut (lag (2024:79) 4 kap. 1 §).
    #[serde(default)]
    pub omedelbart_beslut: Option<Date>,
    /// The day the omedelbara beslut was underställt förvaltningsrätten.
    #[serde(default)]
    pub understallt: Option<Date>,
    /// The day förvaltningsrätten's beslut on placement gained laga kraft (3 kap. 3 §).
    #[serde(default)]
    pub laga_kraft: Option<Date>,
    /// The day förvaltningsrätten fastställde the omedelbara beslut.
    #[serde(default)]
    pub faststallt: Option<Date>,
    /// The day the nämnd applied to förvaltningsrätten for placement (4 kap. 6 §).
    #[serde(default)]
    pub ansokan_forvaltningsratten: Option<Date>,
}

/// What a skyddsåtgärd is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Syfte {
    /// To prevent falls.
    Fallprevention,
    /// To make the person feel safe.
    Trygghet,
    /// To support or help the person.
    Stod,
    /// To activate the person.
    Aktivering,
    /// To restrict the person's movement: never a ground for a skyddsåtgärd (Socialstyrelsen).
    BegransaRorelse,
    /// Another purpose, told in the journal.
    Annat,
}

/// Who gave the samtycke to a skyddsåtgärd.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SamtyckeAv {
    /// The person themself: the only samtycke that can carry a skyddsåtgärd.
    DenEnskilde,
    /// A god man, who cannot consent to such a measure for the person.
    GodMan,
    /// A förvaltare, who cannot either.
    Forvaltare,
    /// An anhörig, who cannot either.
    Anhorig,
    /// No one has consented.
    Ingen,
}

/// How a samtycke was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Samtyckesform {
    /// In writing.
    Skriftligt,
    /// Orally.
    Muntligt,
    /// Read from the person's reactions and actions (for a person with demenssjukdom).
    Tolkat,
}

/// The roles that decide skyddsåtgärder under a kommun's rutin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Roll {
    /// The enhetschef of the boende or the hemtjänst.
    Enhetschef,
    /// An arbetsterapeut (personligt förskrivna hjälpmedel).
    Arbetsterapeut,
    /// A fysioterapeut (personligt förskrivna hjälpmedel).
    Fysioterapeut,
    /// A sjuksköterska.
    Sjukskoterska,
    /// A läkare.
    Lakare,
    /// A biståndshandläggare (digital tillsyn granted as bistånd).
    Bistandshandlaggare,
    /// Another role.
    Annan,
}

/// Where the person lives and is helped, as SoL 10 kap. 6 § distinguishes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Boendeform {
    /// The person's own home, with hemtjänst.
    Hemtjanst,
    /// A särskild boendeform för äldre (SoL 8 kap. 4 §).
    SarskildBoendeform,
    /// A bostad med särskild service under LSS 9 § 8 or 9.
    LssBostad,
    /// Another boende.
    Annan,
}

/// How long a decision is valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Giltighet {
    /// Tills vidare.
    TillsVidare,
    /// Tidsbegränsat, up to and including this day.
    Till(Date),
}

/// Kön, as IVO's reports use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kon {
    /// Kvinna.
    Kvinna,
    /// Man.
    Man,
}

/// The levels of skyddade personuppgifter (Skatteverket).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkyddadePersonuppgifter {
    /// No protection.
    Ingen,
    /// Sekretessmarkering (Navet 01003).
    Sekretessmarkering,
    /// Skyddad folkbokföring (Navet 01020), earlier kvarskrivning.
    SkyddadFolkbokforing,
    /// Fingerade personuppgifter.
    FingeradePersonuppgifter,
}

/// The facts the engine derives from the case itself rather than reading a value the case
/// system gives: a catalogue declares them with `källa: motorn`, and the evaluator fills their
/// slots.
///
/// The discriminant is part of the table format (a catalogue names its builtins by it): append
/// new ones at the end and bump [`crate::table::FORMAT_VERSION`] when one is removed or
/// reordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Builtin {
    /// Ålder in whole years on the day of prövning, from födelsedatum.
    Alder,
    /// Ålder in whole years on the ansökningsdatum.
    AlderVidAnsokan,
    /// Kön, from the person.
    Kon,
    /// Skyddade personuppgifter, from the person.
    SkyddadePersonuppgifter,
    /// The ansökningsdatum.
    Ansokningsdatum,
    /// Sökt omfattning, in the insats's unit (a decimal).
    SoktOmfattning,
    /// The case has a beslut in force on the same insats.
    HarGallandeBeslut,
    /// The omfattning of that beslut (a decimal).
    BeviljadOmfattning,
    /// What a skyddsåtgärd is for.
    Syfte,
    /// Who consented to it.
    SamtyckeAv,
    /// How the samtycke was given.
    Samtyckesform,
    /// The day of the samtycke.
    Samtyckesdatum,
    /// The person still accepts the measure.
    AccepterarFortfarande,
    /// The samtycke is withdrawn on or before the day of prövning.
    SamtyckeAterkallat,
    /// Who decided the measure.
    BeslutadAv,
    /// A riskbedömning is made on or before the day of prövning.
    RiskbedomningGjord,
    /// Less ingripande alternatives were tried first.
    AlternativProvade,
    /// The measure is documented in the journal.
    DokumenteradIJournal,
    /// The MAS is informed.
    MasInformerad,
    /// An uppföljning of the measure is overdue.
    UppfoljningForsenad,
    /// The measure applies to every resident.
    Generell,
    /// The measure was taken in a nödsituation.
    Nodsituation,
    /// How many times the measure has been used.
    AntalTillfallen,
    /// The technique is placed inside the body.
    InutiKroppen,
    /// Where the person lives and is helped.
    Boendeform,
    /// The kind of measure is digital teknik (from the table's `åtgärd` block).
    DigitalTeknik,
}

/// Which part of a case a fact describes, and so which rules can read it: a rule about an
/// insats reads the person and the ansökan, a rule about a skyddsåtgärd the person and the
/// skyddsåtgärd.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactScope {
    /// The person.
    Person,
    /// One application.
    Ansokan,
    /// One skyddsåtgärd.
    Skyddsatgard,
}

impl FactScope {
    /// How many scopes there are: a list by scope has this many entries, indexed by
    /// `scope as usize`.
    pub(crate) const COUNT: usize = 3;
}

const _: () = assert!(FactScope::Skyddsatgard as usize + 1 == FactScope::COUNT);

/// The kind of value a fact takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactKind {
    /// Ja or nej: 0 or 1.
    Bool,
    /// A whole number.
    Int,
    /// A decimal number, in thousandths.
    Decimal,
    /// A date: days since 1970-01-01.
    Date,
    /// One word of the fact's list: its index.
    Choice,
    /// Words of the fact's list: a bit per word (at most 64 words).
    Set,
}

/// The enumerations of the builtin facts, whose words the core's own types fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumKind {
    /// [`Kon`].
    Kon,
    /// [`SkyddadePersonuppgifter`].
    SkyddadePersonuppgifter,
    /// [`Syfte`].
    Syfte,
    /// [`SamtyckeAv`].
    SamtyckeAv,
    /// [`Samtyckesform`].
    Samtyckesform,
    /// [`Roll`].
    Roll,
    /// [`Boendeform`].
    Boendeform,
}

/// The value of every fact for one prövning, with unknown facts marked, by slot.
///
/// Filling it is the evaluator's (`facts`); a rule test fills it by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    values: [i64; MAX_FACTS],
    known: [u64; KNOWN_WORDS],
}

/// Words of the bit set of known slots.
const KNOWN_WORDS: usize = MAX_FACTS.div_ceil(64);

impl Builtin {
    /// Every builtin, in the order of their numbers.
    pub const ALL: [Builtin; 26] = [
        Builtin::Alder,
        Builtin::AlderVidAnsokan,
        Builtin::Kon,
        Builtin::SkyddadePersonuppgifter,
        Builtin::Ansokningsdatum,
        Builtin::SoktOmfattning,
        Builtin::HarGallandeBeslut,
        Builtin::BeviljadOmfattning,
        Builtin::Syfte,
        Builtin::SamtyckeAv,
        Builtin::Samtyckesform,
        Builtin::Samtyckesdatum,
        Builtin::AccepterarFortfarande,
        Builtin::SamtyckeAterkallat,
        Builtin::BeslutadAv,
        Builtin::RiskbedomningGjord,
        Builtin::AlternativProvade,
        Builtin::DokumenteradIJournal,
        Builtin::MasInformerad,
        Builtin::UppfoljningForsenad,
        Builtin::Generell,
        Builtin::Nodsituation,
        Builtin::AntalTillfallen,
        Builtin::InutiKroppen,
        Builtin::Boendeform,
        Builtin::DigitalTeknik,
    ];

    /// The builtin's number.
    pub fn index(self) -> usize {
        usize::from(self as u8)
    }

    /// The kind of value the builtin takes, and the enumeration of its words for a choice.
    pub fn kind(self) -> (FactKind, Option<EnumKind>) {
        match self {
            Builtin::Alder | Builtin::AlderVidAnsokan | Builtin::AntalTillfallen => {
                (FactKind::Int, None)
            }
            Builtin::SoktOmfattning | Builtin::BeviljadOmfattning => (FactKind::Decimal, None),
            Builtin::Ansokningsdatum | Builtin::Samtyckesdatum => (FactKind::Date, None),
            Builtin::Kon => (FactKind::Choice, Some(EnumKind::Kon)),
            Builtin::SkyddadePersonuppgifter => {
                (FactKind::Choice, Some(EnumKind::SkyddadePersonuppgifter))
            }
            Builtin::Syfte => (FactKind::Choice, Some(EnumKind::Syfte)),
            Builtin::SamtyckeAv => (FactKind::Choice, Some(EnumKind::SamtyckeAv)),
            Builtin::Samtyckesform => (FactKind::Choice, Some(EnumKind::Samtyckesform)),
            Builtin::BeslutadAv => (FactKind::Choice, Some(EnumKind::Roll)),
            Builtin::Boendeform => (FactKind::Choice, Some(EnumKind::Boendeform)),
            Builtin::HarGallandeBeslut
            | Builtin::AccepterarFortfarande
            | Builtin::SamtyckeAterkallat
            | Builtin::RiskbedomningGjord
            | Builtin::AlternativProvade
            | Builtin::DokumenteradIJournal
            | Builtin::MasInformerad
            | Builtin::UppfoljningForsenad
            | Builtin::Generell
            | Builtin::Nodsituation
            | Builtin::InutiKroppen
            | Builtin::DigitalTeknik => (FactKind::Bool, None),
        }
    }

    /// The part of a case the builtin describes.
    pub fn scope(self) -> FactScope {
        match self {
            Builtin::Alder | Builtin::Kon | Builtin::SkyddadePersonuppgifter => FactScope::Person,
            Builtin::AlderVidAnsokan
            | Builtin::Ansokningsdatum
            | Builtin::SoktOmfattning
            | Builtin::HarGallandeBeslut
            | Builtin::BeviljadOmfattning => FactScope::Ansokan,
            _ => FactScope::Skyddsatgard,
        }
    }
}

impl EnumKind {
    /// The number of values.
    pub fn len(self) -> u8 {
        match self {
            EnumKind::Kon => 2,
            EnumKind::SkyddadePersonuppgifter | EnumKind::Boendeform => 4,
            EnumKind::Syfte => 6,
            EnumKind::SamtyckeAv => 5,
            EnumKind::Samtyckesform => 3,
            EnumKind::Roll => 7,
        }
    }

    /// Whether it has no values (none is empty).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl Default for Facts {
    fn default() -> Facts {
        Facts::new()
    }
}

impl Facts {
    /// No fact known.
    pub const fn new() -> Facts {
        Facts {
            values: [0; MAX_FACTS],
            known: [0; KNOWN_WORDS],
        }
    }

    /// The value in `slot`, if known.
    #[inline]
    pub fn get(&self, slot: usize) -> Option<i64> {
        let word = self.known.get(slot / 64)?;
        if word & (1u64 << (slot % 64)) == 0 {
            return None;
        }
        self.values.get(slot).copied()
    }

    /// Sets the value in `slot` (nothing for a slot past the capacity).
    #[inline]
    pub fn set(&mut self, slot: usize, value: i64) {
        if let (Some(word), Some(stored)) =
            (self.known.get_mut(slot / 64), self.values.get_mut(slot))
        {
            *stored = value;
            *word |= 1u64 << (slot % 64);
        }
    }

    /// Sets the value in `slot`, or marks it unknown.
    #[inline]
    pub fn set_opt(&mut self, slot: usize, value: Option<i64>) {
        match value {
            Some(value) => self.set(slot, value),
            None => self.clear(slot),
        }
    }

    /// Marks every slot unknown, without touching the values (a reused buffer costs no fill).
    #[inline]
    pub fn clear_all(&mut self) {
        self.known = [0; KNOWN_WORDS];
    }

    /// Marks `slot` unknown.
    #[inline]
    pub fn clear(&mut self, slot: usize) {
        if let Some(word) = self.known.get_mut(slot / 64) {
            *word &= !(1u64 << (slot % 64));
        }
    }

    /// Keeps only the slots in `mask` known (one bit per slot).
    #[inline]
    pub fn keep_only(&mut self, mask: &[u64; KNOWN_WORDS]) {
        for (word, keep) in self.known.iter_mut().zip(mask) {
            *word &= keep;
        }
    }

    /// Sets each slot of `mask` that is unknown to `value(slot)`, when that gives one; a known
    /// slot is never asked for or changed. A word of the mask at a time, so the slots the case
    /// gives cost nothing.
    #[inline]
    pub(crate) fn fill_unknown(
        &mut self,
        mask: &SlotMask,
        mut value: impl FnMut(usize) -> Option<i64>,
    ) {
        for (index, (known, wanted)) in self.known.iter_mut().zip(mask).enumerate() {
            let mut missing = *wanted & !*known;
            while missing != 0 {
                let bit = missing.trailing_zeros();
                missing &= missing.wrapping_sub(1);
                let slot = index.saturating_mul(64).saturating_add(bit as usize);
                if let (Some(given), Some(stored)) = (value(slot), self.values.get_mut(slot)) {
                    *stored = given;
                    *known |= 1u64 << bit;
                }
            }
        }
    }
}

/// A bit set of slots, as [`Facts::keep_only`] takes it.
pub type SlotMask = [u64; KNOWN_WORDS];

/// The set of no slots.
pub(crate) const NO_SLOTS: SlotMask = [0; KNOWN_WORDS];

/// Adds `slot` to `mask` (nothing for a slot past the capacity).
#[inline]
pub(crate) fn mark(mask: &mut SlotMask, slot: u16) {
    if let Some(word) = mask.get_mut(usize::from(slot / 64)) {
        *word |= 1u64 << (slot % 64);
    }
}

/// Whether `mask` holds `slot`.
#[inline]
pub(crate) fn marked(mask: &SlotMask, slot: u16) -> bool {
    mask.get(usize::from(slot / 64))
        .is_some_and(|word| word & (1u64 << (slot % 64)) != 0)
}

impl Beslut {
    /// Whether the decision grants an insats that is in force on `on`: gynnande, decided on or
    /// before that day, and not past a tidsbegränsning.
    pub fn is_in_force(&self, on: Date) -> bool {
        let decided = self.beslutsdatum.is_some_and(|day| day <= on);
        let valid = match self.giltighet {
            Some(Giltighet::Till(last)) => on <= last,
            Some(Giltighet::TillsVidare) | None => true,
        };
        self.gynnande == Some(true) && decided && valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_facts_stay_unknown_and_slots_are_independent() {
        let mut facts = Facts::new();
        assert_eq!(facts.get(3), None);
        facts.set(3, -7);
        facts.set(200, 1);
        assert_eq!(facts.get(3), Some(-7));
        assert_eq!(facts.get(200), Some(1));
        facts.clear(3);
        assert_eq!(facts.get(3), None);
        assert_eq!(facts.get(200), Some(1));
        facts.set(MAX_FACTS, 1);
        assert_eq!(facts.get(MAX_FACTS), None);
        let mut mask = NO_SLOTS;
        mask[0] = 1 << 5;
        facts.set(5, 2);
        facts.keep_only(&mask);
        assert_eq!((facts.get(5), facts.get(200)), (Some(2), None));
    }

    #[test]
    fn fact_values_replace_and_bound() {
        let mut values: FactValues<2> = FactValues::new();
        assert_eq!(values.set(4, 1), Ok(()));
        assert_eq!(values.set(4, 2), Ok(()));
        assert_eq!(values.set(9, 3), Ok(()));
        assert_eq!(values.set(10, 5), Err(5));
        assert_eq!(
            (values.get(4), values.get(9), values.get(10)),
            (Some(2), Some(3), None)
        );
    }

    #[test]
    fn a_cleared_case_is_the_empty_case() {
        let day = Date::parse("2026-01-12").ok();
        let mut case = Case::default();
        case.person.fodelsedatum = day;
        case.person.kon = Some(Kon::Kvinna);
        case.person.skyddade_personuppgifter = Some(SkyddadePersonuppgifter::Sekretessmarkering);
        assert_eq!(case.person.facts.set(2, 1), Ok(()));
        let mut ansokan = Ansokan {
            ansokningsdatum: day,
            sokt_omfattning: Some(6_000),
            ..Ansokan::default()
        };
        assert_eq!(ansokan.facts.set(7, 3), Ok(()));
        assert!(case.ansokningar.push(ansokan).is_ok());
        assert!(case.beslut.push(Beslut::default()).is_ok());
        assert!(case.skyddsatgarder.push(Skyddsatgard::default()).is_ok());
        case.barnarende = Some(Barnarende::default());
        case.skyddat_boende = Some(SkyddatBoende::default());
        assert_ne!(case, Case::default());
        case.clear();
        assert_eq!(case, Case::default());
    }

    #[test]
    fn builtin_numbers_match_their_order() {
        for (index, builtin) in Builtin::ALL.iter().enumerate() {
            assert_eq!(builtin.index(), index);
        }
    }
}
