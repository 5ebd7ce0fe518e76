//! The API's JSON shapes: the request bodies as contracts read one way, and the answers as the
//! types that write them, from which the OpenAPI document is generated.
//!
//! A request body is declared as a contract (`riktlinjer_library::contract`), the same
//! machinery that reads cases: its reader names a fault by its JSON pointer, and its schema in
//! the document is generated from the same declaration.
//! The evaluation answer is `riktlinjer_library::answer`, and the frist answers are the
//! library's own types: one type writes each answer and describes it.
//! The case itself is the library's case contract, inserted as the component `Arende`.
//! The Rust names are English; each type's name in the document (`#[schema(as = …)]`) is the
//! Swedish word an integrator reads next to the Swedish JSON keys.

use std::borrow::Cow;

use crate::texts;
use riktlinjer_core::Date;
use riktlinjer_library::answer::{OutcomeCode, StatusCode};
use riktlinjer_library::contract::{self, Field, Object, Ty, Value, Words, no_finish, no_open};
use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

/// A case, as the library's case contract declares it (schema_version 1).
#[derive(Debug)]
pub struct CaseSchema;

impl PartialSchema for CaseSchema {
    fn schema() -> RefOr<Schema> {
        // Replaced by the contract's own schema when the document is assembled: utoipa's model
        // cannot hold every keyword of JSON Schema 2020-12 that it uses.
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
    /// Prövningsdag (ÅÅÅÅ-MM-DD); utan den dagens datum i Sverige.
    #[param(format = Date, example = "2026-02-01")]
    pub as_of: Option<String>,
    /// Pröva mot versionen med detta id i stället för den som gäller prövningsdagen.
    #[param(example = "exempelkommun-2025-11-01")]
    pub version: Option<String>,
    /// `ja`: sök också, för varje ansökan, den minsta ändringen av det som ansökan anger (hur
    /// ofta, hur mycket) som gör att den uppfyller riktlinjen (`vad_andrar` i varje prövning).
    /// Sökandet kostar mer än prövningen; utan parametern görs det inte.
    #[param(inline)]
    pub vad_andrar: Option<JaNej>,
}

/// A yes or no in a query string.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[schema(description = "Ja eller nej.")]
#[serde(rename_all = "lowercase")]
pub enum JaNej {
    /// Ja.
    Ja,
    /// Nej.
    Nej,
}

/// One riktlinje version in the listing.
#[derive(Debug, Serialize, ToSchema)]
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
    pub status: StatusCode,
    /// Regeltabellens SHA-256 (hex).
    pub innehallshash: String,
    /// Om det är denna version som gäller i dag.
    pub galler_idag: bool,
}

/// A riktlinje version with its insatser and rules.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = RiktlinjeDetalj, description = "En riktlinjeversion med sina insatser och regler.")]
pub struct RiktlinjeDetail {
    /// Versionen.
    #[serde(flatten)]
    pub version: RiktlinjeVersion,
    /// Insatserna med sina regler, i riktlinjens ordning.
    pub insatser: Vec<InsatsDescription>,
    /// Uppgifterna i versionens faktakatalog som ett ärende kan ange, i katalogens ordning:
    /// det som handläggarsidans formulär byggs av.
    pub uppgifter: Vec<FactDescription>,
}

/// One fact of a version's catalogue that a case can give.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Uppgift, description = "En uppgift i riktlinjens faktakatalog som ett ärende kan ange.")]
pub struct FactDescription {
    /// Fältets namn i ärendet (utan å, ä och ö).
    pub falt: String,
    /// Namnet som riktlinjen skriver det.
    pub namn: String,
    /// Vad uppgiften betyder.
    pub beskrivning: String,
    /// Gruppen som ett formulär visar den i (ett livsområde i IBIC), eller tomt.
    pub grupp: String,
    /// Enheten, eller tomt.
    pub enhet: String,
    /// `person` eller `ansokan`: var i ärendet uppgiften står.
    pub galler: String,
    /// `ja_nej`, `heltal`, `decimal`, `datum`, `val` (ett av värdena) eller `mangd` (några av dem).
    pub typ: String,
    /// Värdena som uppgiften kan ta (`val` och `mangd`), i katalogens ordning.
    pub varden: Vec<FactWord>,
    /// Om en ansökan kan ändra uppgiften (det som en kontrafaktisk prövning får ändra).
    pub andras_av_ansokan: bool,
}

