// riktlinjer som WebAssembly-modul: kompilera en riktlinje och pröva ärenden i en webbläsare
// eller i Node, med samma svar byte för byte som `riktlinjer eval --format json`.
//
// Modulen är C-biblioteket (std-adapter/ffi) byggt för wasm32-unknown-unknown; den här filen
// lägger texterna i modulens minne, anropar dess C-funktioner och lämnar tillbaka minnet.
// Inga verktyg utöver webbläsaren eller Node behövs.
//
//     import { load } from "./riktlinjer.mjs";
//     const riktlinjer = await load(wasmBytes);          // eller en Response från fetch()
//     const tabell = riktlinjer.compile(markdownText);   // regeltabellens byte
//     const tables = riktlinjer.loadTable(tabell);
//     const svar = tables.evaluate(arendeJson, "2026-02-15");
//     tables.free();

const STATUS_PANIC = 99;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Ett fel från biblioteket: statuskoden och meddelandet på svenska, med platsen det gäller. */
export class RiktlinjerError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "RiktlinjerError";
    this.status = status;
  }
}

/**
 * Läser in modulen ur dess byte (ArrayBuffer, typad vy), en `Response` (eller ett löfte om en,
 * som `fetch()` ger) eller en `WebAssembly.Module`.
 */
export async function load(source) {
  source = await source;
  let instance;
  if (source instanceof WebAssembly.Module) {
    instance = await WebAssembly.instantiate(source, {});
  } else if (typeof Response !== "undefined" && source instanceof Response) {
    ({ instance } = await WebAssembly.instantiateStreaming(source, {}));
  } else {
    ({ instance } = await WebAssembly.instantiate(source, {}));
  }
  return new Riktlinjer(instance.exports);
}

/** Modulen, inläst. Efter ett internt fel (status 99) ska modulen läsas in på nytt. */
export class Riktlinjer {
  constructor(exports) {
    this.exports = exports;
    this.broken = false;
  }

  /** Bibliotekets version. */
  version() {
    return this.#text(this.#call(() => this.exports.riktlinjer_version()));
  }

