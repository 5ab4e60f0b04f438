// The vault session: which screen the window is on, the open vault's info,
// the vault chooser's recent list and error, the loading progress, and the
// shell's events. It opens vaults (only folders from the system dialog or
// the recent list: the shell refuses typed paths) and hands every change
// event to its host; it never decides what a change touched and never loads
// the tree or a note itself.
import { api, errorCode, errorMessage, events, type Progress, type VaultChanged, type VaultInfo } from "../api";
import { Coalesced } from "./coalesce";

export type Screen = "starting" | "choose-vault" | "vault";

/** What the session needs from the window around it. */
export interface SessionHost {
  /** A vault is open (`previous` was open before it, if any): show it. */
  opened(info: VaultInfo, previous: VaultInfo | null): Promise<void>;
  /** The open vault changed (never called for `vault_gone`). */
  changed(event: VaultChanged): void;
}

export class Session {
  screen = $state<Screen>("starting");
  info = $state.raw<VaultInfo | null>(null);
  recentVaults = $state.raw<string[]>([]);
  openError = $state<string | null>(null);
  progress = $state.raw<Progress | null>(null);

  /** Bumped for every vault shown: an info fetched for the one before is dropped. */
  private gen = 0;
  private unlisten: (() => void)[] = [];
  private readonly infoJob = new Coalesced(() => this.fetchInfo());

  constructor(private readonly host: SessionHost) {}

  /** Listen to the shell, then show the vault it opened or ask for one. */
  async start(): Promise<void> {
    await this.listen();
    try {
      await this.show(await api.vaultInfo());
    } catch (error) {
      await this.chooseVault(errorCode(error) === "no_vault" ? null : errorMessage(error));
    }
  }

  stop(): void {
    this.unlisten.forEach((f) => f());
    this.unlisten = [];
  }

  /** The vault chooser, with the recent vaults and why it is shown (if not asked for). */
  async chooseVault(error: string | null = null): Promise<void> {
    this.openError = error;
    this.screen = "choose-vault";
    try {
      this.recentVaults = await api.recentVaults();
    } catch {
      this.recentVaults = [];
    }
  }

  /** Takes `root` off the recent list (the folder itself is left alone). */
  async forgetVault(root: string): Promise<void> {
    try {
      this.recentVaults = await api.forgetVault(root);
    } catch {
      // The list is a convenience: it stays as it is.
    }
  }

  /** Back from the vault chooser to the vault already open, if any. */
  cancelChooseVault(): boolean {
    if (!this.info) return false;
    this.screen = "vault";
    return true;
  }

  /** Ask for a folder with the system dialog, then open it as the vault. */
  async pickAndOpenVault(): Promise<void> {
    let folder: string | null;
    try {
      folder = await api.pickVaultFolder();
    } catch (error) {
      this.openError = errorMessage(error);
      return;
    }
    if (folder !== null) await this.openVault(folder);
  }

  /** Open a folder the shell knows: one from the dialog or the recent list. */
  async openVault(path: string): Promise<void> {
    this.openError = null;
    try {
      await this.show(await api.openVault(path));
    } catch (error) {
      this.openError = errorMessage(error);
    }
  }

  /** The vault's counts again (notes came or went). */
  reloadInfo(): Promise<void> {
    return this.infoJob.request();
  }

  private async show(info: VaultInfo): Promise<void> {
    const previous = this.info;
    this.gen++;
    this.info = info;
    this.screen = "vault";
    this.openError = null;
    await this.host.opened(info, previous);
  }

  private async fetchInfo(): Promise<void> {
    const gen = this.gen;
    try {
      const info = await api.vaultInfo();
      if (gen === this.gen) this.info = info;
    } catch {
      // The counts stay as they were; the next change asks again.
    }
  }

  private async listen(): Promise<void> {
    try {
      this.unlisten.push(await events.onProgress((p) => this.onProgress(p)));
      this.unlisten.push(
        await events.onChanged((c) =>
          // A vault folder deleted or moved away cannot be shown any more:
          // back to choosing one, saying why.
          c.vault_gone ? void this.chooseVault(c.warnings[0] ?? "The vault folder is gone.") : this.host.changed(c),
        ),
      );
    } catch {
      // No event channel (outside the shell): the app still works without
      // progress and live updates.
    }
  }

  private onProgress(p: Progress): void {
    if (p.phase !== "ready") {
      this.progress = p;
      return;
    }
    this.progress = null;
    // The shell finished opening a vault while the window asked for one.
    if (this.screen === "choose-vault") {
      api.vaultInfo().then(
        (info) => this.show(info),
        () => {},
      );
    }
  }
}
