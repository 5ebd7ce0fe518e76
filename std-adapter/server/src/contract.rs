//! The API's JSON shapes as Rust types, from which the OpenAPI document is generated.
//!
//! The listing, frist and health answers are built from these types directly.
//! The evaluation answer is not: it is `render::to_json`, byte for byte what
//! `riktlinjer eval --format json` prints, and [`Evaluation`] only describes it; a test reads
//! every example case's evaluation into [`Evaluation`] (unknown fields denied) and writes it
//! back unchanged, so the document cannot drift from what the service sends.
//! The Rust names are English; each type's name in the document (`#[schema(as = …)]`) is the
//! Swedish word an integrator reads next to the Swedish JSON keys.
//! The case itself is described by `schema/case.schema.json`, which `http` inserts as the
//! component `Arende`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

/// A case, as `schema/case.schema.json` defines it (schema_version 1).
#[derive(Debug)]
pub struct CaseSchema;

impl PartialSchema for CaseSchema {
    fn schema() -> RefOr<Schema> {
        // Replaced by the schema file when the document is assembled.
        ObjectBuilder::new().into()
    }
}

impl ToSchema for CaseSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Arende")
    }
}

/// Query parameters of an evaluation.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EvaluateParams {
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den dagens datum (UTC).
    #[param(format = Date, example = "2026-02-01")]
    pub as_of: Option<String>,
    /// Pröva mot versionen med detta id i stället för den som gäller prövningsdagen.
    #[param(example = "exempelkommun-2025-11-01")]
    pub version: Option<String>,
}

/// The evaluation of a case: exactly what `riktlinjer eval --format json` prints.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
    pub status: Status,
    /// Regeltabellens SHA-256 (hex).
    pub innehallshash: String,
}

/// Antagen or förslag.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(description = "Om versionen är antagen av nämnden eller ett förslag.")]
pub enum Status {
    /// Antagen av nämnden.
    Antagen,
    /// Ett förslag; gäller aldrig, men kan prövas mot med `version`.
    Forslag,
}

/// The prövning of one ansökan.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
    pub utfall: Outcome,
    /// Utfallet i ord.
    pub utfall_text: String,
    /// Omfattningen som riktlinjen anger.
    pub omfattning: Option<Omfattning>,
    /// Skälen, i den ordning reglerna prövades.
    pub skal: Vec<Reason>,
}

/// The outcome of one prövning.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Utfall, description = "Utfallet av en prövning.")]
pub enum Outcome {
    /// Uppfyller riktlinjen.
    Uppfyller,
    /// Uppfyller inte riktlinjen; ansökan ska ändå prövas individuellt.
    UppfyllerInte,
    /// Lagen själv hindrar insatsen.
    LagenHindrar,
    /// Riktlinjen kan inte avgöra; en individuell bedömning krävs (även för en insats som
    /// riktlinjen inte beskriver).
    KraverIndividuellBedomning,
}

/// An omfattning in the insats's unit.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(description = "En omfattning i insatsens enhet.")]
pub struct Omfattning {
    /// Värdet.
    pub varde: u32,
    /// Enheten (`timmar_per_manad`, `larm`, ...).
    pub enhet: Option<String>,
}

/// One reason.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Skal, description = "Ett skäl, med lagrum och avsnitt i riktlinjen.")]
pub struct Reason {
    /// Vad skälet säger, en kod: bland annat `regel_uppfylld`, `uppgift_saknas`,
    /// `lagen_hindrar_kan_inte_uteslutas`, `ingen_regel_passar`, `okand_insats`. Nya koder kan
    /// tillkomma inom `/v1`.
    pub typ: String,
    /// Regelns id.
    pub regel: Option<String>,
    /// Lagrummet.
    pub lagrum: Option<String>,
    /// Avsnittet i riktlinjen.
    pub avsnitt: Option<String>,
    /// Texten som handläggaren läser.
    pub text: String,
    /// Uppgiften som skälet gäller (till exempel en uppgift som saknas).
    pub uppgift: Option<String>,
}

/// The prövning of one skyddsåtgärd.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
    /// Sista dag att handla, flyttad till nästa vardag enligt 2 § när det gäller fristen.
    #[schema(format = Date)]
    pub sista_dag: String,
    /// Varför den nominella sista dagen inte är en vardag (`julafton`, `lördag`, ...).
    pub flyttad_eftersom: Option<String>,
    /// Var fristen står på prövningsdagen: `loper`, `gar_ut_snart`, `overskriden` eller
    /// `upplysning` (ingen sista dag att hålla, något ska göras).
    pub status: String,
    /// Samma sak i ord.
    pub status_text: String,
}

