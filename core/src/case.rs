//! The case: the fixed, typed facts a riktlinje can ask about, and the facts derived from them.
//!
//! A [`Case`] is what a case system knows about a person: the person, the applications
//! (ansökningar) to be prövade, the existing decisions (beslut), an anmälan about a child
//! when there is one (barnärende), the skyddsåtgärder used around the person, and a placement
//! in skyddat boende.
//! Every fact is optional: a fact the case system did not send is *unknown*, never a default,
//! and a rule that needs it cannot decide.
//! [`Facts`] is the flat view the evaluator reads, one value per [`FactId`].
//! This module holds no JSON and no names as a person reads them: the adapter maps those.

use heapless::{String, Vec};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::limits::{MAX_ANSOKNINGAR, MAX_BESLUT, MAX_INSATS_ID_LEN, MAX_SKYDDSATGARDER};

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
    ///
    /// A case without the key reads as `None`, so case files written before it existed still
    /// read.
    #[serde(default)]
    pub barnarende: Option<Barnarende>,
    /// Skyddsåtgärder used around the person (a sänggrind, a larmmatta, digital tillsyn), each
    /// to be prövad against the riktlinje's rules for its kind.
    #[serde(default)]
    pub skyddsatgarder: Vec<Skyddsatgard, MAX_SKYDDSATGARDER>,
    /// A child's placement in skyddat boende (SoL 9 kap. 5–6 §§; lag (2024:79)), when there is
    /// one.
    #[serde(default)]
    pub skyddat_boende: Option<SkyddatBoende>,
}

/// Facts about the person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Födelsedatum.
    pub fodelsedatum: Option<Date>,
    /// Kön.
    pub kon: Option<Kon>,
    /// Personkrets under LSS 1 § (1, 2 or 3).
    pub personkrets: Option<u8>,
    /// Folkbokförd i kommunen.
    pub folkbokford_i_kommunen: Option<bool>,
    /// Bor ensam.
    pub bor_ensam: Option<bool>,
    /// Has a make, maka or sambo.
    pub har_make_eller_sambo: Option<bool>,
    /// Stadigvarande bor tillsammans with that make, maka or sambo.
    pub bor_med_make_eller_sambo: Option<bool>,
    /// Skyddade personuppgifter.
    pub skyddade_personuppgifter: Option<SkyddadePersonuppgifter>,
    /// The funktionsnedsättning is due to normalt åldrande (excludes LSS 1 § 3).
    pub normalt_aldrande: Option<bool>,
    /// Has förvärvsarbete.
    pub forvarvsarbetar: Option<bool>,
    /// Is in education (utbildar sig).
    pub studerar: Option<bool>,
    /// Goes to school (skolungdom).
    pub gar_i_skolan: Option<bool>,
    /// Can understand and use a trygghetslarm.
    pub kan_anvanda_larm: Option<bool>,
    /// The need is met in another way (by a spouse, another huvudman, a förmån).
    pub behov_tillgodoses_pa_annat_satt: Option<bool>,
    /// Omfattande och varaktigt behov of care day, evening and night.
    pub behov_dygnet_runt: Option<bool>,
    /// Livsområden (IBIC) in which the person has needs.
    pub behov: Option<Livsomraden>,
    /// Grundläggande behov under LSS 9 a §.
    pub grundlaggande_behov: Option<GrundlaggandeBehov>,
}

/// One application (ansökan) for one insats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ansokan {
    /// The insats id, as the riktlinje names it (`trygghetslarm`).
    pub insats: String<MAX_INSATS_ID_LEN>,
    /// The day the application came in.
    pub ansokningsdatum: Option<Date>,
    /// Sökt omfattning, in the insats's unit.
    pub sokt_omfattning: Option<u32>,
    /// Städning asked for every n weeks.
    pub stadning_var_n_vecka: Option<u8>,
    /// Inköp asked for per week.
    pub inkop_per_vecka: Option<u8>,
    /// Dusch asked for per week.
    pub dusch_per_vecka: Option<u8>,
    /// Tvätt asked for per month.
    pub tvatt_per_manad: Option<u8>,
    /// Vårdnadshavarna consent.
    pub vardnadshavares_samtycke: Option<bool>,
    /// The person (the child) asks or consents themself.
    pub eget_samtycke: Option<bool>,
    /// Asked as an insats utan individuell behovsprövning (SoL 11 kap. 5 §).
    pub utan_behovsprovning: Option<bool>,
    /// Asks to go on living with the make or sambo in the boende (SoL 11 kap. 3 §).
    pub parboende: Option<bool>,
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
    /// Beviljad omfattning, in the insats's unit.
    pub omfattning: Option<u32>,
    /// The day the decision was verkställt, if it has been.
    pub verkstalld: Option<Date>,
    /// The day verkställigheten was avbruten, if it was, and not resumed.
    pub avbrott: Option<Date>,
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

