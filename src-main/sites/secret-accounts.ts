/** Keychain account names: one secret per site, one per remembered quick connection. */
export function siteSecretAccount(siteId: string): string {
  return `site/${siteId}`;
}

export function recentSecretAccount(key: string): string {
  return `recent/${key}`;
}
