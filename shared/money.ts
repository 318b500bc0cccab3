/** Money always with two decimals and a dollar sign (UI.md, "Words"): the window, the CLI and notifications. */
export function money(valueUSD: number): string {
  return `$${valueUSD.toFixed(2)}`;
}

/**
 * Money that may be a fraction of a cent (a short script's speech costs $0.0003): two decimals
 * from a cent up, four below, so a real charge never reads as "$0.00".
 */
export function preciseMoney(valueUSD: number): string {
  return valueUSD > 0 && valueUSD < 0.01 ? `$${valueUSD.toFixed(4)}` : money(valueUSD);
}