  /**
   * Kompilerar en riktlinje (Markdown) till regeltabellens byte; samma byte som
   * `riktlinjer compile` skriver. Kastar RiktlinjerError med varje fel, rad och kolumn.
   */
  compile(source) {
    return this.#with([encoder.encode(source)], ([text]) => {
      const out = this.#alloc(8);
      try {
        this.#check(this.exports.riktlinjer_compile(text.ptr, text.len, out, out + 4));
        const [ptr, len] = this.#words(out, 2);
        const bytes = new Uint8Array(this.exports.memory.buffer, ptr, len).slice();
        this.exports.riktlinjer_bytes_free(ptr, len);
        return bytes;
      } finally {
        this.exports.riktlinjer_bytes_free(out, 8);
      }
    });
  }

  /** Läser in en regeltabell ur dess byte och prövar den; frigör resultatet med `free()`. */
  loadTable(bytes) {
    return this.#with([bytes], ([table]) => {
      const out = this.#alloc(4);
      try {
        this.#check(this.exports.riktlinjer_load_table(table.ptr, table.len, out));
        return new Tables(this, this.#words(out, 1)[0]);
      } finally {
        this.exports.riktlinjer_bytes_free(out, 4);
      }
    });
  }

  /** Kompilerar en riktlinje och läser in dess tabell. */
  loadSource(source) {
    return this.loadTable(this.compile(source));
  }

  // Anropar `body` och gör en fälla i modulen till ett RiktlinjerError.
  #call(body) {
    if (this.broken) {
      throw new RiktlinjerError(STATUS_PANIC, "modulen har haft ett internt fel; läs in den på nytt");
    }
    try {
      return body();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        this.broken = true;
        throw new RiktlinjerError(STATUS_PANIC, "internt fel i biblioteket; läs in modulen på nytt");
      }
      throw error;
    }
  }

  // Lägger `inputs` (byte eller NUL-avslutade texter) i modulens minne under `body`.
  #with(inputs, body) {
    return this.#call(() => {
      const placed = [];
      try {
        for (const input of inputs) {
          if (input === null || input === undefined) {
            placed.push({ ptr: 0, len: 0 });
            continue;
          }
          const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
          const ptr = bytes.length === 0 ? 0 : this.#alloc(bytes.length);
          new Uint8Array(this.exports.memory.buffer, ptr, bytes.length).set(bytes);
          placed.push({ ptr, len: bytes.length });
        }
        return body(placed);
      } finally {
        for (const { ptr, len } of placed) {
          if (ptr !== 0) {
            this.exports.riktlinjer_bytes_free(ptr, len);
          }
        }
      }
    });
  }

  #alloc(len) {
    const ptr = this.exports.riktlinjer_bytes_alloc(len);
    if (ptr === 0) {
      throw new RiktlinjerError(STATUS_PANIC, "modulens minne räcker inte");
    }
    return ptr;
  }

  // `count` ord om 32 bitar (wasm32:s pekare och size_t) från `ptr`.
  #words(ptr, count) {
    const view = new DataView(this.exports.memory.buffer);
    return Array.from({ length: count }, (_, index) => view.getUint32(ptr + 4 * index, true));
  }

  // Den NUL-avslutade texten vid `ptr`.
  #text(ptr) {
    const memory = new Uint8Array(this.exports.memory.buffer);
    let end = ptr;
    while (memory[end] !== 0) {
      end++;
    }
    return decoder.decode(memory.subarray(ptr, end));
  }

  #check(status) {
    if (status !== 0) {
      throw new RiktlinjerError(status, this.#text(this.exports.riktlinjer_last_error()));
    }
  }

  // För Tables: samma hjälp utan att göra dem publika.
  static evaluate(riktlinjer, handle, caseJson, asOf, version) {
    const text = typeof caseJson === "string" ? caseJson : JSON.stringify(caseJson);
    const inputs = [encoder.encode(text), cString(asOf), version == null ? null : cString(version)];
    return riktlinjer.#with(inputs, ([caseText, date, chosen]) => {
      const out = riktlinjer.#alloc(8);
      try {
        riktlinjer.#check(
          riktlinjer.exports.riktlinjer_evaluate_json(
            handle, caseText.ptr, caseText.len, date.ptr, chosen.ptr, out, out + 4));
        const [ptr, len] = riktlinjer.#words(out, 2);
        const answer = decoder.decode(new Uint8Array(riktlinjer.exports.memory.buffer, ptr, len));
        riktlinjer.exports.riktlinjer_string_free(ptr);
        return answer;
      } finally {
        riktlinjer.exports.riktlinjer_bytes_free(out, 8);
      }
    });
  }

  static free(riktlinjer, handle) {
    riktlinjer.#call(() => riktlinjer.exports.riktlinjer_tables_free(handle));
  }
}

/** En inläst riktlinjeversion. Frigörs med `free()`. */
export class Tables {
  constructor(riktlinjer, handle) {
    this.riktlinjer = riktlinjer;
    this.handle = handle;
  }

  /**
   * Prövar ett ärende (JSON-text eller objekt enligt schema/case.schema.json) på dagen `asOf`
   * (ÅÅÅÅ-MM-DD). Svaret är texten `riktlinjer eval --format json` skriver, byte för byte.
   * `version` väljer en version efter id; utan den gäller tabellens version om den har trätt i kraft.
   */
  evaluate(caseJson, asOf, version) {
    if (this.handle === 0) {
      throw new RiktlinjerError(1, "tables: riktlinjen är redan frigjord");
    }
    return Riktlinjer.evaluate(this.riktlinjer, this.handle, caseJson, asOf, version);
  }

  /** Lämnar tillbaka minnet; riktlinjen kan inte användas efter det. */
  free() {
    if (this.handle !== 0) {
      Riktlinjer.free(this.riktlinjer, this.handle);
      this.handle = 0;
    }
  }
}

function cString(text) {
  const bytes = encoder.encode(text);
  const terminated = new Uint8Array(bytes.length + 1);
  terminated.set(bytes);
  return terminated;
}
