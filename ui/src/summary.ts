// Pure helpers for showing a vault summary. No DOM, no Tauri: unit-tested.

/** What the `vault_summary` command answers (the shell's DTO). */
export interface VaultSummary {
  root: string;
  notes: number;
  attachments: number;
  links: number;
}

/** A count with thousands separators, as people read it. */
export function formatCount(n: number): string {
  return Math.trunc(n).toLocaleString("en-US");
}

/** The last component of a folder path, for the window's heading. */
export function vaultName(root: string): string {
  const parts = root.split(/[\\/]+/).filter((p) => p.length > 0);
  return parts.length > 0 ? parts[parts.length - 1] : root;
}

/** An error from `invoke` as one line of text. */
export function errorText(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message;
  return JSON.stringify(error);
}