/// Body of `POST /v1/frist/overklagande`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = OverklagandeBegaran, description = "Frågan till `POST /v1/frist/overklagande`.")]
pub struct OverklagandeRequest {
    /// Dagen den enskilde fick del av beslutet.
    #[schema(format = Date, example = "2025-12-03")]
    pub delgiven: String,
}

/// Body of `POST /v1/frist/ivo`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IvoBegaran, description = "Frågan till `POST /v1/frist/ivo`.")]
pub struct IvoRequest {
    /// Beslutsdatum för det gynnande beslutet.
    #[schema(format = Date, example = "2025-10-31")]
    pub beslutsdatum: String,
    /// Dagen verkställigheten avbröts, om den gjorde det; fristen räknas då från avbrottet.
    #[schema(format = Date)]
    pub avbrott: Option<String>,
    /// `SoL` eller `LSS`; väljer lagrum. Utan den anges båda.
    #[schema(example = "SoL")]
    pub lag: Option<String>,
}

/// The answer of `POST /v1/frist/overklagande`, as `riktlinjer frist overklagande` gives it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = OverklagandeSvar, description = "Sista dag att överklaga, som `riktlinjer frist overklagande --format json` ger den.")]
pub struct OverklagandeAnswer {
    /// Dagen beslutet delgavs.
    #[schema(format = Date)]
    pub delgiven: String,
    /// Sista dag överklagandet får komma in, efter flytt enligt 2 § lagen (1930:173).
    #[schema(format = Date)]
    pub sista_dag: String,
    /// Tre veckor enligt 1 § lagen (1930:173), före flytt.
    #[schema(format = Date)]
    pub nominell_sista_dag: String,
    /// Om sista dagen flyttades till nästa vardag.
    pub flyttad: bool,
    /// Varför dagen blir den den blir, på svenska.
    pub skal: String,
    /// Bestämmelsen som ger fristen.
    pub lagrum: String,
}

/// The answer of `POST /v1/frist/ivo`, as `riktlinjer frist ivo` gives it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IvoSvar, description = "När ett ej verkställt beslut ska rapporteras, som `riktlinjer frist ivo --format json` ger det.")]
pub struct IvoAnswer {
    /// Beslutsdatum.
    #[schema(format = Date)]
    pub beslutsdatum: String,
    /// Avbrottet som fristen räknas från; saknas utan avbrott.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = Date)]
    pub avbrott: Option<String>,
    /// Sista dagen av de tre månaderna (flyttas inte till vardag).
    #[schema(format = Date)]
    pub frist_slut: String,
    /// Första dagen beslutet ska rapporteras om det fortfarande inte är verkställt.
    #[schema(format = Date)]
    pub rapporteras_fran: String,
    /// Kvartalet vars rapport tar upp det, `ÅÅÅÅQn`.
    pub kvartal: String,
    /// Bestämmelsen för rapporteringen.
    pub lagrum: String,
    /// Varför, på svenska.
    pub skal: String,
}

/// One riktlinje version in the listing.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(description = "En inläst riktlinjeversion.")]
pub struct RiktlinjeVersion {
    /// Versionens id.
    pub id: String,
    /// Kommunen.
    pub kommun: String,
    /// Nämnden som antog den.
    pub namnd: String,
    /// Titeln.
    pub titel: String,
    /// Första dag versionen gäller.
    #[schema(format = Date)]
    pub giltig_fran: String,
    /// `antagen` eller `forslag`.
    pub status: Status,
    /// Regeltabellens SHA-256 (hex).
    pub innehallshash: String,
    /// Om det är denna version som gäller i dag.
    pub galler_idag: bool,
}

/// A riktlinje version with its insatser and rules.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RiktlinjeDetalj, description = "En riktlinjeversion med sina insatser och regler.")]
pub struct RiktlinjeDetail {
    /// Versionen.
    #[serde(flatten)]
    pub version: RiktlinjeVersion,
    /// Insatserna med sina regler, i riktlinjens ordning.
    pub insatser: Vec<InsatsDescription>,
}

/// One insats of a riktlinje.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = InsatsBeskrivning, description = "En insats i riktlinjen, med sina regler.")]
pub struct InsatsDescription {
    /// Id som ärenden använder.
    pub id: String,
    /// Namnet.
    pub namn: String,
    /// `SoL` eller `LSS`.
    pub lag: String,
    /// Lagrummet.
    pub lagrum: String,
    /// Avsnittet i riktlinjen.
    pub avsnitt: String,
    /// Omfattningens enhet.
    pub enhet: String,
    /// Utfallet när ingen regel avgör.
    pub annars: Outcome,
    /// Reglerna i skriven ordning.
    pub regler: Vec<Rule>,
}

