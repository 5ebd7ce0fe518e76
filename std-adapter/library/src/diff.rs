//! What changed between two versions of a riktlinje, rule by rule: `riktlinjer diff`.
//!
//! [`diff`] compares two decoded tables and lists every change a nämnd adopts when it revises a
//! riktlinje: insatser added or removed (and their lag, lagrum, enhet or `annars` changed),
//! rules added or removed, and for each rule in both versions a changed villkor, utfall,
//! omfattning, lagrum, avsnitt or skäl (the reason text), a rule moved to another insats, a new
//! order between an insats's rules (the first rule that holds decides), parameters added,
//! removed or given new values, and the skyddsåtgärder and their rules likewise.
//! Rules are matched by their id, insatser by theirs, parameters by name; a villkor is compared
//! as written, with runs of white space folded.
//! It renders the changes as Swedish text for a nämnd (material changes first, then changes of
//! wording only) and as JSON; `batch` uses the same list to name the changed rules behind a
//! changed evaluation. It evaluates nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use riktlinjer_core::table::{ALLA_ATGARDER, AtgardRuleKind};
use riktlinjer_core::{
    DecodeError, Enhet, Insats, Outcome, Param, Rule, RuleKind, Table, Ursprung,
};
use serde_json::{Value, json};

use riktlinjer_compiler::names;

use crate::store::{self, LoadError, Store, Version};
use crate::texts;

