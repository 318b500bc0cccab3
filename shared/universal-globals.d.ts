/**
 * shared/ compiles without Node's and the DOM's type libraries, so it cannot reach
 * either by accident. These are the few web-platform globals that exist, with the
 * same behaviour, in both Node and Chromium; only what shared/ uses is declared.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly host: string;
  readonly pathname: string;
  readonly origin: string;
  readonly search: string;
}
