//! The evaluation as a case system reads it: one set of serde types that both write the JSON
//! and describe it in the OpenAPI document.
//!
//! `riktlinjer eval --format json`, `POST /v1/evaluate` and the audit log's replay all write
//! these types (through `render::answer`), and the service's OpenAPI document is generated from
//! the same types, so the documented answer and the one sent cannot drift apart.
//! The Rust names are English; each type's name in the document (`#[schema(as = …)]`) is the
//! Swedish word an integrator reads next to the Swedish JSON keys.
//! The words (codes and labels) come from `texts`, the library's one table of each.

use std::borrow::Cow;

use riktlinjer_core::{Outcome, Role, Status};
use serde::{Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use crate::texts;

/// The evaluation of a case.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Utvardering, description = "En prövning av ett ärende: exakt det som `riktlinjer eval --format json` skriver.")]
pub struct Evaluation {
    /// Svarets schemaversion (1).
    pub schema_version: u32,
    /// Ärendets id, som verksamhetssystemet skickade det.
    pub arende_id: Option<String>,
    /// Om den enskilde har skyddade personuppgifter (någon annan nivå än `ingen`).
    pub skyddade_personuppgifter: bool,
    /// Riktlinjeversionen som gav svaret.
    pub riktlinje: RiktlinjeRef,
    /// Prövningsdagen.
    #[schema(format = Date)]
    pub provningsdag: String,
    /// En prövning per ansökan, i ärendets ordning.
    pub provningar: Vec<InsatsEvaluation>,
    /// Ärendets frister på prövningsdagen.
    pub frister: Vec<Frist>,
    /// Prövningen av varje skyddsåtgärd i ärendet.
    pub skyddsatgarder: Vec<Skyddsatgard>,
}

/// The riktlinje version an evaluation names, so it can be reproduced.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    description = "Riktlinjeversionen som gav svaret (id och innehållshash), så att prövningen kan göras om."
)]
pub struct RiktlinjeRef {
    /// Versionens id.
    pub id: String,
    /// Kommunen.
    pub kommun: String,
    /// Första dag versionen gäller.
    #[schema(format = Date)]
    pub giltig_fran: String,
    /// `antagen` eller `forslag`.
    pub status: StatusCode,
    /// Regeltabellens SHA-256 (hex).
    pub innehallshash: String,
    /// Den nationella grund som versionen bygger på och kompilerades med, när den bygger på en.
    pub grund: Option<GrundRef>,
}

/// The version of the national baseline in force on the prövningsdag, from the baseline the
/// riktlinje version was compiled with.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    description = "Den version av den nationella grunden (lagens egna regler och faktakatalogen) som gäller på prövningsdagen, ur den grund som riktlinjeversionen kompilerades med: versionens id, dess första dag och grundens innehållshash."
)]
pub struct GrundRef {
    /// Versionens id: grundens namn och första dagen lagen lyder så (`sverige-2025-07-01`).
    pub id: String,
    /// Första dag versionen gäller; `null` när grunden inte anger någon dag.
    #[schema(format = Date)]
    pub giltig_fran: Option<String>,
    /// SHA-256 (hex) av grundens källtext.
    pub innehallshash: String,
}