/// Why a version could not be had.
#[derive(Debug)]
pub enum VersionError {
    /// The file or folder could not be loaded.
    Load(LoadError),
    /// No version in the folder has the id.
    UnknownId {
        /// The folder.
        rules: PathBuf,
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// The name is neither a file nor, without `--rules`, an id that can be looked up.
    NoRules {
        /// The name given.
        spec: String,
    },
    /// The riktlinje builds on no national baseline with a version of that id (the part after
    /// `@`).
    UnknownLaw {
        /// The riktlinje, as named before the `@`.
        riktlinje: String,
        /// The version of the law asked for.
        lag: String,
        /// The baseline versions the riktlinje has.
        known: Vec<String>,
    },
    /// A riktlinje could not be held to a version of the law.
    Encode {
        /// The riktlinje.
        riktlinje: String,
        /// The cause.
        error: riktlinjer_core::EncodeError,
    },
    /// A table could not be decoded.
    Decode {
        /// The file.
        path: PathBuf,
        /// The cause.
        error: DecodeError,
    },
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::Load(error) => write!(f, "{error}"),
            VersionError::UnknownId { rules, id, known } => write!(
                f,
                "{}",
                texts::ingen_version_med_id(rules.display(), known.join(", "), id)
            ),
            VersionError::NoRules { spec } => write!(f, "{}", texts::ar_ingen_fil_ange(spec)),
            VersionError::UnknownLaw {
                riktlinje,
                lag,
                known,
            } => write!(
                f,
                "{}",
                texts::ingen_lagversion(riktlinje, lag, known.join(", "))
            ),
            VersionError::Encode { riktlinje, error } => {
                write!(
                    f,
                    "{}",
                    texts::kunde_inte_halla_till_lagen(riktlinje, error)
                )
            }
            VersionError::Decode { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for VersionError {}

/// The two versions `from` and `to` name, each a file (`.md` or `.bin`) when one exists at
/// that path and otherwise a version id in the folder `rules`, with the folder read and
/// compiled at most once for both (a comparison or an omprövning of two versions of one
/// riktlinje).
///
/// Either name may end in `@` and a version of the national baseline
/// (`exempelkommun-2025-01-01@sverige-2025-07-01`): the riktlinje is then held to the law as
/// that version reads on every day ([`crate::grund::under_law_of`]), so that an omprövning
/// from one version of the law to the next re-prövar every beslut as a new riktlinje does.
///
/// # Errors
/// A [`VersionError`] naming the first file or id that could not be loaded.
pub fn load_versions(
    rules: Option<&Path>,
    from: &str,
    to: &str,
) -> Result<(Version, Version), VersionError> {
    let mut store = None;
    let from = load_with(&mut store, rules, from)?;
    let to = load_with(&mut store, rules, to)?;
    Ok((from, to))
}

/// The version `spec` names, with the folder's store loaded into `store` the first time it is
/// needed.
fn load_with(
    store: &mut Option<Store>,
    rules: Option<&Path>,
    spec: &str,
) -> Result<Version, VersionError> {
    // A file's own name may hold an `@`: a file by the whole name comes first.
    let law = (!Path::new(spec).is_file())
        .then(|| spec.rsplit_once('@'))
        .flatten();
    let Some((riktlinje, lag)) = law else {
        return load_riktlinje(store, rules, spec);
    };
    let version = load_riktlinje(store, rules, riktlinje)?;
    let bytes = held_to_law(&decode_version(&version)?, riktlinje, lag)?;
    Ok(Version { bytes, ..version })
}

/// The table of the riktlinje `table` (named `riktlinje` in errors) held to the law of the
/// baseline version with id `lag` on every day.
///
/// # Errors
/// [`VersionError::UnknownLaw`] when its baseline has no version `lag` (or it builds on none).
pub fn held_to_law(table: &Table<'_>, riktlinje: &str, lag: &str) -> Result<Vec<u8>, VersionError> {
    let Some(grund) = crate::grund::by_id(table, lag) else {
        return Err(VersionError::UnknownLaw {
            riktlinje: riktlinje.to_owned(),
            lag: lag.to_owned(),
            known: crate::grund::versions(table)
                .into_iter()
                .map(|version| version.id)
                .collect(),
        });
    };
    crate::grund::under_law_of(table, &grund).map_err(|error| VersionError::Encode {
        riktlinje: riktlinje.to_owned(),
        error,
    })
}

/// The version `spec` names (a file, or an id in `rules`), as written.
fn load_riktlinje(
    store: &mut Option<Store>,
    rules: Option<&Path>,
    spec: &str,
) -> Result<Version, VersionError> {
    let path = Path::new(spec);
    if path.is_file() {
        return store::load_file(path).map_err(VersionError::Load);
    }
    let Some(rules) = rules else {
        return Err(VersionError::NoRules {
            spec: spec.to_owned(),
        });
    };
    let store = match store {
        Some(store) => store,
        None => store.insert(Store::load(rules).map_err(VersionError::Load)?),
    };
    let found = store.by_id(spec).cloned();
    found.ok_or_else(|| VersionError::UnknownId {
        rules: rules.to_owned(),
        id: spec.to_owned(),
        known: store
            .versions
            .iter()
            .map(|version| version.riktlinje_id.clone())
            .collect(),
    })
}

/// The name of the version `table` is, as `load_versions` reads it: its riktlinje id, and `@`
/// and the version of the law when the table is held to one.
pub fn version_name(table: &Table<'_>) -> String {
    let id = table.meta().riktlinje_id;
    match crate::grund::fixed(table) {
        Some(lag) => format!("{id}@{}", lag.id),
        None => id.to_owned(),
    }
}

/// The decoded table of a loaded version.
///
/// # Errors
/// [`VersionError::Decode`] (only for a table file changed after it was loaded).
pub fn decode_version(version: &Version) -> Result<Table<'_>, VersionError> {
    version.table().map_err(|error| VersionError::Decode {
        path: version.path.clone(),
        error,
    })
}

/// Every change from one version to another, in a stable order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiktlinjeDiff {
    /// The older version.
    pub from: VersionInfo,
    /// The newer version.
    pub to: VersionInfo,
    /// The changes: by insats in the newer version's order (removed insatser last), parameters
    /// last.
    pub changes: Vec<Change>,
}

/// What identifies a version in a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    /// The riktlinje id.
    pub riktlinje_id: String,
    /// Giltig från.
    pub giltig_fran: String,
    /// Antagen or förslag, as a person reads it.
    pub status: &'static str,
    /// The content hash, hexadecimal.
    pub content_hash: String,
    /// The version of the national baseline the table holds the law to on every day (a version
    /// named `id@sverige-2025-07-01`), or `None` when the law in force on the day of prövning
    /// applies.
    pub lag: Option<String>,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed: an insats, a rule or a parameter.
    pub subject: Subject,
    /// Which part of it.
    pub field: Field,
    /// The value before, as text, when there was one.
    pub before: Option<String>,
    /// The value after, as text, when there is one.
    pub after: Option<String>,
    /// Whether the change is the law's (a rule or a parameter of the national baseline, such as
    /// the values of `socialtjänstlag` under another version of the law) or the nämnd's. An
    /// insats, the order of its rules and a skyddsåtgärd are the riktlinje's.
    pub ursprung: Ursprung,
}

