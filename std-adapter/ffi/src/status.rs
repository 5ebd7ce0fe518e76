//! The status codes the C functions return, their Swedish messages, the thread's last error,
//! and the guard every exported function runs its body in.
//!
//! A body returns `Result<(), Failure>`; the guard turns that into a [`Status`] and keeps the
//! failure's message for [`crate::riktlinjer_last_error`]. A panic inside a body is caught here
//! and becomes [`Status::Panic`]: it never unwinds into the caller's frames. This file holds no
//! `unsafe`.

use std::cell::RefCell;
use std::ffi::CString;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::texts;

/// What a call of the library came to. Zero is success; every other value names a kind of
/// failure, and `riktlinjer_last_error` gives its message with the place it concerns.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The call did what it should.
    Ok = 0,
    /// A required pointer was null.
    NullPointer = 1,
    /// A text argument is not UTF-8.
    InvalidUtf8 = 2,
    /// Table bytes are not a valid compiled table.
    InvalidTable = 3,
    /// A riktlinje file or folder could not be read or compiled.
    LoadFailed = 4,
    /// A riktlinje source has errors; the message lists them with line and column.
    CompileFailed = 5,
    /// The case is not valid under the case contract or the version's catalogue.
    InvalidCase = 6,
    /// The day of prövning is not a date in the form ÅÅÅÅ-MM-DD.
    InvalidDate = 7,
    /// No version is in force on the day, or none has the id given.
    NoVersion = 8,
    /// The core could not evaluate the case (a limit of the table or the case was exceeded).
    EvaluateFailed = 9,
    /// The caller's output buffer is too small; the size needed was written.
    BufferTooSmall = 10,
    /// An internal fault was caught before it reached the caller; the library is still usable.
    Panic = 99,
}

impl Status {
    /// Every status, in the order of their codes.
    const ALL: [Status; 12] = [
        Status::Ok,
        Status::NullPointer,
        Status::InvalidUtf8,
        Status::InvalidTable,
        Status::LoadFailed,
        Status::CompileFailed,
        Status::InvalidCase,
        Status::InvalidDate,
        Status::NoVersion,
        Status::EvaluateFailed,
        Status::BufferTooSmall,
        Status::Panic,
    ];

    /// The status's general message in Swedish, NUL-terminated for C.
    pub fn message(self) -> &'static str {
        texts::status_message(self)
    }

    /// The status with code `code`, if there is one.
    pub fn from_code(code: i32) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| *status as i32 == code)
    }
}

/// Why a body failed: its status and a Swedish message naming the place.
#[derive(Debug)]
pub struct Failure {
    /// The status to return.
    pub status: Status,
    /// The message, which never repeats a value from a case.
    pub message: String,
}

impl Failure {
    /// A failure with `status` and `message`.
    pub fn new(status: Status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
}

thread_local! {
    /// The message of the last failed call on this thread; `None` after a call that succeeded,
    /// so that success allocates nothing.
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

/// Runs `body`, catching a panic, and keeps the message of a failure for this thread.
pub fn guard(body: impl FnOnce() -> Result<(), Failure>) -> Status {
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => None,
        Ok(Err(failure)) => Some(failure),
        Err(_) => Some(Failure::new(
            Status::Panic,
            Status::Panic.message().trim_end_matches('\0'),
        )),
    };
    let status = failure
        .as_ref()
        .map_or(Status::Ok, |failure| failure.status);
    // A message is our own text; a NUL inside it would cut it short in C, so it goes.
    let text =
        failure.map(|failure| CString::new(failure.message.replace('\0', "")).unwrap_or_default());
    // The thread's slot may already be torn down when a thread exits; then there is nowhere
    // to keep the message, and the status still says what happened.
    let _ = LAST_ERROR.try_with(|slot| *slot.borrow_mut() = text);
    status
}

/// Calls `read` with this thread's last error message (`None` after a call that succeeded).
pub fn with_last_error<T>(read: impl FnOnce(Option<&CString>) -> T) -> Option<T> {
    LAST_ERROR
        .try_with(|slot| read(slot.borrow().as_ref()))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_body_is_a_status_and_a_swedish_message() {
        let status = guard(|| panic!("en avsiktlig panik"));
        assert_eq!(status, Status::Panic);
        let message = with_last_error(|text| text.map(|text| text.to_string_lossy().into_owned()));
        assert_eq!(
            message.flatten().as_deref(),
            Some("internt fel i biblioteket; anropet avbröts utan verkan")
        );
        assert_eq!(guard(|| Ok(())), Status::Ok);
        assert_eq!(with_last_error(|text| text.is_none()), Some(true));
    }

    #[test]
    fn every_status_has_its_code_and_a_terminated_message() {
        for (code, status) in (0..).zip(Status::ALL) {
            let expected = if status == Status::Panic { 99 } else { code };
            assert_eq!(Status::from_code(expected), Some(status));
            assert!(status.message().ends_with('\0'));
            assert_eq!(status.message().matches('\0').count(), 1);
        }
        assert_eq!(Status::from_code(-1), None);
    }
}
