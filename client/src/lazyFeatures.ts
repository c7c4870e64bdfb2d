// Feature modules load on first use (issue 18, item 5). At activation only their commands and tree
// views are registered, as cheap stand-ins: the first call of a command, the first look at a view or
// the first use of services.connections requires the feature's bundle (dist/client/<name>.js, see
// esbuild.mjs) and runs its activate(), which registers the real commands; the stand-in then
// forwards the call. Loading is synchronous (a require of a bundle on disk), once per feature.
import * as vscode from 'vscode';
import type { Feature, FeatureApi } from './features';
import type { ExtensionServices } from './services';

export class LazyFeatures {
  private readonly loaded = new Map<string, FeatureApi>();
  private readonly stubs = new Map<string, vscode.Disposable[]>();
  private readonly views = new Map<string, LazyTreeData>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly features: readonly Feature[],
  ) {}

  /** Registers every feature's command and view stand-ins (no feature code runs). */
  register(): void {
    for (const feature of this.features) {
      this.registerStubs(feature);
      for (const viewId of feature.views ?? []) {
        const data = new LazyTreeData(() => this.load(feature.name).views?.[viewId]);
        this.views.set(viewId, data);
        this.services.context.subscriptions.push(data, vscode.window.createTreeView(viewId, { treeDataProvider: data, showCollapseAll: true }));
      }
    }
  }

  isLoaded(name: string): boolean {
    return this.loaded.has(name);
  }

  /** The feature's API, loading and activating it the first time. */
  load(name: string): FeatureApi {
    const done = this.loaded.get(name);
    if (done) return done;
    const feature = this.features.find((f) => f.name === name);
    if (!feature) throw new Error(`Connector Studio: no feature named "${name}"`);
    const started = Date.now();
    // The real commands take the stand-ins' ids: the stand-ins go first.
    for (const d of this.stubs.get(name) ?? []) d.dispose();
    this.stubs.delete(name);
    let api: FeatureApi;
    try {
      api = feature.load()(this.services) ?? {};
    } catch (e) {
      this.registerStubs(feature);
      this.services.log.error(`Could not load the ${name} feature: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.loaded.set(name, api);
    for (const viewId of feature.views ?? []) this.views.get(viewId)?.refresh();
    this.services.log.info(`Loaded the ${name} feature in ${Date.now() - started} ms.`);
    return api;
  }

  private registerStubs(feature: Feature): void {
    const stubs = feature.commands.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.load(feature.name);
        // The feature registered `id` itself: run it (arguments pass by reference in the extension host).
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
    this.stubs.set(feature.name, stubs);
    this.services.context.subscriptions.push({ dispose: () => this.stubs.get(feature.name)?.forEach((d) => d.dispose()) });
  }
}

/** Tree data that asks the feature's provider, loading the feature when the view first shows. */
class LazyTreeData implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<unknown> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly provider: () => vscode.TreeDataProvider<unknown> | undefined) {}

  private real(): vscode.TreeDataProvider<unknown> | undefined {
    if (!this.target) {
      this.target = this.provider();
      this.forwarding = this.target?.onDidChangeTreeData?.((e) => this.changed.fire(e));
    }
    return this.target;
  }

  /** The feature has loaded: show its data. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real()!.getTreeItem(element);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.real()?.getChildren(element) ?? [];
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.real()?.getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.real();
    return real?.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