/// The thing a change is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// An insats, by id.
    Insats(String),
    /// A rule, by id, with the insats it belongs to (in the newer version when it is there).
    Rule {
        /// The rule id.
        id: String,
        /// Its insats id.
        insats: String,
    },
    /// A parameter, by name.
    Param(String),
    /// A kind of skyddsåtgärd, by id.
    Atgard(String),
    /// A rule about skyddsåtgärder, by id.
    AtgardRule(String),
}

/// The part of a subject that changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The subject is new.
    Added,
    /// The subject is gone.
    Removed,
    /// A rule's villkor (`när`).
    Villkor,
    /// A rule's utfall.
    Utfall,
    /// A rule's omfattning.
    Omfattning,
    /// A rule's or an insats's lagrum.
    Lagrum,
    /// A rule's skäl: the text a handläggare reads.
    Skal,
    /// The riktlinje section a rule or insats stands in.
    Avsnitt,
    /// The insats a rule belongs to.
    Insats,
    /// The order of an insats's rules.
    Ordning,
    /// An insats's name.
    Namn,
    /// An insats's lag.
    Lag,
    /// An insats's enhet.
    Enhet,
    /// An insats's outcome when no rule decides.
    Annars,
    /// The skyddsåtgärder a rule applies to.
    Atgarder,
    /// Whether a skyddsåtgärd is digital teknik.
    DigitalTeknik,
    /// A parameter's values.
    Varden,
}

impl Field {
    /// The stable code in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Field::Added => "tillagd",
            Field::Removed => "borttagen",
            Field::Villkor => "villkor",
            Field::Utfall => "utfall",
            Field::Omfattning => "omfattning",
            Field::Lagrum => "lagrum",
            Field::Skal => "skal",
            Field::Avsnitt => "avsnitt",
            Field::Insats => "insats",
            Field::Ordning => "ordning",
            Field::Namn => "namn",
            Field::Lag => "lag",
            Field::Enhet => "enhet",
            Field::Annars => "annars",
            Field::Atgarder => "atgarder",
            Field::DigitalTeknik => "digital_teknik",
            Field::Varden => "varden",
        }
    }

    /// The Swedish words for the change, as in "villkoret ändrat".
    pub fn label(self) -> &'static str {
        match self {
            Field::Added => "ny",
            Field::Removed => "borttagen",
            Field::Villkor => texts::VILLKORET_ANDRAT,
            Field::Utfall => texts::UTFALLET_ANDRAT,
            Field::Omfattning => texts::OMFATTNINGEN_ANDRAD,
            Field::Lagrum => texts::LAGRUMMET_ANDRAT,
            Field::Skal => texts::SKALET_TEXTEN_ANDRAT,
            Field::Avsnitt => texts::AVSNITTET_ANDRAT,
            Field::Insats => texts::FLYTTAD_TILL_EN_ANNAN,
            Field::Ordning => texts::ORDNINGEN_MELLAN_REGLERNA_ANDRAD,
            Field::Namn => texts::NAMNET_ANDRAT,
            Field::Lag => texts::LAGEN_ANDRAD,
            Field::Enhet => texts::ENHETEN_ANDRAD,
            Field::Annars => texts::UTFALLET_NAR_INGEN_REGEL,
            Field::Atgarder => texts::ATGARDERNA_REGELN_GALLER_ANDRADE,
            Field::DigitalTeknik => texts::DIGITAL_TEKNIK_ELLER_INTE,
            Field::Varden => texts::VARDENA_ANDRADE,
        }
    }

    /// Whether the change can alter an evaluation (not only its wording or references).
    pub fn is_material(self) -> bool {
        !matches!(
            self,
            Field::Skal | Field::Avsnitt | Field::Lagrum | Field::Namn
        )
    }
}

impl Subject {
    fn kind_code(&self) -> &'static str {
        match self {
            Subject::Insats(_) => "insats",
            Subject::Rule { .. } => "regel",
            Subject::Param(_) => "parameter",
            Subject::Atgard(_) => "skyddsatgard",
            Subject::AtgardRule(_) => "skyddsatgardsregel",
        }
    }

    fn insats(&self) -> Option<&str> {
        match self {
            Subject::Insats(id) | Subject::Rule { insats: id, .. } => Some(id),
            Subject::Param(_) | Subject::Atgard(_) | Subject::AtgardRule(_) => None,
        }
    }
}

