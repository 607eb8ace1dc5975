// What a text model's input carries, told from its name (input_ids, attention_mask, token_type_ids,
// position_ids, and the looser names exporters use). No imports: the folder reader and the tensor
// builder both use it.

export type TextInputRole = 'input_ids' | 'attention_mask' | 'token_type_ids' | 'position_ids';

/** The role an input name means (also "ids", "input", "tokens" for the ids); undefined when none. */
export function textInputRole(name: string): TextInputRole | undefined {
  const n = name.toLowerCase();
  if (n === 'input_ids' || n === 'attention_mask' || n === 'token_type_ids' || n === 'position_ids') return n;
  if (/mask/.test(n)) return 'attention_mask';
  if (/type/.test(n)) return 'token_type_ids';
  if (/position/.test(n)) return 'position_ids';
  if (/ids|input|token/.test(n)) return 'input_ids';
  return undefined;
}

/** True when an input of this name carries token ids (input_ids, ids, tokens…), not a mask or types. */
export function isTokenIdsInput(name: string): boolean {
  return textInputRole(name) === 'input_ids';
}