/// One value a choice or set fact takes.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = UppgiftVarde, description = "Ett värde som en uppgift kan ta.")]
pub struct FactWord {
    /// Värdet i ärendet (utan å, ä och ö).
    pub kod: String,
    /// Värdet som riktlinjen skriver det.
    pub text: String,
}

/// One insats of a riktlinje.
#[derive(Debug, Serialize, ToSchema)]
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
    pub annars: OutcomeCode,
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
    pub omfattning: Option<f64>,
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
    /// Innehållshash (SHA-256) för versionen som gäller i dag, om någon gör det.
    pub galler_idag_innehallshash: Option<String>,
    /// När riktlinjerna senast lästes in (svensk tid, med tidszonens förskjutning).
    pub inlast: String,
    /// Den senaste omläsningen (av riktlinjerna eller tokenfilen) som misslyckades sedan
    /// tjänsten startade, med orsaken; tjänsten använder då fortfarande det den hade.
    pub senaste_misslyckade_omlasning: Option<FailedReload>,
}

/// A reload that failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = MisslyckadOmlasning, description = "En omläsning som misslyckades.")]
pub struct FailedReload {
    /// Vad som skulle läsas in: `riktlinjer` eller `tokenfil`.
    pub typ: String,
    /// När (svensk tid, med tidszonens förskjutning).
    pub tid: String,
    /// Varför, med fil, rad och kolumn där det finns.
    pub orsak: String,
}

/// An error answer: RFC 9457 problem details, with the members of the earlier error object
/// (`kod`, `meddelande`, `falt`) kept as extension members.
///
/// Its schema in the document is written by hand ([`PartialSchema`] below) so that `type` and
/// `kod` list every problem type there is, from [`crate::error::Problem::ALL`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemBody {
    /// The problem type URI.
    pub r#type: String,
    /// The type's Swedish title.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What is wrong this time, in Swedish.
    pub detail: String,
    /// A JSON pointer (RFC 6901) into the body, when the fault is in one field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The name of a query or path parameter, when the fault is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The problem's code, as before problem details.
    pub kod: String,
    /// The same as `detail`, as before problem details.
    pub meddelande: String,
    /// `pointer` or `parameter`, or `null`, as before problem details.
    pub falt: Option<String>,
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

/// The body of `POST /v1/frist/overklagande`.
#[derive(Debug, Default)]
pub struct OverklagandeRequest {
    /// The day the beslut was delgiven.
    pub delgiven: Option<Date>,
}

/// The body of `POST /v1/frist/ivo`.
#[derive(Debug, Default)]
pub struct IvoRequest {
    /// The beslutsdatum.
    pub beslutsdatum: Option<Date>,
    /// The day verkställigheten was avbruten, if it was.
    pub avbrott: Option<Date>,
    /// The law, when given.
    pub lag: Option<riktlinjer_core::Lag>,
}

/// The body of `POST /v1/omprovning`.
#[derive(Debug, Default)]
pub struct OmprovningRequest {
    /// The id of the version the beslut were made under.
    pub fran: String,
    /// The id of the new version.
    pub till: String,
    /// The day of prövning, when given.
    pub as_of: Option<Date>,
    /// The cases, each read later by the case contract with its pointer.
    pub arenden: Vec<Box<serde_json::value::RawValue>>,
}

const DATE_MISSING: &str = texts::FALTET_SAKNAS_ANGE_ETT;