/// Compares two versions.
pub fn diff(from: &Table<'_>, to: &Table<'_>) -> RiktlinjeDiff {
    let mut changes = Vec::new();
    let mut insats_order: Vec<&str> = to.insatser().iter().map(|insats| insats.id).collect();
    for insats in from.insatser() {
        if !insats_order.contains(&insats.id) {
            insats_order.push(insats.id);
        }
    }
    for insats_id in insats_order {
        let old = from.insatser().iter().find(|insats| insats.id == insats_id);
        let new = to.insatser().iter().find(|insats| insats.id == insats_id);
        let subject = Subject::Insats(insats_id.to_owned());
        match (old, new) {
            (None, Some(new)) => changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject,
                field: Field::Added,
                before: None,
                after: Some(format!("{} ({})", new.namn, new.lagrum)),
            }),
            (Some(old), None) => changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject,
                field: Field::Removed,
                before: Some(format!("{} ({})", old.namn, old.lagrum)),
                after: None,
            }),
            (Some(old), Some(new)) => insats_changes(old, new, &mut changes),
            (None, None) => {}
        }
        rule_changes(from, to, insats_id, &mut changes);
    }
    param_changes(from.params(), to.params(), &mut changes);
    atgard_changes(from, to, &mut changes);
    RiktlinjeDiff {
        from: VersionInfo::of(from),
        to: VersionInfo::of(to),
        changes,
    }
}

impl VersionInfo {
    fn of(table: &Table<'_>) -> VersionInfo {
        VersionInfo {
            riktlinje_id: table.meta().riktlinje_id.to_owned(),
            giltig_fran: table.meta().giltig_fran.to_string(),
            status: texts::status_label(table.meta().status),
            content_hash: crate::render::hash_hex(&table.content_hash()),
            lag: crate::grund::fixed(table).map(|version| version.id),
        }
    }

    /// The version as a person reads it: its id, first day and status, and the law it is held
    /// to when it is.
    pub fn label(&self) -> String {
        texts::version_label(
            &self.riktlinje_id,
            &self.giltig_fran,
            self.status,
            self.lag.as_deref(),
        )
    }
}

impl RiktlinjeDiff {
    /// The material changes of each rule id (villkor, utfall, omfattning, new, removed, moved,
    /// reordered), for naming the rules behind a changed evaluation.
    pub fn material_by_rule(&self) -> BTreeMap<String, Vec<Field>> {
        let mut by_rule: BTreeMap<String, Vec<Field>> = BTreeMap::new();
        for change in &self.changes {
            if let Subject::Rule { id, .. } = &change.subject
                && change.field.is_material()
            {
                by_rule.entry(id.clone()).or_default().push(change.field);
            }
        }
        by_rule
    }

    /// The insatser whose evaluation can change: those with a material change of their own, of
    /// one of their rules, or of a parameter (which any rule may read).
    pub fn materially_changed_insatser(&self) -> BTreeSet<String> {
        self.changes
            .iter()
            .filter(|change| change.field.is_material())
            .filter_map(|change| change.subject.insats().map(str::to_owned))
            .collect()
    }

