#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod case;
pub mod date;
pub mod decode;
pub mod error;
pub mod evaluate;
pub mod evaluation;
pub mod frist;
pub mod hash;
pub mod holidays;
pub mod limits;
pub mod table;

pub use case::{
    Ansokan, Beslut, Case, EnumKind, FactId, FactType, Facts, Giltighet, GrundlaggandeBehov, Kon,
    Livsomrade, Livsomraden, Person, SkyddadePersonuppgifter,
};
pub use date::{Date, DateError, DateText, Weekday};
pub use error::{DecodeError, EncodeError, EvaluateError};
pub use evaluate::{Truth, condition, evaluate, evaluate_insats};
pub use evaluation::{Evaluation, InsatsEvaluation, MessageId, Reason};
pub use frist::{FristStatus, LastDay, MoveReason, Period};
pub use hash::{Sha256, sha256};
pub use holidays::{Afton, DayKind, Helgdag};
pub use table::{Enhet, Insats, Lag, Meta, Op, Outcome, Param, Rule, RuleKind, Status, Table};