/// One rule of a riktlinje.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Regel, description = "En regel i riktlinjen.")]
pub struct Rule {
    /// Regelns id.
    pub id: String,
    /// Villkoret som det står i riktlinjen.
    pub villkor: String,
    /// Vad regeln avgör när villkoret är uppfyllt.
    pub utfall: RuleKind,
    /// Omfattningen den anger.
    pub omfattning: Option<u32>,
    /// Lagrummet.
    pub lagrum: String,
    /// Avsnittet i riktlinjen.
    pub avsnitt: String,
    /// Skälet som handläggaren läser.
    pub skal: String,
}

/// What a rule decides.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegelUtfall, description = "Vad en regel avgör när dess villkor är uppfyllt.")]
pub enum RuleKind {
    /// Uppfyller riktlinjen.
    Uppfyller,
    /// Uppfyller inte riktlinjen.
    UppfyllerInte,
    /// Lagen hindrar (prövas före alla andra regler).
    LagenHindrar,
    /// Kräver individuell bedömning.
    IndividuellBedomning,
    /// Avgör inget; skälet visas när villkoret är uppfyllt.
    Upplysning,
}

/// The health answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Halsa, description = "Tjänstens hälsa.")]
pub struct Health {
    /// Alltid `ok` när tjänsten svarar.
    pub status: String,
    /// Antal inlästa riktlinjeversioner.
    pub versioner: usize,
    /// Id för versionen som gäller i dag, om någon gör det.
    pub galler_idag: Option<String>,
    /// När riktlinjerna senast lästes in (UTC).
    pub inlast: String,
}

/// An error answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Fel, description = "Ett fel: en stabil kod, ett meddelande på svenska och fältet.")]
pub struct ErrorBody {
    /// En stabil kod: `ogiltig_json`, `ogiltig_kropp`, `ogiltigt_arende`, `ogiltigt_falt`,
    /// `ogiltig_parameter`, `obehorig`, `okand_version`, `ingen_version_galler`, `okand_sokvag`,
    /// `fel_metod`, `for_stor`, `for_manga_arenden`, `tidsgrans`, `loggfel`, `internt_fel`.
    pub kod: String,
    /// Vad som är fel, på svenska.
    pub meddelande: String,
    /// Fältet: en JSON-pekare (RFC 6901) i kroppen, eller en parameters namn.
    pub falt: Option<String>,
}

/// The question to `POST /v1/omprovning`.
#[derive(Debug, ToSchema)]
#[schema(as = OmprovningBegaran, description = "Frågan till `POST /v1/omprovning`: ärenden att pröva om under två riktlinjeversioner. Högst 1 000 ärenden per begäran, och kroppen högst 256 KiB.")]
pub struct OmprovningRequest {
    /// Id för versionen som besluten fattades enligt.
    #[schema(example = "exempelkommun-2025-01-01")]
    pub fran: String,
    /// Id för den nya versionen.
    #[schema(example = "exempelkommun-2025-11-01")]
    pub till: String,
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den den nya versionens giltig från.
    #[schema(format = Date)]
    pub as_of: Option<String>,
    /// Ärendena, vart och ett enligt schema/case.schema.json.
    pub arenden: Vec<CaseSchema>,
}

/// The answer of `POST /v1/omprovning`: the records `riktlinjer omprovning` writes to its
/// worklist, with a rejected or changed case's `index` in `arenden` instead of a line number.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = OmprovningSvar, description = "Arbetslistan som `riktlinjer omprovning` skriver: huvudet, de ändrade ärendena, de avvisade med index och skäl, och summan (lästa = oförändrade + ändrade + avvisade). Inget beslut ändras automatiskt.")]
pub struct OmprovningAnswer {
    /// Arbetslistans första post (`typ` = `omprovning`): versionerna, prövningsdagen och upplysningen.
    #[schema(value_type = Object)]
    pub huvud: serde_json::Value,
    /// En post (`typ` = `andrad`) per ärende med ändrat utfall, i `arenden`s ordning, med `index`, ålder, och per ändrad prövning utfallet före och efter, avgörande regler, klass och motivering.
    #[schema(value_type = Vec<Object>)]
    pub andrade: Vec<serde_json::Value>,
    /// En post (`typ` = `avvisad`) per ärende som inte kunde prövas: `index` och `fel`.
    #[schema(value_type = Vec<Object>)]
    pub avvisade: Vec<serde_json::Value>,
    /// Summan (`typ` = `summa`): lästa, oförändrade, ändrade, avvisade, prövningar och ändringar per klass.
    #[schema(value_type = Object)]
    pub summa: serde_json::Value,
}