    /// The diff as Swedish text for a nämnd.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            texts::andringar_fran_till(self.from.label(), self.to.label())
        );
        if self.changes.is_empty() {
            let _ = writeln!(out, "{}", texts::INGA_ANDRINGAR_I_REGLER);
            return out;
        }
        let material: Vec<&Change> = self
            .changes
            .iter()
            .filter(|change| change.field.is_material())
            .collect();
        let wording: Vec<&Change> = self
            .changes
            .iter()
            .filter(|change| !change.field.is_material())
            .collect();
        let _ = writeln!(
            out,
            "{}",
            texts::andringar_som_kan_andra_en(material.len(), wording.len())
        );
        let (lag, namnd) = self.by_ursprung();
        if lag > 0 {
            let _ = writeln!(out, "{}", texts::andringar_fran_lagen(lag, namnd));
        }
        if !material.is_empty() {
            let _ = writeln!(out, "{}", texts::ANDRINGAR_SOM_KAN_ANDRA);
            write_grouped(&mut out, &material);
        }
        if !wording.is_empty() {
            let _ = writeln!(out, "{}", texts::ANDRINGAR_I_SKAL_LAGRUM);
            write_grouped(&mut out, &wording);
        }
        out
    }

    /// How many changes are the law's and how many the nämnd's.
    pub fn by_ursprung(&self) -> (usize, usize) {
        let lag = self
            .changes
            .iter()
            .filter(|change| change.ursprung == Ursprung::Lag)
            .count();
        (lag, self.changes.len() - lag)
    }

    /// The diff as JSON.
    pub fn to_json(&self) -> Value {
        let version = |info: &VersionInfo| {
            json!({
                "id": info.riktlinje_id,
                "giltig_fran": info.giltig_fran,
                "status": info.status,
                "innehallshash": info.content_hash,
                "lag": info.lag,
            })
        };
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|change| {
                let (id, insats) = match &change.subject {
                    Subject::Insats(id) => (id.as_str(), Some(id.as_str())),
                    Subject::Rule { id, insats } => (id.as_str(), Some(insats.as_str())),
                    Subject::Param(name) | Subject::Atgard(name) | Subject::AtgardRule(name) => {
                        (name.as_str(), None)
                    }
                };
                json!({
                    "typ": change.subject.kind_code(),
                    "id": id,
                    "insats": insats,
                    "andring": change.field.code(),
                    "andring_text": change.field.label(),
                    "paverkar_provning": change.field.is_material(),
                    "fore": change.before,
                    "efter": change.after,
                    "ursprung": texts::ursprung_code(change.ursprung),
                })
            })
            .collect();
        json!({
            "fran": version(&self.from),
            "till": version(&self.to),
            "antal_andringar": self.changes.len(),
            "andringar": changes,
        })
    }
}

fn write_grouped(out: &mut String, changes: &[&Change]) {
    let mut current: Option<&str> = None;
    for change in changes {
        let group = change.subject.insats().unwrap_or(match change.subject {
            Subject::Param(_) => "parametrar",
            _ => "skyddsåtgärder",
        });
        if current != Some(group) {
            let heading = match change.subject {
                Subject::Param(_) => "Parametrar".to_owned(),
                Subject::Atgard(_) | Subject::AtgardRule(_) => "Skyddsåtgärder".to_owned(),
                _ => texts::insats_rubrik(group),
            };
            let _ = writeln!(out, "\n  {heading}");
            current = Some(group);
        }
        let who = match &change.subject {
            Subject::Insats(_) => "insatsen".to_owned(),
            Subject::Rule { id, .. } => texts::regel(id),
            Subject::Param(name) => format!("parametern {name}"),
            Subject::Atgard(id) => texts::skyddsatgarden(id),
            Subject::AtgardRule(id) => texts::regel(id),
        };
        let who = match change.ursprung {
            Ursprung::Lag => texts::fran_lagen(&who),
            Ursprung::Riktlinje => who,
        };
        let _ = match (&change.before, &change.after) {
            (None, Some(after)) => writeln!(out, "  - {who}: {}: {after}", change.field.label()),
            (Some(before), None) => {
                writeln!(out, "  - {who}: {}: {before}", change.field.label())
            }
            (Some(before), Some(after)) => writeln!(
                out,
                "{}",
                texts::fore_efter(change.field.label(), &who, before, after)
            ),
            (None, None) => writeln!(out, "  - {who}: {}", change.field.label()),
        };
    }
}

fn insats_changes(old: &Insats<'_>, new: &Insats<'_>, changes: &mut Vec<Change>) {
    let subject = || Subject::Insats(new.id.to_owned());
    let pairs = [
        (Field::Namn, old.namn.to_owned(), new.namn.to_owned()),
        (
            Field::Lag,
            texts::lag_label(old.lag).to_owned(),
            texts::lag_label(new.lag).to_owned(),
        ),
        (Field::Lagrum, old.lagrum.to_owned(), new.lagrum.to_owned()),
        (
            Field::Enhet,
            enhet_text(old.enhet).to_owned(),
            enhet_text(new.enhet).to_owned(),
        ),
        (
            Field::Annars,
            outcome_text(old.annars).to_owned(),
            outcome_text(new.annars).to_owned(),
        ),
    ];
    for (field, before, after) in pairs {
        if before != after {
            changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject: subject(),
                field,
                before: Some(before),
                after: Some(after),
            });
        }
    }
}

