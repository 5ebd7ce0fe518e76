/*
 * riktlinjer som C-bibliotek: läs in en riktlinje, pröva ärenden.
 *
 * Ägarskap: det biblioteket lämnar genom en ut-pekare ägs av anroparen och lämnas tillbaka
 * med motsvarande frigöringsfunktion (riktlinjer_tables_free, riktlinjer_string_free,
 * riktlinjer_bytes_free). Det anroparen skickar in förblir anroparens och läses bara under
 * anropet. Varje funktion returnerar en statuskod (0 = klart); riktlinjer_last_error ger
 * meddelandet på svenska med platsen det gäller. Ett handtag kan användas från många trådar
 * samtidigt.
 */

#ifndef RIKTLINJER_H
#define RIKTLINJER_H

/* Genererad av cbindgen från std-adapter/ffi; ändra inte för hand. */

#include <stddef.h>
#include <stdint.h>

/**
 * What a call of the library came to. Zero is success; every other value names a kind of
 * failure, and `riktlinjer_last_error` gives its message with the place it concerns.
 */
enum RiktlinjerStatus
#if defined(__cplusplus) || __STDC_VERSION__ >= 202311L
  : int32_t
#endif // defined(__cplusplus) || __STDC_VERSION__ >= 202311L
 {
  /**
   * The call did what it should.
   */
  RIKTLINJER_STATUS_OK = 0,
  /**
   * A required pointer was null.
   */
  RIKTLINJER_STATUS_NULL_POINTER = 1,
  /**
   * A text argument is not UTF-8.
   */
  RIKTLINJER_STATUS_INVALID_UTF8 = 2,
  /**
   * Table bytes are not a valid compiled table.
   */
  RIKTLINJER_STATUS_INVALID_TABLE = 3,
  /**
   * A riktlinje file or folder could not be read or compiled.
   */
  RIKTLINJER_STATUS_LOAD_FAILED = 4,
  /**
   * A riktlinje source has errors; the message lists them with line and column.
   */
  RIKTLINJER_STATUS_COMPILE_FAILED = 5,
  /**
   * The case is not valid under the case contract or the version's catalogue.
   */
  RIKTLINJER_STATUS_INVALID_CASE = 6,
  /**
   * The day of prövning is not a date in the form ÅÅÅÅ-MM-DD.
   */
  RIKTLINJER_STATUS_INVALID_DATE = 7,
  /**
   * No version is in force on the day, or none has the id given.
   */
  RIKTLINJER_STATUS_NO_VERSION = 8,
  /**
   * The core could not evaluate the case (a limit of the table or the case was exceeded).
   */
  RIKTLINJER_STATUS_EVALUATE_FAILED = 9,
  /**
   * The caller's output buffer is too small; the size needed was written.
   */
  RIKTLINJER_STATUS_BUFFER_TOO_SMALL = 10,
  /**
   * An internal fault was caught before it reached the caller; the library is still usable.
   */
  RIKTLINJER_STATUS_PANIC = 99,
};
#ifndef __cplusplus
#if __STDC_VERSION__ >= 202311L
typedef enum RiktlinjerStatus RiktlinjerStatus;
#else
typedef int32_t RiktlinjerStatus;
#endif // __STDC_VERSION__ >= 202311L
#endif // __cplusplus

/**
 * Every version of a riktlinje, loaded and validated; opaque to C. Made by `riktlinjer_load_*`,
 * freed by `riktlinjer_tables_free`. It is never changed after loading, so one handle may be
 * used from any number of threads at once.
 */
typedef struct RiktlinjerTables RiktlinjerTables;

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * The library's version, NUL-terminated; static, never freed.
 */
const char *riktlinjer_version(void);

/**
 * The general Swedish message of a status code, NUL-terminated; static, never freed. A code
 * the library does not have gives "okänd statuskod".
 */
const char *riktlinjer_status_message(int32_t status);

/**
 * The message of the last call on this thread that failed, naming the place (file, line and
 * column, JSON pointer, argument), NUL-terminated; empty after a call that succeeded. It is
 * the library's and stays valid until the next call of the library on this thread.
 */
const char *riktlinjer_last_error(void);

/**
 * Loads one version from the bytes of a compiled table (`riktlinjer compile`), validating
 * every reference once. The bytes are copied; `*out` receives a handle to free with
 * `riktlinjer_tables_free`.
 *
 * # Safety
 * `bytes` points to `len` readable bytes (or is null with `len` 0) and `out` to a writable
 * pointer.
 */
RiktlinjerStatus riktlinjer_load_table(const uint8_t *bytes,
                                       size_t len,
                                       struct RiktlinjerTables **out);

/**
 * Loads every version at `path`: a riktlinje source (`.md`, compiled here), a compiled table
 * (`.bin`), or a folder of either, as `riktlinjer eval --rules` does. `*out` receives a handle
 * to free with `riktlinjer_tables_free`.
 *
 * # Safety
 * `path` is a NUL-terminated string and `out` points to a writable pointer.
 */