/// The prövning of one ansökan.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Provning, description = "Prövningen av en ansökan.")]
pub struct InsatsEvaluation {
    /// Insatsens id, som ärendet angav det.
    pub insats: Option<String>,
    /// Insatsens namn; `null` när riktlinjen inte beskriver insatsen.
    pub insats_namn: Option<String>,
    /// `SoL` eller `LSS`.
    pub lag: Option<String>,
    /// Insatsens lagrum.
    pub lagrum: Option<String>,
    /// Utfallet.
    pub utfall: OutcomeCode,
    /// Utfallet i ord.
    pub utfall_text: String,
    /// Omfattningen som riktlinjen anger: den avgörande regelns, annars den som schablonen
    /// ger när utfallet är att ansökan uppfyller riktlinjen.
    pub omfattning: Option<Omfattning>,
    /// Omfattningen som riktlinjens schablon ger för fallet, avrundad till insatsens antal
    /// decimaler; `null` när insatsen saknar schablon eller den inte kan räknas fram (ett skäl
    /// säger varför).
    pub beraknad_omfattning: Option<Omfattning>,
    /// Schablonens rader: varje delmoment, dess tid, hur ofta och vad det ger.
    pub berakning: Vec<BerakningRad>,
    /// Vad insatsen innefattar i fallet enligt riktlinjen: servicenivåer, omfattning och
    /// villkor för utförandet.
    pub innefattar: Vec<Egenskap>,
    /// Skälen, i den ordning reglerna prövades; när ansökan inte uppfyller riktlinjen därefter
    /// varje norm till som den inte uppfyller och varje uppgift till som saknas (`roll`).
    pub skal: Vec<Reason>,
    /// Skäl till (normer eller saknade uppgifter) som inte fick plats i `skal`; oftast 0.
    pub utelamnade_skal: u32,
    /// Vad som skulle ändra utfallet; finns bara när det efterfrågas
    /// (`riktlinjer eval --vad-andrar`, `POST /v1/evaluate?vad_andrar=ja`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vad_andrar: Option<Counterfactual>,
}

/// What would make an ansökan meet the riktlinje.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    as = VadAndrar,
    description = "Den minsta ändringen av ansökan som gör att den uppfyller riktlinjen, räknat först i antal ändrade uppgifter och sedan i hur stor varje ändring är. Bara uppgifter som riktlinjen anger att ansökan kan ändra (hur ofta, hur mycket) ändras, aldrig ålder, personkrets eller annat som den enskilde inte kan välja."
)]
pub struct Counterfactual {
    /// `andring` (ändringarna nedan gör att ansökan uppfyller riktlinjen), `redan_uppfylld`
    /// eller `ingen_andring` (ingen ändring av det som ansökan anger räcker, till exempel när
    /// lagen hindrar insatsen).
    pub resultat: String,
    /// En rad per ändrad uppgift.
    pub andringar: Vec<FactChange>,
    /// Detsamma i ord.
    pub text: String,
    /// Hur många prövningar sökandet gjorde.
    pub provningar: u32,
}

/// One fact changed.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = AndradUppgift, description = "En uppgift som ändras, med värdet i ärendet och värdet efter ändringen.")]
pub struct FactChange {
    /// Uppgiftens namn i riktlinjen.
    pub uppgift: String,
    /// Uppgiftens beskrivning i riktlinjens katalog.
    pub beskrivning: Option<String>,
    /// Värdet i ärendet, som det skrivs (`2`, `7,5`, `ja`); `null` när ärendet inte anger det.
    pub fran: Option<String>,
    /// Värdet efter ändringen.
    pub till: String,
}

/// An omfattning in the insats's unit.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(description = "En omfattning i insatsens enhet.")]
pub struct Omfattning {
    /// Värdet, med högst tre decimaler.
    pub varde: f64,
    /// Värdet som det skrivs på svenska (`7,3`).
    pub text: String,
    /// Enheten (`timmar_per_manad`, `larm`, ...).
    pub enhet: Option<String>,
}

/// Something an insats includes.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(description = "Något som insatsen innefattar enligt riktlinjen.")]
pub struct Egenskap {
    /// Egenskapens namn (`Svarstid`).
    pub namn: String,
    /// Vad den innebär.
    pub text: String,
    /// Dess värde som det skrivs (`30 minuter`), eller `null`.
    pub varde: Option<String>,
    /// Avsnittet i riktlinjen.
    pub avsnitt: String,
}

/// One line of a computed omfattning.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    as = Berakningsrad,
    description = "En rad i beräkningen av omfattningen: ett delmoment ur riktlinjens schablon."
)]
pub struct BerakningRad {
    /// Delmomentets id i riktlinjen (`stadning`).
    pub schablon: String,
    /// Delmomentets namn (`Städning`).
    pub namn: String,
    /// Hur raden räknas: `raknas`, `galler_inte`, `ingar_i_annat`, `uppgift_saknas` eller
    /// `for_stor`.
    pub status: String,
    /// Tiden som riktlinjen skriver den (`90 minuter`).
    pub tid: String,
    /// Hur ofta, som riktlinjen skriver det (`inköp_per_vecka`); tom när tiden redan gäller per
    /// period.
    pub antal: String,
    /// Tiden i fallet: minuter per tillfälle, eller minuter per år när antal saknas.
    pub minuter: Option<f64>,
    /// Antal tillfällen per år, när det är känt.
    pub tillfallen_per_ar: Option<f64>,
    /// Vad raden ger, i minuter per år.
    pub minuter_per_ar: Option<f64>,
    /// Vad raden ger, i insatsens enhet.
    pub delsumma: Option<f64>,
    /// Tiden är begränsad av riktlinjens tak för delmomentet.
    pub begransad: bool,
    /// Tiden delas med make eller sambo och räknas till hälften.
    pub delad: bool,
}