fn rule_changes(from: &Table<'_>, to: &Table<'_>, insats_id: &str, changes: &mut Vec<Change>) {
    let old_rules: &[Rule<'_>] = from
        .insats_index(insats_id)
        .map_or(&[], |index| from.rules_of(index));
    let new_rules: &[Rule<'_>] = to
        .insats_index(insats_id)
        .map_or(&[], |index| to.rules_of(index));
    // A rule of the law may stand under several insatser with one id: it has moved only when it
    // left an insats (`from` has it there, `to` does not) for another.
    let has_rule = |table: &Table<'_>, insats: &str, id: &str| {
        table
            .insats_index(insats)
            .is_some_and(|index| table.rules_of(index).iter().any(|rule| rule.id == id))
    };
    let left = |before: &Table<'_>, after: &Table<'_>, id: &str| -> Option<String> {
        before
            .rules()
            .iter()
            .filter(|rule| rule.id == id)
            .filter_map(|rule| before.insatser().get(usize::from(rule.insats)))
            .map(|insats| insats.id)
            .find(|insats| !has_rule(after, insats, id))
            .map(str::to_owned)
    };
    for new in new_rules {
        let subject = Subject::Rule {
            id: new.id.to_owned(),
            insats: insats_id.to_owned(),
        };
        match old_rules.iter().find(|old| old.id == new.id) {
            None => match left(from, to, new.id) {
                Some(old_insats) => changes.push(Change {
                    ursprung: new.ursprung,
                    subject,
                    field: Field::Insats,
                    before: Some(old_insats),
                    after: Some(insats_id.to_owned()),
                }),
                None => changes.push(Change {
                    ursprung: new.ursprung,
                    subject,
                    field: Field::Added,
                    before: None,
                    after: Some(rule_summary(new)),
                }),
            },
            Some(old) => {
                let pairs = [
                    (
                        Field::Villkor,
                        fold_space(old.villkor),
                        fold_space(new.villkor),
                    ),
                    (
                        Field::Utfall,
                        kind_text(old.utfall).to_owned(),
                        kind_text(new.utfall).to_owned(),
                    ),
                    (
                        Field::Omfattning,
                        omfattning_text(old.omfattning),
                        omfattning_text(new.omfattning),
                    ),
                    (Field::Lagrum, old.lagrum.to_owned(), new.lagrum.to_owned()),
                    (
                        Field::Avsnitt,
                        old.avsnitt.to_owned(),
                        new.avsnitt.to_owned(),
                    ),
                    (Field::Skal, fold_space(old.skal), fold_space(new.skal)),
                ];
                for (field, before, after) in pairs {
                    if before != after {
                        changes.push(Change {
                            ursprung: new.ursprung,
                            subject: subject.clone(),
                            field,
                            before: Some(before),
                            after: Some(after),
                        });
                    }
                }
            }
        }
    }
    for old in old_rules {
        // Reported as moved under the insats it went to.
        if new_rules.iter().any(|new| new.id == old.id) || left(to, from, old.id).is_some() {
            continue;
        }
        changes.push(Change {
            ursprung: old.ursprung,
            subject: Subject::Rule {
                id: old.id.to_owned(),
                insats: insats_id.to_owned(),
            },
            field: Field::Removed,
            before: Some(rule_summary(old)),
            after: None,
        });
    }
    let common_old: Vec<&str> = old_rules
        .iter()
        .map(|rule| rule.id)
        .filter(|id| new_rules.iter().any(|rule| rule.id == *id))
        .collect();
    let common_new: Vec<&str> = new_rules
        .iter()
        .map(|rule| rule.id)
        .filter(|id| old_rules.iter().any(|rule| rule.id == *id))
        .collect();
    if common_old != common_new {
        changes.push(Change {
            ursprung: Ursprung::Riktlinje,
            subject: Subject::Insats(insats_id.to_owned()),
            field: Field::Ordning,
            before: Some(common_old.join(", ")),
            after: Some(common_new.join(", ")),
        });
    }
}

fn param_changes(from: &[Param<'_>], to: &[Param<'_>], changes: &mut Vec<Change>) {
    for new in to {
        let subject = Subject::Param(new.namn.to_owned());
        match from.iter().find(|old| old.namn == new.namn) {
            None => changes.push(Change {
                ursprung: new.ursprung,
                subject,
                field: Field::Added,
                before: None,
                after: Some(param_values(new)),
            }),
            Some(old) => {
                if old.values != new.values {
                    changes.push(Change {
                        ursprung: new.ursprung,
                        subject: subject.clone(),
                        field: Field::Varden,
                        before: Some(param_values(old)),
                        after: Some(param_values(new)),
                    });
                }
                if old.lagrum != new.lagrum {
                    changes.push(Change {
                        ursprung: new.ursprung,
                        subject,
                        field: Field::Lagrum,
                        before: Some(old.lagrum.to_owned()),
                        after: Some(new.lagrum.to_owned()),
                    });
                }
            }
        }
    }
    for old in from {
        if !to.iter().any(|new| new.namn == old.namn) {
            changes.push(Change {
                ursprung: old.ursprung,
                subject: Subject::Param(old.namn.to_owned()),
                field: Field::Removed,
                before: Some(param_values(old)),
                after: None,
            });
        }
    }
}

fn atgard_changes(from: &Table<'_>, to: &Table<'_>, changes: &mut Vec<Change>) {
    for new in to.atgarder() {
        let subject = Subject::Atgard(new.id.to_owned());
        match from.atgarder().iter().find(|old| old.id == new.id) {
            None => changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject,
                field: Field::Added,
                before: None,
                after: Some(format!("{} ({})", new.namn, new.lagrum)),
            }),
            Some(old) => {
                let pairs = [
                    (Field::Namn, old.namn.to_owned(), new.namn.to_owned()),
                    (Field::Lagrum, old.lagrum.to_owned(), new.lagrum.to_owned()),
                    (
                        Field::Avsnitt,
                        old.avsnitt.to_owned(),
                        new.avsnitt.to_owned(),
                    ),
                    (
                        Field::DigitalTeknik,
                        yes_no(old.digital_teknik).to_owned(),
                        yes_no(new.digital_teknik).to_owned(),
                    ),
                ];
                push_pairs(changes, &subject, pairs);
            }
        }
    }
    for old in from.atgarder() {
        if !to.atgarder().iter().any(|new| new.id == old.id) {
            changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject: Subject::Atgard(old.id.to_owned()),
                field: Field::Removed,
                before: Some(format!("{} ({})", old.namn, old.lagrum)),
                after: None,
            });
        }
    }
    for new in to.atgard_rules() {
        let subject = Subject::AtgardRule(new.id.to_owned());
        match from.atgard_rules().iter().find(|old| old.id == new.id) {
            None => changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject,
                field: Field::Added,
                before: None,
                after: Some(texts::nar_atgard(
                    fold_space(new.villkor),
                    atgard_kind_text(new.utfall),
                    new.lagrum,
                )),
            }),
            Some(old) => {
                let pairs = [
                    (
                        Field::Villkor,
                        fold_space(old.villkor),
                        fold_space(new.villkor),
                    ),
                    (
                        Field::Utfall,
                        atgard_kind_text(old.utfall).to_owned(),
                        atgard_kind_text(new.utfall).to_owned(),
                    ),
                    (
                        Field::Atgarder,
                        atgard_names(from, old.atgarder),
                        atgard_names(to, new.atgarder),
                    ),
                    (Field::Lagrum, old.lagrum.to_owned(), new.lagrum.to_owned()),
                    (
                        Field::Avsnitt,
                        old.avsnitt.to_owned(),
                        new.avsnitt.to_owned(),
                    ),
                    (Field::Skal, fold_space(old.skal), fold_space(new.skal)),
                ];
                push_pairs(changes, &subject, pairs);
            }
        }
    }
    for old in from.atgard_rules() {
        if !to.atgard_rules().iter().any(|new| new.id == old.id) {
            changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject: Subject::AtgardRule(old.id.to_owned()),
                field: Field::Removed,
                before: Some(texts::nar_atgard(
                    fold_space(old.villkor),
                    atgard_kind_text(old.utfall),
                    old.lagrum,
                )),
                after: None,
            });
        }
    }
}