RiktlinjerStatus riktlinjer_load_path(const char *path, struct RiktlinjerTables **out);

/**
 * Compiles a riktlinje source (Markdown, UTF-8) into table bytes. `*out` and `*out_len`
 * receive the bytes, to free with `riktlinjer_bytes_free(*out, *out_len)`; on
 * `RIKTLINJER_STATUS_COMPILE_FAILED` the last error lists every fault with line and column.
 *
 * # Safety
 * `source` points to `len` readable bytes; `out` and `out_len` point to writable places.
 */
RiktlinjerStatus riktlinjer_compile(const uint8_t *source,
                                    size_t len,
                                    uint8_t **out,
                                    size_t *out_len);

/**
 * Evaluates a case given as JSON (the case contract, `schema/case.schema.json`) on the day
 * `as_of` (ÅÅÅÅ-MM-DD) under the version named `version`, or, when `version` is null, the
 * version in force that day. `*out` receives the answer, NUL-terminated, exactly as
 * `riktlinjer eval --format json` writes it, and `*out_len` its length without the NUL; free
 * it with `riktlinjer_string_free`.
 *
 * # Safety
 * `tables` is a live handle; `case_json` points to `case_len` readable bytes; `as_of` and a
 * non-null `version` are NUL-terminated; `out` and `out_len` point to writable places.
 */
RiktlinjerStatus riktlinjer_evaluate_json(const struct RiktlinjerTables *tables,
                                          const uint8_t *case_json,
                                          size_t case_len,
                                          const char *as_of,
                                          const char *version,
                                          char **out,
                                          size_t *out_len);

/**
 * Reads a case given as JSON and binds it to the catalogue of the version chosen as in
 * `riktlinjer_evaluate_json`, writing the core's case (`riktlinjer_core::Case`) in postcard
 * into the caller's buffer `out` of `out_cap` bytes. `*written` receives the bytes written,
 * or on `RIKTLINJER_STATUS_BUFFER_TOO_SMALL` the size needed. A case system can prepare its
 * cases this way once and evaluate them with `riktlinjer_evaluate_postcard`.
 *
 * # Safety
 * As `riktlinjer_evaluate_json`, and `out` points to `out_cap` writable bytes and `written`
 * to a writable place.
 */
RiktlinjerStatus riktlinjer_case_to_postcard(const struct RiktlinjerTables *tables,
                                             const uint8_t *case_json,
                                             size_t case_len,
                                             const char *as_of,
                                             const char *version,
                                             uint8_t *out,
                                             size_t out_cap,
                                             size_t *written);

/**
 * Evaluates a case given as the core's case in postcard (`riktlinjer_case_to_postcard`
 * writes one) on `as_of` under the chosen version, writing the core's evaluation
 * (`riktlinjer_core::Evaluation`) in postcard into the caller's buffer. It allocates nothing
 * unless it fails: the path for callers that own all their memory. `*written` receives the
 * bytes written, or on `RIKTLINJER_STATUS_BUFFER_TOO_SMALL` the size needed.
 *
 * # Safety
 * `tables` is a live handle; `case_bytes` points to `case_len` readable bytes; `as_of` and a
 * non-null `version` are NUL-terminated; `out` points to `out_cap` writable bytes and
 * `written` to a writable place.
 */
RiktlinjerStatus riktlinjer_evaluate_postcard(const struct RiktlinjerTables *tables,
                                              const uint8_t *case_bytes,
                                              size_t case_len,
                                              const char *as_of,
                                              const char *version,
                                              uint8_t *out,
                                              size_t out_cap,
                                              size_t *written);

/**
 * Frees a handle from `riktlinjer_load_*`. Null is allowed and does nothing. The handle must
 * not be in use by another thread.
 *
 * # Safety
 * `tables` is null or a handle from this library not yet freed.
 */
void riktlinjer_tables_free(struct RiktlinjerTables *tables);

/**
 * Frees a text from `riktlinjer_evaluate_json`. Null is allowed and does nothing.
 *
 * # Safety
 * `text` is null or a text from this library not yet freed.
 */
void riktlinjer_string_free(char *text);

/**
 * Allocates `len` zeroed bytes owned by the caller, to free with `riktlinjer_bytes_free`.
 * The WebAssembly wrapper writes its inputs into the module's memory this way; a C caller
 * does not need it. Returns null for `len` 0.
 */
uint8_t *riktlinjer_bytes_alloc(size_t len);

/**
 * Frees bytes from `riktlinjer_compile` or `riktlinjer_bytes_alloc`, given with their
 * length. Null is allowed and does nothing.
 *
 * # Safety
 * `bytes` is null or came from this library with exactly `len` bytes and is not yet freed.
 */
void riktlinjer_bytes_free(uint8_t *bytes, size_t len);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* RIKTLINJER_H */
