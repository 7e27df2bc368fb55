/**
 * The part of cli-progress 3.12 that Sitrep uses (the package ships no types,
 * and `@types/cli-progress` is not a dependency).
 */
declare module 'cli-progress' {
  interface Options {
    stream?: NodeJS.WritableStream;
    format?: string;
    hideCursor?: boolean;
    etaBuffer?: number;
    fps?: number;
  }
  class SingleBar {
    constructor(opts: Options, preset?: object);
    start(total: number, start: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    stop(): void;
  }
  const Presets: { shades_classic: object };
  const cliProgress: { SingleBar: typeof SingleBar; Presets: typeof Presets };
  export default cliProgress;
}