/// One reason.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = Skal, description = "Ett skäl, med lagrum och avsnitt i riktlinjen.")]
pub struct Reason {
    /// Vad skälet säger, en kod: bland annat `regel_uppfylld`, `uppgift_saknas`,
    /// `lagen_hindrar_kan_inte_uteslutas`, `ingen_regel_passar`, `okand_insats`. Nya koder kan
    /// tillkomma inom `/v1`.
    pub typ: String,
    /// Vilken roll skälet har för utfallet: det avgörande skälet, en norm till som ansökan inte
    /// uppfyller, en uppgift till som saknas, eller en upplysning som inte avgör något.
    pub roll: RoleCode,
    /// Regelns id.
    pub regel: Option<String>,
    /// Lagrummet, som det gäller på prövningsdagen.
    pub lagrum: Option<String>,
    /// Vad riktlinjen hänvisar till, när det har upphävts på prövningsdagen (en version som
    /// fortsatte att gälla efter att socialtjänstlagen (2001:453) ersattes); `lagrum` är då
    /// paragrafen som gäller.
    pub lagrum_i_riktlinjen: Option<String>,
    /// Avsnittet i riktlinjen.
    pub avsnitt: Option<String>,
    /// Var skälet kommer ifrån: `lag` (lagens egen regel, ur den nationella grunden) eller
    /// `riktlinje` (nämndens riktlinje).
    pub ursprung: UrsprungCode,
    /// Texten som handläggaren läser.
    pub text: String,
    /// Uppgiften som skälet gäller (till exempel en uppgift som saknas).
    pub uppgift: Option<String>,
    /// Uppgiftens beskrivning i riktlinjens katalog.
    pub uppgift_beskrivning: Option<String>,
    /// För en regel som avgör eller som ansökan inte uppfyller: talen som regeln jämför,
    /// ärendets värde mot riktlinjens gräns.
    pub jamforelser: Vec<Jamforelse>,
}

/// One figure a rule compares.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    description = "En jämförelse i en regel: ärendets värde för en uppgift mot riktlinjens gräns."
)]
pub struct Jamforelse {
    /// Uppgiftens namn i riktlinjen.
    pub uppgift: String,
    /// Ärendets värde, som det skrivs (`2`, `7,5`); `null` när ärendet inte anger det.
    pub varde: Option<String>,
    /// Hur regeln jämför: `=`, `!=`, `<`, `<=`, `>` eller `>=`.
    pub jamforelse: String,
    /// Riktlinjens gräns, som den skrivs.
    pub grans: String,
}

/// The prövning of one skyddsåtgärd.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(description = "Prövningen av en skyddsåtgärd.")]
pub struct Skyddsatgard {
    /// Åtgärdens plats i ärendet.
    pub index: u32,
    /// Åtgärdens typ, som ärendet angav den.
    pub typ: Option<String>,
    /// Typens namn i riktlinjen; `null` när riktlinjen inte beskriver den.
    pub typ_namn: Option<String>,
    /// Lagrummet.
    pub lagrum: Option<String>,
    /// Utfallet, en kod: bland annat `tillaten_med_samtycke`, `ej_tillaten`, `rutin_ej_foljd`,
    /// `kraver_juridisk_bedomning`.
    pub utfall: String,
    /// Utfallet i ord.
    pub utfall_text: String,
    /// Skälen.
    pub skal: Vec<Reason>,
}

