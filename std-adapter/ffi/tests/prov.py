"""Prov av C-biblioteket från Python genom ctypes (.ci/run, steget ffi).

    python3 prov.py LIBRIKTLINJER_FFI.so REGLER DATUM [ÄRENDE.json FÖRVÄNTAT.json]...

Varje ärende prövas och svaret jämförs byte för byte med det `riktlinjer eval --format json`
skrev; sedan samma handtag från åtta trådar samtidigt (ctypes släpper GIL under anropet), och
fel som blir statuskoder med meddelanden på svenska. Bara standardbiblioteket behövs.
"""

import ctypes
import sys
import threading

OK, NULL_POINTER, INVALID_CASE, INVALID_DATE, NO_VERSION = 0, 1, 6, 7, 8


def open_library(path):
    lib = ctypes.CDLL(path)
    handle = ctypes.c_void_p
    lib.riktlinjer_load_path.argtypes = [ctypes.c_char_p, ctypes.POINTER(handle)]
    lib.riktlinjer_load_path.restype = ctypes.c_int32
    lib.riktlinjer_evaluate_json.argtypes = [
        handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
    ]
    lib.riktlinjer_evaluate_json.restype = ctypes.c_int32
    lib.riktlinjer_string_free.argtypes = [ctypes.c_void_p]
    lib.riktlinjer_string_free.restype = None
    lib.riktlinjer_tables_free.argtypes = [handle]
    lib.riktlinjer_tables_free.restype = None
    lib.riktlinjer_last_error.argtypes = []
    lib.riktlinjer_last_error.restype = ctypes.c_char_p
    lib.riktlinjer_status_message.argtypes = [ctypes.c_int32]
    lib.riktlinjer_status_message.restype = ctypes.c_char_p
    return lib


class Riktlinje:
    """Ett inläst handtag; frigörs med close()."""

    def __init__(self, lib, path):
        self.lib = lib
        self.handle = ctypes.c_void_p()
        status = lib.riktlinjer_load_path(path.encode(), ctypes.byref(self.handle))
        if status != OK:
            raise RuntimeError(lib.riktlinjer_last_error().decode())

    def evaluate(self, case_json, as_of, version=None):
        """(status, svaret eller felmeddelandet)."""
        out = ctypes.c_void_p()
        out_len = ctypes.c_size_t()
        status = self.lib.riktlinjer_evaluate_json(
            self.handle, case_json, len(case_json), as_of.encode(),
            None if version is None else version.encode(), ctypes.byref(out), ctypes.byref(out_len))
        if status != OK:
            return status, self.lib.riktlinjer_last_error().decode()
        try:
            return status, ctypes.string_at(out, out_len.value)
        finally:
            self.lib.riktlinjer_string_free(out)

    def close(self):
        self.lib.riktlinjer_tables_free(self.handle)
        self.handle = ctypes.c_void_p()


def main(argv):
    library, rules, as_of, *pairs = argv
    lib = open_library(library)
    riktlinje = Riktlinje(lib, rules)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FEL:", what, file=sys.stderr)

    cases = []
    for case_path, expected_path in zip(pairs[::2], pairs[1::2]):
        case_json = open(case_path, "rb").read()
        expected = open(expected_path, "rb").read()
        status, answer = riktlinje.evaluate(case_json, as_of)
        check(status == OK, f"{case_path}: {answer}")
        check(answer == expected, f"{case_path}: svaret är detsamma som riktlinjer eval --format json")
        cases.append((case_json, expected))

    # Samma handtag från åtta trådar samtidigt, varje tråd med alla ärenden.
    results = []

    def work():
        for _ in range(20):
            for case_json, expected in cases:
                results.append(riktlinje.evaluate(case_json, as_of) == (OK, expected))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(len(results) == 8 * 20 * len(cases) and all(results), "samma svar i åtta trådar")

    secret = b'{"schema_version": 1, "person": {"fodelsedatum": "19410512-1248"}}'
    status, message = riktlinje.evaluate(secret, as_of)
    check(status == INVALID_CASE, "ett felaktigt ärende")
    check("/person/fodelsedatum" in message and "1248" not in message, message)
    status, message = riktlinje.evaluate(b"{}", "2026-02-30")
    check(status == INVALID_DATE and message.startswith("as_of: "), message)
    status, message = riktlinje.evaluate(b"{}", as_of, version="finns-inte")
    check(status == NO_VERSION and "finns-inte" not in message, message)
    check(lib.riktlinjer_status_message(INVALID_CASE).decode() == "ärendet är inte giltigt",
          "statuskodens meddelande")
    riktlinje.close()

    print(f"python: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