/// A set of IBIC livsområden, as bits in the order of [`Livsomrade`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Livsomraden(pub u16);

/// A set of grundläggande behov (LSS 9 a §), as bits in the order of [`GrundlaggandeBehov::NAMES`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrundlaggandeBehov(pub u16);

/// The IBIC livsområden, plus trygghet and anhörigstöd, in bit order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Livsomrade {
    /// Lärande och att tillämpa kunskap.
    Larande,
    /// Allmänna uppgifter och krav.
    AllmannaUppgifter,
    /// Kommunikation.
    Kommunikation,
    /// Förflyttning.
    Forflyttning,
    /// Personlig vård.
    PersonligVard,
    /// Hemliv.
    Hemliv,
    /// Mellanmänskliga interaktioner och relationer.
    Relationer,
    /// Utbildning, arbete, sysselsättning och ekonomiskt liv.
    Sysselsattning,
    /// Samhällsgemenskap, socialt och medborgerligt liv.
    Samhallsgemenskap,
    /// Känsla av trygghet.
    Trygghet,
    /// Personligt stöd från person som vårdar eller stödjer en närstående.
    Anhorigstod,
}

/// Every fact a condition can read.
///
/// The discriminant is the fact's number in a compiled table: append new facts at the end and
/// bump [`crate::table::FORMAT_VERSION`] when one is removed or reordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum FactId {
    /// `ålder`: age in whole years on the day of prövning.
    Alder,
    /// `ålder_vid_ansökan`: age on the ansökningsdatum.
    AlderVidAnsokan,
    /// `kön`.
    Kon,
    /// `personkrets`.
    Personkrets,
    /// `folkbokförd_i_kommunen`.
    FolkbokfordIKommunen,
    /// `bor_ensam`.
    BorEnsam,
    /// `har_make_eller_sambo`.
    HarMakeEllerSambo,
    /// `bor_med_make_eller_sambo`.
    BorMedMakeEllerSambo,
    /// `skyddade_personuppgifter`.
    SkyddadePersonuppgifter,
    /// `normalt_åldrande`.
    NormaltAldrande,
    /// `förvärvsarbetar`.
    Forvarvsarbetar,
    /// `studerar`.
    Studerar,
    /// `går_i_skolan`.
    GarISkolan,
    /// `kan_använda_larm`.
    KanAnvandaLarm,
    /// `behov_tillgodoses_på_annat_sätt`.
    BehovTillgodosesPaAnnatSatt,
    /// `behov_dygnet_runt`.
    BehovDygnetRunt,
    /// `behov`: a set of livsområden.
    Behov,
    /// `grundläggande_behov`: a set.
    GrundlaggandeBehov,
    /// `ansökningsdatum`.
    Ansokningsdatum,
    /// `sökt_omfattning`.
    SoktOmfattning,
    /// `städning_var_n_vecka`.
    StadningVarNVecka,
    /// `inköp_per_vecka`.
    InkopPerVecka,
    /// `dusch_per_vecka`.
    DuschPerVecka,
    /// `tvätt_per_månad`.
    TvattPerManad,
    /// `vårdnadshavares_samtycke`.
    VardnadshavaresSamtycke,
    /// `eget_samtycke`.
    EgetSamtycke,
    /// `utan_behovsprövning`.
    UtanBehovsprovning,
    /// `parboende`.
    Parboende,
    /// `har_gällande_beslut`: a beslut on the same insats is in force on the day of prövning.
    HarGallandeBeslut,
    /// `beviljad_omfattning`: the omfattning of that beslut.
    BeviljadOmfattning,
    /// `syfte`: what a skyddsåtgärd is for.
    Syfte,
    /// `samtycke_av`: who consented to a skyddsåtgärd.
    SamtyckeAv,
    /// `samtyckesform`: how.
    Samtyckesform,
    /// `samtyckesdatum`: when.
    Samtyckesdatum,
    /// `accepterar_fortfarande`: the person still accepts the skyddsåtgärd.
    AccepterarFortfarande,
    /// `samtycke_återkallat`: the samtycke was withdrawn on or before the day of prövning.
    SamtyckeAterkallat,
    /// `beslutad_av`: the role that decided the skyddsåtgärd.
    BeslutadAv,
    /// `riskbedömning_gjord`: an individual riskbedömning was made on or before the day of
    /// prövning.
    RiskbedomningGjord,
    /// `alternativ_prövade`: less ingripande alternatives were tried first.
    AlternativProvade,
    /// `dokumenterad_i_journal`: the skyddsåtgärd and its samtycke are in the journal.
    DokumenteradIJournal,
    /// `mas_informerad`: the MAS is informed.
    MasInformerad,
    /// `uppföljning_försenad`: an uppföljning of the skyddsåtgärd is overdue (derived from its
    /// frister).
    UppfoljningForsenad,
    /// `generell`: the skyddsåtgärd applies to every resident of the boende.
    Generell,
    /// `nödsituation`: the skyddsåtgärd was taken in an acute nödsituation.
    Nodsituation,
    /// `antal_tillfällen`: how many times it has been used.
    AntalTillfallen,
    /// `inuti_kroppen`: the digital teknik is placed inside the body.
    InutiKroppen,
    /// `boendeform`: where the person lives and is helped.
    Boendeform,
    /// `digital_teknik`: the kind is digital teknik (declared in the riktlinje's `åtgärd`
    /// block).
    DigitalTeknik,
}