fn push_pairs<const N: usize>(
    changes: &mut Vec<Change>,
    subject: &Subject,
    pairs: [(Field, String, String); N],
) {
    for (field, before, after) in pairs {
        if before != after {
            changes.push(Change {
                ursprung: Ursprung::Riktlinje,
                subject: subject.clone(),
                field,
                before: Some(before),
                after: Some(after),
            });
        }
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "ja" } else { "nej" }
}

/// The ids of the skyddsåtgärder a rule's bit set names, in the table's order.
fn atgard_names(table: &Table<'_>, bits: u32) -> String {
    if bits == ALLA_ATGARDER {
        return "alla".to_owned();
    }
    table
        .atgarder()
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            u32::try_from(*index)
                .ok()
                .and_then(|i| 1u32.checked_shl(i))
                .is_some_and(|bit| bits & bit != 0)
        })
        .map(|(_, atgard)| atgard.id)
        .collect::<Vec<_>>()
        .join(", ")
}

fn atgard_kind_text(kind: AtgardRuleKind) -> &'static str {
    names::word_of(&names::ATGARD_RULE_KINDS, kind)
}

fn param_values(param: &Param<'_>) -> String {
    param
        .values
        .iter()
        .map(|(from, value)| texts::fran(value, from))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rule_summary(rule: &Rule<'_>) -> String {
    let omfattning = rule
        .omfattning
        .map(|value| format!(", omfattning {value}"))
        .unwrap_or_default();
    texts::nar(
        fold_space(rule.villkor),
        kind_text(rule.utfall),
        rule.lagrum,
        &omfattning,
    )
}

fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn omfattning_text(value: Option<i64>) -> String {
    value.map_or_else(|| "ingen".to_owned(), crate::texts::decimal_text)
}

/// A rule's utfall as written in the rule language.
pub fn kind_text(kind: RuleKind) -> &'static str {
    names::word_of(&names::RULE_KINDS, kind)
}