/// One frist of a case.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(description = "En frist i ärendet, med sista dag och status på prövningsdagen.")]
pub struct Frist {
    /// Vilken frist, en kod: bland annat `overklagande`, `ej_verkstallt`,
    /// `ej_verkstallt_efter_avbrott`, `rapportera_verkstallt`, `individuell_plan`, `fl_12`,
    /// `tidsbegransat`, `skyddsbedomning`, `forhandsbedomning`, `barnutredning`. Nya koder kan
    /// tillkomma inom `/v1`.
    pub typ: String,
    /// Fristens namn i ord.
    pub namn: String,
    /// Bestämmelsen som ger fristen.
    pub lagrum: String,
    /// Vad fristen gäller: bland annat `beslut`, `ansokan`, `barnarende`.
    pub avser: String,
    /// Beslutets, ansökans eller åtgärdens plats i ärendet.
    pub index: Option<u32>,
    /// Dagen fristen räknas från.
    #[schema(format = Date)]
    pub start: String,
    /// Sista dag enligt 1 § lagen (1930:173).
    #[schema(format = Date)]
    pub nominell_sista_dag: String,
    /// Sista dag att handla, flyttad till nästa vardag enligt 2 § när det gäller fristen; för
    /// `fl_12` dagen efter vilken den enskilde kan begära att ärendet avgörs (se `dagen_avser`).
    #[schema(format = Date)]
    pub sista_dag: String,
    /// Vad `sista_dag` är: `sista_dag` (sista dagen att handla) eller
    /// `avgorande_kan_begaras_efter` (FL 12 §: dagen efter vilken den enskilde kan begära att
    /// ärendet avgörs; ingen behöver handla senast den dagen).
    pub dagen_avser: String,
    /// Varför den nominella sista dagen inte är en vardag (`julafton`, `lördag`, ...).
    pub flyttad_eftersom: Option<String>,
    /// Var fristen står på prövningsdagen: `loper`, `gar_ut_snart`, `overskriden` eller
    /// `upplysning` (ingen sista dag att hålla, något ska göras).
    pub status: String,
    /// Samma sak i ord.
    pub status_text: String,
}

/// An outcome, written as its code from [`texts::OUTCOMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeCode(pub Outcome);

/// A reason's role, written as its code from [`texts::ROLES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleCode(pub Role);

impl Serialize for RoleCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(texts::role_code(self.0))
    }
}

impl PartialSchema for RoleCode {
    fn schema() -> RefOr<Schema> {
        codes_schema(
            texts::SKALETS_ROLL_AVGORANDE_GAV,
            texts::ROLES.iter().map(|(_, code, _)| *code),
        )
    }
}

impl ToSchema for RoleCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Roll")
    }
}

/// Where a reason comes from, written as its code from [`texts::URSPRUNG`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrsprungCode(pub riktlinjer_core::Ursprung);

impl Serialize for UrsprungCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(texts::ursprung_code(self.0))
    }
}

impl PartialSchema for UrsprungCode {
    fn schema() -> RefOr<Schema> {
        codes_schema(
            texts::VAR_SKALET_KOMMER_IFRAN,
            texts::URSPRUNG.iter().map(|(_, code, _)| *code),
        )
    }
}

impl ToSchema for UrsprungCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Ursprung")
    }
}

/// A version's status, written as its code from [`texts::STATUSES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusCode(pub Status);

impl Serialize for OutcomeCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(texts::outcome_code(self.0))
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(texts::status_code(self.0))
    }
}

/// A string schema whose values are `codes`.
fn codes_schema(description: &str, codes: impl Iterator<Item = &'static str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::String))
        .enum_values(Some(codes))
        .description(Some(description))
        .into()
}

impl PartialSchema for OutcomeCode {
    fn schema() -> RefOr<Schema> {
        codes_schema(
            texts::UTFALLET_AV_EN_PROVNING,
            texts::OUTCOMES.iter().map(|(_, code, _)| *code),
        )
    }
}

impl ToSchema for OutcomeCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Utfall")
    }
}

impl PartialSchema for StatusCode {
    fn schema() -> RefOr<Schema> {
        codes_schema(
            texts::OM_VERSIONEN_AR_ANTAGEN,
            texts::STATUSES.iter().map(|(_, code, _)| *code),
        )
    }
}

impl ToSchema for StatusCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Status")
    }
}