/// Which part of a case a fact describes, and so which rules can read it: a rule about an
/// insats reads the person and the ansökan, a rule about a skyddsåtgärd the person and the
/// skyddsåtgärd.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactScope {
    /// The person.
    Person,
    /// The ansökan (and the beslut in force on the same insats).
    Ansokan,
    /// The skyddsåtgärd.
    Skyddsatgard,
}

/// The type of a fact, for the compiler's type check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactType {
    /// Ja or nej.
    Bool,
    /// A whole number.
    Int,
    /// A date.
    Date,
    /// One of the values of an enumeration.
    Enum(EnumKind),
    /// A set of values of an enumeration.
    Set(EnumKind),
}

/// The enumerations facts can take values from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumKind {
    /// [`Kon`].
    Kon,
    /// [`SkyddadePersonuppgifter`].
    SkyddadePersonuppgifter,
    /// [`Livsomrade`].
    Livsomrade,
    /// [`GrundlaggandeBehov`].
    GrundlaggandeBehov,
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

/// The number of facts.
pub const N_FACTS: usize = 48;

/// The value of every fact for one application, with unknown facts marked.
///
/// Booleans are 0 or 1, dates are days since 1970-01-01, enumerations their index and sets a
/// bit mask, so the evaluator handles one representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    values: [i32; N_FACTS],
    known: u64,
}

impl FactId {
    /// Every fact, in number order.
    pub const ALL: [FactId; N_FACTS] = [
        FactId::Alder,
        FactId::AlderVidAnsokan,
        FactId::Kon,
        FactId::Personkrets,
        FactId::FolkbokfordIKommunen,
        FactId::BorEnsam,
        FactId::HarMakeEllerSambo,
        FactId::BorMedMakeEllerSambo,
        FactId::SkyddadePersonuppgifter,
        FactId::NormaltAldrande,
        FactId::Forvarvsarbetar,
        FactId::Studerar,
        FactId::GarISkolan,
        FactId::KanAnvandaLarm,
        FactId::BehovTillgodosesPaAnnatSatt,
        FactId::BehovDygnetRunt,
        FactId::Behov,
        FactId::GrundlaggandeBehov,
        FactId::Ansokningsdatum,
        FactId::SoktOmfattning,
        FactId::StadningVarNVecka,
        FactId::InkopPerVecka,
        FactId::DuschPerVecka,
        FactId::TvattPerManad,
        FactId::VardnadshavaresSamtycke,
        FactId::EgetSamtycke,
        FactId::UtanBehovsprovning,
        FactId::Parboende,
        FactId::HarGallandeBeslut,
        FactId::BeviljadOmfattning,
        FactId::Syfte,
        FactId::SamtyckeAv,
        FactId::Samtyckesform,
        FactId::Samtyckesdatum,
        FactId::AccepterarFortfarande,
        FactId::SamtyckeAterkallat,
        FactId::BeslutadAv,
        FactId::RiskbedomningGjord,
        FactId::AlternativProvade,
        FactId::DokumenteradIJournal,
        FactId::MasInformerad,
        FactId::UppfoljningForsenad,
        FactId::Generell,
        FactId::Nodsituation,
        FactId::AntalTillfallen,
        FactId::InutiKroppen,
        FactId::Boendeform,
        FactId::DigitalTeknik,
    ];