fn outcome_text(outcome: Outcome) -> &'static str {
    names::outcome_word(outcome)
}

fn enhet_text(enhet: Enhet) -> &'static str {
    texts::enhet_label(enhet)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "---
id: prov-2026-01-01
kommun: Provkommun
nämnd: Socialnämnden
giltig_från: 2026-01-01
status: antagen
bygger_på: sverige
---

# 1 Trygghetslarm

```insats
id: trygghetslarm
namn: Trygghetslarm
lag: SoL
lagrum: 11 kap. 1 § SoL
enhet: larm
```

```regel
id: TL-1
insats: trygghetslarm
när: bor_ensam
utfall: uppfyller
omfattning: 1
lagrum: 11 kap. 1 § SoL
skäl: Bor ensam.

id: TL-2
insats: trygghetslarm
när: inte bor_ensam
utfall: uppfyller_inte
lagrum: 11 kap. 1 § SoL
skäl: Bor inte ensam.
```
";

    fn check(edit: impl Fn(&str) -> String, expect: &[(&str, Field)]) {
        let new_text = edit(BASE);
        let old = riktlinjer_compiler::compile(BASE).bytes.unwrap_or_default();
        let new = riktlinjer_compiler::compile(&new_text)
            .bytes
            .unwrap_or_default();
        let (Ok(old), Ok(new)) = (Table::decode(&old), Table::decode(&new)) else {
            panic!("the test riktlinjer do not compile:\n{new_text}");
        };
        let found: Vec<(String, Field)> = diff(&old, &new)
            .changes
            .iter()
            .map(|change| {
                let id = match &change.subject {
                    Subject::Insats(id)
                    | Subject::Param(id)
                    | Subject::Atgard(id)
                    | Subject::AtgardRule(id)
                    | Subject::Rule { id, .. } => id,
                };
                (id.clone(), change.field)
            })
            .collect();
        let expect: Vec<(String, Field)> = expect
            .iter()
            .map(|(id, field)| ((*id).to_owned(), *field))
            .collect();
        assert_eq!(found, expect);
    }

    #[test]
    fn rule_level_changes_are_named() {
        check(|text| text.to_owned(), &[]);
        check(
            |text| text.replace("när: bor_ensam\n", "när: bor_ensam och ålder >= 65\n"),
            &[("TL-1", Field::Villkor)],
        );
        check(
            |text| text.replace("omfattning: 1\n", "omfattning: 2\n"),
            &[("TL-1", Field::Omfattning)],
        );
        check(
            |text| text.replace("skäl: Bor ensam.", "skäl: Den enskilde bor ensam."),
            &[("TL-1", Field::Skal)],
        );
        check(
            |text| text.replace("utfall: uppfyller_inte", "utfall: individuell_bedömning"),
            &[("TL-2", Field::Utfall)],
        );
        check(
            |text| text.replace("id: TL-2", "id: TL-3"),
            &[("TL-3", Field::Added), ("TL-2", Field::Removed)],
        );
    }
}
