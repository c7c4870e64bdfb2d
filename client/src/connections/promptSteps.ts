/**
 * Maps a connection prompt (from deriveConnectionModels) to the input VS Code shows for it:
 * a password InputBox for secrets, a QuickPick for allowedValues, an InputBox with the default
 * otherwise; the tooltip becomes the prompt text. Pure, so it is unit-tested in node.
 */
import type { ConnectionModel, ConnectionPrompt } from '../../../shared/src/connections/model';

export interface PickItem {
  label: string;
  description?: string;
  value: string;
  picked: boolean;
}

export type PromptStep =
  | { type: 'pick'; name: string; title: string; placeholder: string; items: PickItem[]; required: boolean }
  | {
      type: 'input';
      name: string;
      title: string;
      prompt: string;
      password: boolean;
      value: string;
      placeholder: string;
      required: boolean;
      /** Editing a secret: an empty answer keeps the stored value. */
      keepWhenEmpty: boolean;
    };

/**
 * Hidden prompts (uiDefinition.constraints.hidden) are not asked when they have a default or are
 * optional, as in the portal; their default is still used.
 */
export function shouldAsk(prompt: ConnectionPrompt): boolean {
  return !prompt.hidden || (prompt.required && prompt.default === undefined);
}

/** Prompts asked, in order. */
export function promptsToAsk(model: ConnectionModel): ConnectionPrompt[] {
  return model.prompts.filter(shouldAsk);
}

/**
 * @param existing the current value when editing (secrets are never pre-filled: an empty answer keeps them)
 */
export function promptStep(prompt: ConnectionPrompt, index: number, total: number, connectionName: string, existing?: string): PromptStep {
  const title = `${connectionName}: ${prompt.label}${prompt.required ? '' : ' (optional)'} (${index + 1}/${total})`;
  const current = existing ?? prompt.default;
  if (prompt.input === 'pick' && prompt.options?.length) {
    return {
      type: 'pick',
      name: prompt.name,
      title,
      placeholder: prompt.tooltip ?? `Pick ${prompt.label}`,
      required: prompt.required,
      items: prompt.options.map((o) => {
        const item: PickItem = { label: o.label, value: o.value, picked: o.value === current };
        if (o.label !== o.value) item.description = o.value;
        return item;
      }),
    };
  }
  const password = prompt.input === 'password' || prompt.secret;
  const keepWhenEmpty = password && existing !== undefined && existing !== '';
  return {
    type: 'input',
    name: prompt.name,
    title,
    prompt: prompt.tooltip ?? prompt.label,
    password,
    // Secrets are never shown again, not even masked.
    value: password ? '' : (current ?? ''),
    placeholder: keepWhenEmpty ? 'Leave empty to keep the current value' : password ? `Enter ${prompt.label}` : (prompt.default ?? ''),
    required: prompt.required && !keepWhenEmpty,
    keepWhenEmpty,
  };
}

/** InputBox validation message, or undefined when the answer is acceptable. */
export function validateAnswer(step: PromptStep, answer: string): string | undefined {
  if (step.required && answer.trim() === '') return `${step.title.replace(/ \(\d+\/\d+\)$/, '')} is required.`;
  return undefined;
}

/**
 * Folds one answer into the values: empty optional answers are left out, an empty answer to an
 * edited secret keeps the old value.
 */
export function applyAnswer(values: Record<string, string>, step: PromptStep, answer: string, existing?: string): void {
  if (answer === '') {
    if (step.type === 'input' && step.keepWhenEmpty && existing !== undefined) values[step.name] = existing;
    else delete values[step.name];
    return;
  }
  values[step.name] = answer;
}