    /// The fact with number `index`, if there is one.
    pub fn from_index(index: u8) -> Option<FactId> {
        FactId::ALL.get(usize::from(index)).copied()
    }

    /// The fact's number.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The fact's type.
    pub fn fact_type(self) -> FactType {
        match self {
            FactId::Alder
            | FactId::AlderVidAnsokan
            | FactId::Personkrets
            | FactId::SoktOmfattning
            | FactId::StadningVarNVecka
            | FactId::InkopPerVecka
            | FactId::DuschPerVecka
            | FactId::TvattPerManad
            | FactId::BeviljadOmfattning
            | FactId::AntalTillfallen => FactType::Int,
            FactId::Kon => FactType::Enum(EnumKind::Kon),
            FactId::SkyddadePersonuppgifter => FactType::Enum(EnumKind::SkyddadePersonuppgifter),
            FactId::Behov => FactType::Set(EnumKind::Livsomrade),
            FactId::GrundlaggandeBehov => FactType::Set(EnumKind::GrundlaggandeBehov),
            FactId::Ansokningsdatum | FactId::Samtyckesdatum => FactType::Date,
            FactId::Syfte => FactType::Enum(EnumKind::Syfte),
            FactId::SamtyckeAv => FactType::Enum(EnumKind::SamtyckeAv),
            FactId::Samtyckesform => FactType::Enum(EnumKind::Samtyckesform),
            FactId::BeslutadAv => FactType::Enum(EnumKind::Roll),
            FactId::Boendeform => FactType::Enum(EnumKind::Boendeform),
            FactId::FolkbokfordIKommunen
            | FactId::BorEnsam
            | FactId::HarMakeEllerSambo
            | FactId::BorMedMakeEllerSambo
            | FactId::NormaltAldrande
            | FactId::Forvarvsarbetar
            | FactId::Studerar
            | FactId::GarISkolan
            | FactId::KanAnvandaLarm
            | FactId::BehovTillgodosesPaAnnatSatt
            | FactId::BehovDygnetRunt
            | FactId::VardnadshavaresSamtycke
            | FactId::EgetSamtycke
            | FactId::UtanBehovsprovning
            | FactId::Parboende
            | FactId::HarGallandeBeslut
            | FactId::AccepterarFortfarande
            | FactId::SamtyckeAterkallat
            | FactId::RiskbedomningGjord
            | FactId::AlternativProvade
            | FactId::DokumenteradIJournal
            | FactId::MasInformerad
            | FactId::UppfoljningForsenad
            | FactId::Generell
            | FactId::Nodsituation
            | FactId::InutiKroppen
            | FactId::DigitalTeknik => FactType::Bool,
        }
    }

