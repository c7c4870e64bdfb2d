// The questions of New Connection and Edit: authentication set, name, then one input per
// connection parameter (password box, drop-down or text box, see promptSteps.ts).
import * as vscode from 'vscode';
import type { ConnectionModel, ConnectionModels } from '../../../shared/src/connections/model';
import { applyAnswer, promptStep, promptsToAsk, validateAnswer, type PromptStep } from './promptSteps';

/** Lets the author pick a connectionParameterSet; the only model when there is one. */
export async function pickModel(models: ConnectionModels, connectorLabel: string): Promise<ConnectionModel | undefined> {
  if (models.models.length === 1 && !models.choice) return models.models[0];
  const items = models.models.map((model) => ({
    label: model.setLabel ?? model.setName ?? model.label,
    description: model.label,
    detail: model.notes.join(' ') || undefined,
    model,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `New connection for ${connectorLabel}: ${models.choice?.label ?? 'Authentication type'}`,
    placeHolder: models.choice?.tooltip ?? 'Pick how this connection authenticates',
    ignoreFocusOut: true,
  });
  return picked?.model;
}

export async function askName(title: string, value: string, taken: readonly string[]): Promise<string | undefined> {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title,
    prompt: 'Name of the connection',
    value,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'A name is required.' : lower.has(text.trim().toLowerCase()) ? 'A connection of this connector already has this name.' : undefined),
  });
  return name?.trim();
}

async function ask(step: PromptStep): Promise<string | undefined> {
  if (step.type === 'pick') {
    const items = step.items.map((i) => ({ label: i.label, description: i.description, value: i.value, picked: i.picked }));
    // Pre-selected default first so Enter accepts it.
    items.sort((a, b) => Number(b.picked) - Number(a.picked));
    const picked = await vscode.window.showQuickPick(items, { title: step.title, placeHolder: step.placeholder, ignoreFocusOut: true });
    return picked?.value;
  }
  return vscode.window.showInputBox({
    title: step.title,
    prompt: step.prompt,
    password: step.password,
    value: step.value,
    placeHolder: step.placeholder,
    ignoreFocusOut: true,
    validateInput: (text) => validateAnswer(step, text),
  });
}

/**
 * Asks every parameter of the model. Returns undefined when the author pressed Escape.
 * @param existing current values when editing
 */
export async function askValues(model: ConnectionModel, connectionName: string, existing: Record<string, string> = {}): Promise<Record<string, string> | undefined> {
  const prompts = promptsToAsk(model);
  const values: Record<string, string> = {};
  // Values of prompts not asked (hidden with a default) are kept when editing.
  for (const [k, v] of Object.entries(existing)) if (!prompts.some((p) => p.name === k)) values[k] = v;
  for (const [index, prompt] of prompts.entries()) {
    const step = promptStep(prompt, index, prompts.length, connectionName, existing[prompt.name]);
    const answer = await ask(step);
    if (answer === undefined) return undefined;
    applyAnswer(values, step, answer, existing[prompt.name]);
  }
  return values;
}
