// The window's script: asks the shell for the open vault's summary and shows
// it. Text goes in with textContent only, never as HTML.
import { invoke } from "@tauri-apps/api/core";
import { errorText, formatCount, vaultName, type VaultSummary } from "./summary";

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

async function show(): Promise<void> {
  try {
    const summary = await invoke<VaultSummary>("vault_summary");
    document.title = `${vaultName(summary.root)} — Hanji`;
    byId("vault-root").textContent = summary.root;
    byId("count-notes").textContent = formatCount(summary.notes);
    byId("count-attachments").textContent = formatCount(summary.attachments);
    byId("count-links").textContent = formatCount(summary.links);
    byId("vault-counts").hidden = false;
  } catch (error) {
    byId("vault-root").textContent = "";
    const el = byId("vault-error");
    el.textContent = `Cannot open the vault: ${errorText(error)}`;
    el.hidden = false;
  }
}

void show();