    /// Which part of a case the fact describes.
    pub fn scope(self) -> FactScope {
        match self {
            FactId::Alder
            | FactId::Kon
            | FactId::Personkrets
            | FactId::FolkbokfordIKommunen
            | FactId::BorEnsam
            | FactId::HarMakeEllerSambo
            | FactId::BorMedMakeEllerSambo
            | FactId::SkyddadePersonuppgifter
            | FactId::NormaltAldrande
            | FactId::Forvarvsarbetar
            | FactId::Studerar
            | FactId::GarISkolan
            | FactId::KanAnvandaLarm
            | FactId::BehovTillgodosesPaAnnatSatt
            | FactId::BehovDygnetRunt
            | FactId::Behov
            | FactId::GrundlaggandeBehov => FactScope::Person,
            FactId::AlderVidAnsokan
            | FactId::Ansokningsdatum
            | FactId::SoktOmfattning
            | FactId::StadningVarNVecka
            | FactId::InkopPerVecka
            | FactId::DuschPerVecka
            | FactId::TvattPerManad
            | FactId::VardnadshavaresSamtycke
            | FactId::EgetSamtycke
            | FactId::UtanBehovsprovning
            | FactId::Parboende
            | FactId::HarGallandeBeslut
            | FactId::BeviljadOmfattning => FactScope::Ansokan,
            FactId::Syfte
            | FactId::SamtyckeAv
            | FactId::Samtyckesform
            | FactId::Samtyckesdatum
            | FactId::AccepterarFortfarande
            | FactId::SamtyckeAterkallat
            | FactId::BeslutadAv
            | FactId::RiskbedomningGjord
            | FactId::AlternativProvade
            | FactId::DokumenteradIJournal
            | FactId::MasInformerad
            | FactId::UppfoljningForsenad
            | FactId::Generell
            | FactId::Nodsituation
            | FactId::AntalTillfallen
            | FactId::InutiKroppen
            | FactId::Boendeform
            | FactId::DigitalTeknik => FactScope::Skyddsatgard,
        }
    }
}

impl EnumKind {
    /// How many values the enumeration has.
    pub fn len(self) -> u8 {
        match self {
            EnumKind::Kon => 2,
            EnumKind::SkyddadePersonuppgifter => 4,
            EnumKind::Livsomrade => 11,
            EnumKind::GrundlaggandeBehov => 7,
            EnumKind::Syfte => 6,
            EnumKind::SamtyckeAv => 5,
            EnumKind::Samtyckesform => 3,
            EnumKind::Roll => 7,
            EnumKind::Boendeform => 4,
        }
    }

    /// Whether the enumeration has no values (never: every kind has some).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl Livsomrade {
    /// Every livsområde, in bit order.
    pub const ALL: [Livsomrade; 11] = [
        Livsomrade::Larande,
        Livsomrade::AllmannaUppgifter,
        Livsomrade::Kommunikation,
        Livsomrade::Forflyttning,
        Livsomrade::PersonligVard,
        Livsomrade::Hemliv,
        Livsomrade::Relationer,
        Livsomrade::Sysselsattning,
        Livsomrade::Samhallsgemenskap,
        Livsomrade::Trygghet,
        Livsomrade::Anhorigstod,
    ];
}

impl Livsomraden {
    /// Whether the set holds `livsomrade`.
    pub fn contains(self, livsomrade: Livsomrade) -> bool {
        self.0 & (1u16 << (livsomrade as u16)) != 0
    }

    /// The set with `livsomrade` added.
    pub fn with(self, livsomrade: Livsomrade) -> Livsomraden {
        Livsomraden(self.0 | (1u16 << (livsomrade as u16)))
    }
}

impl GrundlaggandeBehov {
    /// The grundläggande behov of LSS 9 a §, in bit order, by their code names.
    pub const NAMES: [&'static str; 7] = [
        "andning",
        "personlig_hygien",
        "maltider",
        "av_och_pakladning",
        "kommunikation",
        "psykisk_funktionsnedsattning",
        "medicinsk_tillsyn",
    ];
}

impl Default for Facts {
    fn default() -> Facts {
        Facts::new()
    }
}

impl Facts {
    /// Facts with every value unknown.
    pub const fn new() -> Facts {
        Facts {
            values: [0; N_FACTS],
            known: 0,
        }
    }

    /// The value of the fact with number `index` (see [`FactId::index`]), if it is known;
    /// `None` for a number that names no fact.
    #[inline]
    pub fn get_index(&self, index: usize) -> Option<i32> {
        let bit = u32::try_from(index)
            .ok()
            .and_then(|index| 1u64.checked_shl(index))?;
        if self.known & bit == 0 {
            return None;
        }
        self.values.get(index).copied()
    }

    /// The value of `fact`, or `None` when it is unknown.
    pub fn get(&self, fact: FactId) -> Option<i32> {
        let index = usize::from(fact.index());
        if self.known & (1u64 << index) == 0 {
            return None;
        }
        self.values.get(index).copied()
    }

    /// Sets `fact` to `value` (in the representation described on [`Facts`]).
    pub fn set(&mut self, fact: FactId, value: i32) {
        let index = usize::from(fact.index());
        if let Some(slot) = self.values.get_mut(index) {
            *slot = value;
            self.known |= 1u64 << index;
        }
    }

