// Typer för riktlinjer.mjs, WebAssembly-modulens omslag (TypeScript).

/** Ett fel från biblioteket: statuskoden (se riktlinjer.h) och meddelandet på svenska. */
export class RiktlinjerError extends Error {
  readonly name: "RiktlinjerError";
  /** 1 nollpekare, 2 ogiltig UTF-8, 3 ogiltig regeltabell, 5 riktlinjen har fel, 6 ogiltigt ärende, 7 ogiltigt datum, 8 ingen version, 9 prövningen misslyckades, 99 internt fel. */
  readonly status: number;
  constructor(status: number, message: string);
}

/** Modulens byte, en `Response` från `fetch()` (eller löftet om den) eller en redan kompilerad modul. */
export type ModuleSource = BufferSource | Response | Promise<Response> | WebAssembly.Module;

/** Läser in modulen. */
export function load(source: ModuleSource): Promise<Riktlinjer>;

/** Modulen, inläst. Efter ett internt fel (status 99) ska den läsas in på nytt. */
export class Riktlinjer {
  /** Bibliotekets version. */
  version(): string;
  /** Kompilerar en riktlinje (Markdown) till regeltabellens byte, samma som `riktlinjer compile` skriver. */
  compile(source: string): Uint8Array;
  /** Läser in en regeltabell och prövar den; frigörs med `free()`. */
  loadTable(bytes: BufferSource): Tables;
  /** Kompilerar en riktlinje och läser in dess tabell. */
  loadSource(source: string): Tables;
}

/** En inläst riktlinjeversion. */
export class Tables {
  /**
   * Prövar ett ärende enligt schema/case.schema.json på dagen `asOf` (ÅÅÅÅ-MM-DD); svaret är
   * texten `riktlinjer eval --format json` skriver, byte för byte. `version` väljer en version efter id.
   */
  evaluate(caseJson: string | object, asOf: string, version?: string): string;
  /** Lämnar tillbaka minnet. */
  free(): void;
}
