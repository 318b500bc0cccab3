/** Money always with two decimals and a dollar sign (UI.md, "Words"): the window, the CLI and notifications. */
export function money(valueUSD: number): string {
  return `$${valueUSD.toFixed(2)}`;
}