    /// Sets `fact` when `value` is known, and leaves it unknown otherwise.
    pub fn set_opt(&mut self, fact: FactId, value: Option<i32>) {
        match value {
            Some(value) => self.set(fact, value),
            None => self.clear(fact),
        }
    }

    /// Marks `fact` unknown.
    pub fn clear(&mut self, fact: FactId) {
        let index = usize::from(fact.index());
        self.known &= !(1u64 << index);
        if let Some(slot) = self.values.get_mut(index) {
            *slot = 0;
        }
    }

    /// The facts of the person alone, on `as_of`.
    pub fn of_person(person: &Person, as_of: Date) -> Facts {
        let mut facts = Facts::new();
        let age = person
            .fodelsedatum
            .and_then(|born| born.age_on(as_of))
            .map(i32::from);
        facts.set_opt(FactId::Alder, age);
        facts.set_opt(FactId::Kon, person.kon.map(|kon| kon as i32));
        facts.set_opt(FactId::Personkrets, person.personkrets.map(i32::from));
        let flags = [
            (FactId::FolkbokfordIKommunen, person.folkbokford_i_kommunen),
            (FactId::BorEnsam, person.bor_ensam),
            (FactId::HarMakeEllerSambo, person.har_make_eller_sambo),
            (
                FactId::BorMedMakeEllerSambo,
                person.bor_med_make_eller_sambo,
            ),
            (FactId::NormaltAldrande, person.normalt_aldrande),
            (FactId::Forvarvsarbetar, person.forvarvsarbetar),
            (FactId::Studerar, person.studerar),
            (FactId::GarISkolan, person.gar_i_skolan),
            (FactId::KanAnvandaLarm, person.kan_anvanda_larm),
            (
                FactId::BehovTillgodosesPaAnnatSatt,
                person.behov_tillgodoses_pa_annat_satt,
            ),
            (FactId::BehovDygnetRunt, person.behov_dygnet_runt),
        ];
        for (fact, flag) in flags {
            facts.set_opt(fact, flag.map(i32::from));
        }
        facts.set_opt(
            FactId::SkyddadePersonuppgifter,
            person.skyddade_personuppgifter.map(|level| level as i32),
        );
        facts.set_opt(FactId::Behov, person.behov.map(|set| i32::from(set.0)));
        facts.set_opt(
            FactId::GrundlaggandeBehov,
            person.grundlaggande_behov.map(|set| i32::from(set.0)),
        );
        facts
    }

    /// Adds the facts of one application (and of the case's beslut on the same insats) to the
    /// facts of the person.
    pub fn with_ansokan(mut self, case: &Case, ansokan: &Ansokan, as_of: Date) -> Facts {
        let age_at_application = case
            .person
            .fodelsedatum
            .zip(ansokan.ansokningsdatum)
            .and_then(|(born, applied)| born.age_on(applied))
            .map(i32::from);
        self.set_opt(FactId::AlderVidAnsokan, age_at_application);
        self.set_opt(
            FactId::Ansokningsdatum,
            ansokan.ansokningsdatum.map(Date::days),
        );
        self.set_opt(
            FactId::SoktOmfattning,
            ansokan.sokt_omfattning.map(saturating_i32),
        );
        let counts = [
            (FactId::StadningVarNVecka, ansokan.stadning_var_n_vecka),
            (FactId::InkopPerVecka, ansokan.inkop_per_vecka),
            (FactId::DuschPerVecka, ansokan.dusch_per_vecka),
            (FactId::TvattPerManad, ansokan.tvatt_per_manad),
        ];
        for (fact, count) in counts {
            self.set_opt(fact, count.map(i32::from));
        }
        let flags = [
            (
                FactId::VardnadshavaresSamtycke,
                ansokan.vardnadshavares_samtycke,
            ),
            (FactId::EgetSamtycke, ansokan.eget_samtycke),
            (FactId::UtanBehovsprovning, ansokan.utan_behovsprovning),
            (FactId::Parboende, ansokan.parboende),
        ];
        for (fact, flag) in flags {
            self.set_opt(fact, flag.map(i32::from));
        }
        let in_force = case.beslut.iter().find(|beslut| {
            crate::table::same_id(&beslut.insats, &ansokan.insats) && beslut.is_in_force(as_of)
        });
        self.set(FactId::HarGallandeBeslut, i32::from(in_force.is_some()));
        self.set_opt(
            FactId::BeviljadOmfattning,
            in_force
                .and_then(|beslut| beslut.omfattning)
                .map(saturating_i32),
        );
        self
    }
}

