#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod case;
pub mod case_frister;
pub mod condition;
pub mod counterfactual;
pub mod date;
pub mod decode;
pub mod error;
pub mod evaluate;
pub mod evaluation;
pub mod facts;
pub mod figure;
mod flat;
pub mod frist;
pub mod hash;
pub mod holidays;
mod id_index;
pub mod insats;
pub mod limits;
pub mod num;
pub mod omfattning;
pub mod skyddsatgard;
pub mod table;
#[cfg(test)]
mod testing;
mod texts;

pub use case::{
    Ansokan, Barnarende, Beslut, Boendeform, Builtin, Case, EnumKind, FactKind, FactScope,
    FactValue, FactValues, Facts, Giltighet, Kon, Person, Roll, Samtycke, SamtyckeAv,
    Samtyckesform, SkyddadePersonuppgifter, SkyddatBoende, Skyddsatgard, SlotMask, Syfte,
};
pub use case_frister::frister;
pub use condition::{atgard_condition, condition, rule_truth};
pub use counterfactual::{Change, Counterfactual, Finding, counterfactual};
pub use date::{Date, DateError, DateText, Weekday};
pub use decode::{AtgardIdx, AtgardRuleIdx, InsatsIdx, ParamIdx, RuleIdx, Table};
pub use error::{DecodeError, EncodeError, EvaluateError};
pub use evaluate::{evaluate, evaluate_into, evaluate_provningar_into};
pub use evaluation::{
    AtgardOutcome, Evaluation, Frist, FristKind, InsatsEvaluation, Lagrum, MessageId, Reason, Role,
    SkyddsatgardEvaluation, Subject,
};
pub use facts::{
    ansokan_facts, person_facts, set_ansokan_facts, set_person_facts, skyddsatgard_facts,
};
pub use figure::{Comparison, Figure, figures};
pub use flat::Truth;
pub use frist::{FristStatus, LastDay, MoveReason, Period};
pub use hash::{Sha256, sha256};
pub use holidays::{Afton, DayKind, Helgdag};
pub use insats::{evaluate_insats, outcome_of};
pub use num::Num;
pub use omfattning::{Computation, Line, LineStatus, compute, compute_with, property_holds};
pub use skyddsatgard::{eget_samtycke, evaluate_atgard};
pub use table::{
    Atgard, AtgardRule, AtgardRuleKind, Code, Component, Enhet, Fact, Grund, Insats, Lag, Meta, Op,
    Outcome, Param, Property, RawTable, Rule, RuleKind, Status, Ursprung,
};
