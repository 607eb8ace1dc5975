// The card editor for whichever model is loaded: Demo edits it, Predict and Demo name classes by
// its labels. It follows model loads (an event, not an effect).
import { CardEditor } from './card-editor.svelte.ts';
import { model, type LoadedModel } from './model.svelte.ts';

export const modelCard = new CardEditor();

const follow = (m: LoadedModel) => modelCard.use({ sha256: m.info.sha256, name: m.name, card: m.card as Record<string, unknown> | null });
model.onLoaded(follow);
if (model.current) follow(model.current);