impl Facts {
    /// Adds the facts of one skyddsåtgärd, as the case states them on `as_of`, to the facts of
    /// the person.
    ///
    /// A dated step (riskbedömning, withdrawal of the samtycke) counts as taken when its day is
    /// on or before `as_of`, and as not taken when the case has no day for it, as a beslut
    /// without a day of verkställighet is not verkställt.
    /// Two facts need the table and are left unknown here: `digital_teknik` (from the kind's
    /// declaration) and `uppföljning_försenad` (from the riktlinje's interval); the evaluator
    /// adds them.
    pub fn with_skyddsatgard(mut self, skyddsatgard: &Skyddsatgard, as_of: Date) -> Facts {
        let samtycke = &skyddsatgard.samtycke;
        let happened = |day: Option<Date>| i32::from(day.is_some_and(|day| day <= as_of));
        self.set_opt(FactId::Syfte, skyddsatgard.syfte.map(|value| value as i32));
        self.set_opt(FactId::SamtyckeAv, samtycke.av.map(|value| value as i32));
        self.set_opt(
            FactId::Samtyckesform,
            samtycke.form.map(|value| value as i32),
        );
        self.set_opt(FactId::Samtyckesdatum, samtycke.datum.map(Date::days));
        self.set(FactId::SamtyckeAterkallat, happened(samtycke.aterkallat));
        self.set_opt(
            FactId::BeslutadAv,
            skyddsatgard.beslutad_av.map(|value| value as i32),
        );
        self.set(
            FactId::RiskbedomningGjord,
            happened(skyddsatgard.riskbedomning),
        );
        let flags = [
            (
                FactId::AccepterarFortfarande,
                samtycke.accepterar_fortfarande,
            ),
            (FactId::AlternativProvade, skyddsatgard.alternativ_provade),
            (
                FactId::DokumenteradIJournal,
                skyddsatgard.dokumenterad_i_journal,
            ),
            (FactId::MasInformerad, skyddsatgard.mas_informerad),
            (FactId::Generell, skyddsatgard.generell),
            (FactId::Nodsituation, skyddsatgard.nodsituation),
            (FactId::InutiKroppen, skyddsatgard.inuti_kroppen),
        ];
        for (fact, flag) in flags {
            self.set_opt(fact, flag.map(i32::from));
        }
        self.set_opt(
            FactId::AntalTillfallen,
            skyddsatgard.antal_tillfallen.map(i32::from),
        );
        self.set_opt(
            FactId::Boendeform,
            skyddsatgard.boendeform.map(|value| value as i32),
        );
        self.clear(FactId::UppfoljningForsenad);
        self.clear(FactId::DigitalTeknik);
        self
    }
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

fn saturating_i32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_numbers_match_their_order() {
        for (index, fact) in FactId::ALL.iter().enumerate() {
            assert_eq!(usize::from(fact.index()), index);
            assert_eq!(FactId::from_index(fact.index()), Some(*fact));
        }
        assert_eq!(FactId::from_index(N_FACTS as u8), None);
    }

    #[test]
    fn unknown_facts_stay_unknown() {
        let facts = Facts::of_person(&Person::default(), Date::EPOCH);
        for fact in FactId::ALL {
            assert_eq!(facts.get(fact), None, "{fact:?}");
        }
    }