/// The spellings `lag` takes, in the order the reader maps them: SoL, LSS, sol, lss.
const LAGAR: [&str; 4] = ["SoL", "LSS", "sol", "lss"];
const VERSION_MISSING: &str = texts::FALTET_SAKNAS_ANGE_EN_RIKTLINJEVERSIONS;

/// The contract of [`OverklagandeRequest`].
pub static OVERKLAGANDE: Object<OverklagandeRequest> = Object {
    description: texts::FRAGAN_TILL_POST_V_FRIST_OVERKLAGANDE,
    fields: &[Field {
        key: "delgiven",
        ty: Ty::Date,
        description: texts::DAGEN_DEN_ENSKILDE_FICK,
        required: Some(DATE_MISSING),
        set: |request, value| {
            request.delgiven = date(value);
            Ok(())
        },
    }],
    open: no_open,
    finish: no_finish,
    extra: None,
};

/// The contract of [`IvoRequest`].
pub static IVO: Object<IvoRequest> = Object {
    description: texts::FRAGAN_TILL_POST_V_FRIST,
    fields: &[
        Field {
            key: "beslutsdatum",
            ty: Ty::Date,
            description: texts::BESLUTSDATUM_FOR_DET_GYNNANDE,
            required: Some(DATE_MISSING),
            set: |request, value| {
                request.beslutsdatum = date(value);
                Ok(())
            },
        },
        Field {
            key: "avbrott",
            ty: Ty::Date,
            description: texts::DAGEN_VERKSTALLIGHETEN_AVBROTS_OM,
            required: None,
            set: |request, value| {
                request.avbrott = date(value);
                Ok(())
            },
        },
        Field {
            key: "lag",
            // A list the schema states, so that a client generated from the document sends
            // only what the service takes.
            ty: Ty::Choice(Words::Fixed(&LAGAR)),
            description: texts::SOL_ELLER_LSS_ELLER,
            required: None,
            set: |request, value| {
                request.lag = match value {
                    Value::Word(0 | 2) => Some(riktlinjer_core::Lag::SoL),
                    Value::Word(1 | 3) => Some(riktlinjer_core::Lag::Lss),
                    _ => None,
                };
                Ok(())
            },
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: None,
};

/// The contract of [`OmprovningRequest`].
pub static OMPROVNING: Object<OmprovningRequest> = Object {
    description: texts::FRAGAN_TILL_POST_V,
    fields: &[
        Field {
            key: "fran",
            ty: Ty::Id { max_len: 200 },
            description: texts::ID_FOR_VERSIONEN_SOM,
            required: Some(VERSION_MISSING),
            set: |request, value| set_version(&mut request.fran, value),
        },
        Field {
            key: "till",
            ty: Ty::Id { max_len: 200 },
            description: texts::ID_FOR_DEN_NYA,
            required: Some(VERSION_MISSING),
            set: |request, value| set_version(&mut request.till, value),
        },
        Field {
            key: "as_of",
            ty: Ty::Date,
            description: texts::PROVNINGSDAG_AAAA_MM_DD,
            required: None,
            set: |request, value| {
                request.as_of = date(value);
                Ok(())
            },
        },
        Field {
            key: "arenden",
            ty: Ty::Raw(|| {
                serde_json::json!({
                    "type": "array",
                    "maxItems": crate::omprovning::MAX_ARENDEN,
                    "items": { "$ref": "#/components/schemas/Arende" }
                })
            }),
            description: texts::ARENDENA_VART_OCH_ETT,
            required: Some(texts::FALTET_SAKNAS_ANGE_EN),
            set: |request, value| {
                // Each ärende is kept as its text and read on its own, numbers as written.
                let arenden = match value {
                    Value::Raw(raw) => {
                        serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(raw.get())
                            .ok()
                    }
                    _ => None,
                };
                match arenden {
                    Some(arenden) => {
                        request.arenden = arenden;
                        Ok(())
                    }
                    None => Err(texts::SKA_VARA_EN_LISTA.to_owned()),
                }
            },
        },
    ],
    open: no_open,
    finish: no_finish,
    extra: None,
};

fn date(value: Value) -> Option<Date> {
    match value {
        Value::Date(date) => Some(date),
        _ => None,
    }
}

fn set_version(slot: &mut String, value: Value) -> Result<(), String> {
    match value.as_text() {
        Some(id) if !id.trim().is_empty() => {
            id.clone_into(slot);
            Ok(())
        }
        _ => Err(texts::SKA_VARA_EN_RIKTLINJEVERSIONS.to_owned()),
    }
}

/// The schema of a contract's body, in utoipa's model.
///
/// utoipa's model needs a `type` beside an `enum`, which JSON Schema does not, so a choice gets
/// the type of its words (strings, and `null`).
fn body_schema<T>(object: &Object<T>) -> RefOr<Schema> {
    let mut schema = contract::schema::object(object);
    if let Some(serde_json::Value::Object(properties)) = schema.get_mut("properties") {
        for property in properties.values_mut() {
            if let serde_json::Value::Object(map) = property
                && map.contains_key("enum")
                && !map.contains_key("type")
            {
                map.insert("type".to_owned(), serde_json::json!(["string", "null"]));
            }
        }
    }
    serde_json::from_value(schema).unwrap_or_else(|_| ObjectBuilder::new().into())
}

impl PartialSchema for ProblemBody {
    fn schema() -> RefOr<Schema> {
        use crate::error::Problem;
        let types: Vec<&str> = Problem::ALL
            .iter()
            .map(|problem| problem.type_uri())
            .collect();
        let kods: Vec<&str> = Problem::ALL.iter().map(|problem| problem.kod()).collect();
        let listing: Vec<String> = Problem::ALL
            .iter()
            .map(|problem| {
                format!(
                    "`{}` ({}, {})",
                    problem.type_uri(),
                    problem.status().as_u16(),
                    problem.title()
                )
            })
            .collect();
        let schema = serde_json::json!({
            "type": "object",
            "description": texts::ett_fel_som_problem(listing.join(", ")),
            "required": ["type", "title", "status", "detail", "kod", "meddelande", "falt"],
            "additionalProperties": false,
            "properties": {
                "type": {"type": "string", "format": "uri", "enum": types, "description": texts::FELTYPENS_STABILA_URI},
                "title": {"type": "string", "description": texts::FELTYPENS_RUBRIK_PA_SVENSKA},
                "status": {"type": "integer", "minimum": 400, "maximum": 599, "description": "HTTP-statusen."},
                "detail": {"type": "string", "description": texts::VAD_SOM_AR_FEL},
                "pointer": {"type": "string", "description": texts::JSON_PEKARE_RFC_TILL},
                "parameter": {"type": "string", "description": texts::NAMNET_PA_DEN_FELAKTIGA},
                "kod": {"type": "string", "enum": kods, "description": texts::FELTYPENS_KOD_SOM_FORE},
                "meddelande": {"type": "string", "description": texts::SAMMA_SOM_DETAIL_SOM},
                "falt": {"type": ["string", "null"], "description": texts::POINTER_ELLER_PARAMETER_ANNARS}
            }
        });
        serde_json::from_value(schema).unwrap_or_else(|_| ObjectBuilder::new().into())
    }
}

impl ToSchema for ProblemBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Problem")
    }
}

impl PartialSchema for OverklagandeRequest {
    fn schema() -> RefOr<Schema> {
        body_schema(&OVERKLAGANDE)
    }
}

impl ToSchema for OverklagandeRequest {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("OverklagandeBegaran")
    }
}

impl PartialSchema for IvoRequest {
    fn schema() -> RefOr<Schema> {
        body_schema(&IVO)
    }
}

impl ToSchema for IvoRequest {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("IvoBegaran")
    }
}

impl PartialSchema for OmprovningRequest {
    fn schema() -> RefOr<Schema> {
        body_schema(&OMPROVNING)
    }
}

impl ToSchema for OmprovningRequest {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("OmprovningBegaran")
    }
}