    /// The facts of a skyddsåtgärd: dated steps count once their day has come, an absent day is
    /// a step not taken, and the two facts the table gives are left to the evaluator.
    #[test]
    fn facts_of_a_skyddsatgard() {
        let day = |text| Date::parse(text).unwrap_or(Date::EPOCH);
        let atgard = Skyddsatgard {
            syfte: Some(Syfte::Fallprevention),
            samtycke: Samtycke {
                av: Some(SamtyckeAv::DenEnskilde),
                accepterar_fortfarande: Some(true),
                aterkallat: Some(day("2026-03-01")),
                ..Samtycke::default()
            },
            riskbedomning: Some(day("2026-02-01")),
            antal_tillfallen: Some(2),
            boendeform: Some(Boendeform::LssBostad),
            ..Skyddsatgard::default()
        };
        let facts = Facts::new().with_skyddsatgard(&atgard, day("2026-02-15"));
        assert_eq!(facts.get(FactId::Syfte), Some(Syfte::Fallprevention as i32));
        assert_eq!(facts.get(FactId::SamtyckeAv), Some(0));
        assert_eq!(facts.get(FactId::AccepterarFortfarande), Some(1));
        assert_eq!(facts.get(FactId::SamtyckeAterkallat), Some(0));
        assert_eq!(facts.get(FactId::RiskbedomningGjord), Some(1));
        assert_eq!(facts.get(FactId::AntalTillfallen), Some(2));
        assert_eq!(facts.get(FactId::Boendeform), Some(2));
        assert_eq!(facts.get(FactId::MasInformerad), None);
        assert_eq!(facts.get(FactId::DigitalTeknik), None);
        assert_eq!(facts.get(FactId::UppfoljningForsenad), None);
        let later = Facts::new().with_skyddsatgard(&atgard, day("2026-03-01"));
        assert_eq!(later.get(FactId::SamtyckeAterkallat), Some(1));
        let earlier = Facts::new().with_skyddsatgard(&atgard, day("2026-01-31"));
        assert_eq!(earlier.get(FactId::RiskbedomningGjord), Some(0));
    }

    /// Every fact belongs to the person, an ansökan or a skyddsåtgärd, and its type's
    /// enumeration has the values its case type has.
    #[test]
    fn fact_scopes_and_enumerations() {
        let n_atgard = FactId::ALL
            .iter()
            .filter(|fact| fact.scope() == FactScope::Skyddsatgard)
            .count();
        assert_eq!(n_atgard, 18);
        assert_eq!(FactId::Alder.scope(), FactScope::Person);
        assert_eq!(FactId::AlderVidAnsokan.scope(), FactScope::Ansokan);
        assert_eq!(EnumKind::Syfte.len(), Syfte::Annat as u8 + 1);
        assert_eq!(EnumKind::SamtyckeAv.len(), SamtyckeAv::Ingen as u8 + 1);
        assert_eq!(
            EnumKind::Samtyckesform.len(),
            Samtyckesform::Tolkat as u8 + 1
        );
        assert_eq!(EnumKind::Roll.len(), Roll::Annan as u8 + 1);
        assert_eq!(EnumKind::Boendeform.len(), Boendeform::Annan as u8 + 1);
    }

    #[test]
    fn age_at_application_and_beslut_in_force() {
        let day = |text| Date::parse(text).unwrap_or(Date::EPOCH);
        let mut case = Case::default();
        case.person.fodelsedatum = Some(day("1961-08-20"));
        let mut beslut = Beslut {
            beslutsdatum: Some(day("2020-01-10")),
            gynnande: Some(true),
            giltighet: Some(Giltighet::Till(day("2026-03-31"))),
            omfattning: Some(20),
            ..Beslut::default()
        };
        let _ = beslut.insats.push_str("personlig_assistans");
        let _ = case.beslut.push(beslut.clone());
        let mut ansokan = Ansokan {
            ansokningsdatum: Some(day("2026-02-01")),
            ..Ansokan::default()
        };
        let _ = ansokan.insats.push_str("personlig_assistans");
        let as_of = day("2026-02-15");
        let facts = Facts::of_person(&case.person, as_of).with_ansokan(&case, &ansokan, as_of);
        assert_eq!(facts.get(FactId::Alder), Some(64));
        assert_eq!(facts.get(FactId::AlderVidAnsokan), Some(64));
        assert_eq!(facts.get(FactId::HarGallandeBeslut), Some(1));
        assert_eq!(facts.get(FactId::BeviljadOmfattning), Some(20));
        let later = day("2026-04-01");
        let facts = Facts::of_person(&case.person, later).with_ansokan(&case, &ansokan, later);
        assert_eq!(facts.get(FactId::HarGallandeBeslut), Some(0));
        assert_eq!(facts.get(FactId::BeviljadOmfattning), None);
        beslut.gynnande = Some(false);
        assert!(!beslut.is_in_force(as_of));
    }
}
